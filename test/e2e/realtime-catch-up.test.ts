import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/loopback/slack-api.js';
import { type Harness, postsIn, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * After a failed realtime post, the next change to that channel retries the backlog at once: the tick
 * (30 s in production) is set to an hour here, so only the change can have caused the retry; a burst
 * of thread replies goes out at once (burstMs 0) instead of after its minute.
 */

const CHANNEL = 'C0CATCHUP1';

describe.each<[string, Fault]>([
  ['HTTP 500', { status: 500 }],
  ['ok:false', { error: 'internal_error' }],
  ['429 Retry-After 1', { status: 429, retryAfter: 1 }],
])('realtime catch-up after %s', (_name, fault) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      seed: 'demo',
      channels: { tickMs: 3_600_000, maxRateLimitWaits: 0, burstMs: 0 },
    });
    await h.command('/winwin subscribe steel-posco realtime totals', { user: USERS.admin, channel: CHANNEL });
  });
  afterAll(() => h.close());

  it('the next change to the channel posts the backlog first, then itself, without waiting for a tick', async () => {
    const start = h.fake.seq();
    h.fake.failNext('chat.postMessage', fault);
    await h.command('/winwin pledge steel-posco 1억 "Backlog One" status:committed', { user: USERS.editor });
    const failed = await h.fake.waitForCall('chat.postMessage', (c) => c.fault !== undefined, {
      afterSeq: start,
    });
    expect(failed.args.channel).toBe(CHANNEL);
    await h.winwin.channels.idle();
    const missed = h.store.lastEventId();
    expect(h.state().subscriptions.find((s) => s.channel === CHANNEL)?.watermark).toBeLessThan(missed);
    expect(postsIn(h, CHANNEL, start)).toEqual([]);

    const next = h.fake.seq();
    const began = Date.now();
    await h.command('/winwin pledge steel-posco 2억 "Backlog Two" status:committed', { user: USERS.editor });
    await h.fake.waitFor(() => postsIn(h, CHANNEL, next).length >= 2, 10_000);
    expect(Date.now() - began).toBeLessThan(10_000);
    const [first, second] = postsIn(h, CHANNEL, next);
    // Oldest first: the missed change is the card, the new one a reply in its thread.
    expect(textOf(first?.args)).toContain('Backlog One');
    expect(first?.args.thread_ts).toBeUndefined();
    expect(textOf(second?.args)).toContain('Backlog Two');
    expect(second?.args.thread_ts).toBeDefined();
    await h.winwin.channels.idle();
    expect(h.state().subscriptions.find((s) => s.channel === CHANNEL)?.watermark).toBe(h.store.lastEventId());
  });
});
