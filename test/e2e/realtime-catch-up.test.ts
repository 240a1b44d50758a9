import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, RecordedCall } from '../../src/loopback/slack-api.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * After a failed realtime post, the next change to that channel retries the backlog at once: the tick
 * (30 s in production) is set to an hour here, so only the change can have caused the retry.
 */

const CHANNEL = 'C0CATCHUP1';
const OTHER = 'C0CATCHUP2';

const postsTo = (h: Harness, channel: string, afterSeq: number): RecordedCall[] =>
  h.fake
    .calls('chat.postMessage')
    .filter((c) => c.seq > afterSeq && c.args.channel === channel && c.fault === undefined);

describe.each<[string, Fault]>([
  ['HTTP 500', { status: 500 }],
  ['ok:false', { error: 'internal_error' }],
  ['429 Retry-After 1', { status: 429, retryAfter: 1 }],
])('realtime catch-up after %s', (_name, fault) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', channels: { tickMs: 3_600_000, maxRateLimitWaits: 0 } });
    await h.command('/winwin subscribe steel-posco realtime totals', { user: USERS.admin, channel: CHANNEL });
    await h.command('/winwin subscribe autos realtime totals', { user: USERS.admin, channel: OTHER });
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
    expect(postsTo(h, CHANNEL, start)).toEqual([]);

    const next = h.fake.seq();
    const began = Date.now();
    await h.command('/winwin pledge steel-posco 2억 "Backlog Two" status:committed', { user: USERS.editor });
    await h.fake.waitFor(() => postsTo(h, CHANNEL, next).length >= 2, 10_000);
    expect(Date.now() - began).toBeLessThan(10_000);
    const [first, second] = postsTo(h, CHANNEL, next);
    // Oldest first: the missed change is the card, the new one a reply in its thread.
    expect(textOf(first?.args)).toContain('Backlog One');
    expect(first?.args.thread_ts).toBeUndefined();
    expect(textOf(second?.args)).toContain('Backlog Two');
    expect(second?.args.thread_ts).toBeDefined();
    await h.winwin.channels.idle();
    expect(h.state().subscriptions.find((s) => s.channel === CHANNEL)?.watermark).toBe(h.store.lastEventId());
  });

  it('a change for another channel retries the stuck one at once too, and nothing is posted twice', async () => {
    const start = h.fake.seq();
    h.fake.failNext('chat.postMessage', fault);
    await h.command('/winwin pledge steel-posco 1억 "Stuck One" status:committed', { user: USERS.editor });
    await h.fake.waitForCall('chat.postMessage', (c) => c.fault !== undefined, { afterSeq: start });
    await h.winwin.channels.idle();
    const other = h.fake.seq();
    await h.command('/winwin pledge autos-hyundai 1억 "Elsewhere" status:committed', { user: USERS.editor });
    await h.fake.waitFor(
      () => postsTo(h, OTHER, other).length >= 1 && postsTo(h, CHANNEL, other).length >= 1,
      10_000,
    );
    await h.winwin.channels.idle();
    const next = h.fake.seq();
    await h.command('/winwin pledge steel-posco 1억 "Stuck Two" status:committed', { user: USERS.editor });
    await h.fake.waitFor(() => postsTo(h, CHANNEL, next).length >= 1, 10_000);
    await h.winwin.channels.idle();
    const texts = postsTo(h, CHANNEL, start).map((c) => textOf(c.args));
    expect(texts.filter((t) => t.includes('Stuck One'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Stuck Two'))).toHaveLength(1);
    expect(texts.some((t) => t.includes('Elsewhere'))).toBe(false);
  });
});
