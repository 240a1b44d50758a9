import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Winwin } from '../../src/app.js';
import { editProgram, setProgramStatus } from '../../src/domain/programs.js';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import type { Store } from '../../src/storage/store.js';
import { type Harness, postsIn, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Daily digests driven by an injected clock. Monday 2025-12-01 10:00 in Seoul is 01:00 UTC; the
 * digest time is 09:00 Asia/Seoul, i.e. 00:00 UTC.
 */
const DAILY = 'C0DAILY01';
const at = (iso: string): Date => new Date(iso);

describe('daily digests', () => {
  let h: Harness;
  let now = at('2025-12-01T01:00:00Z');
  /** A second app process on the same store file (the restart), when started. */
  let restarted: { winwin: Winwin; store: Store } | undefined;

  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  /** Starts the app again on the store file, as a new process would, with the test's clock. */
  const restart = async (): Promise<{ winwin: Winwin; store: Store }> => {
    restarted = await h.restart();
    return restarted;
  };

  const sub = (store: Store = h.store) => store.read().subscriptions.find((s) => s.channel === DAILY);

  it('subscribing defaults to daily totals', async () => {
    const reply = await h.command('/winwin subscribe all', { user: USERS.editor, channel: DAILY });
    expect(textOf(reply)).toContain('daily at 09:00 (Asia/Seoul), totals');
    expect(sub()).toMatchObject({ cadence: 'daily', detail: 'totals', createdBy: USERS.editor });
  });

  it('is not due before 09:00 the next day in Seoul', async () => {
    await h.command('/winwin pledge retail 3억 "Hush Retail" status:verbal', { user: USERS.editor });
    await h.command('/winwin pledge autos-hl 2억 "Mando" kind:corporation status:committed', {
      user: USERS.editor,
    });
    await h.command('/winwin set P10 suspended halted', { user: USERS.editor });
    now = at('2025-12-01T23:59:59Z'); // 08:59:59 on Tuesday in Seoul
    expect(await h.winwin.channels.runDueDigests(now)).toEqual([]);
    expect(postsIn(h, DAILY)).toEqual([]);
  });

  let firstDigest: RecordedCall | undefined;

  it('at 09:00 posts exactly one digest with the changes, and no unsigned name', async () => {
    now = at('2025-12-02T00:00:00Z');
    const runs = await h.winwin.channels.runDueDigests(now);
    expect(runs).toEqual([{ channel: DAILY, target: 'all', outcome: 'posted' }]);
    const posts = postsIn(h, DAILY);
    expect(posts).toHaveLength(1);
    firstDigest = posts[0];
    const text = textOf(firstDigest?.args);
    expect(text).toContain('Daily digest · all programs');
    expect(text).toContain('Mando');
    expect(text).toContain('an undisclosed contributor');
    expect(text).toContain('Where each program stands');
    const raw = JSON.stringify(firstDigest?.args);
    expect(raw).not.toContain('Hush Retail');
    expect(raw).not.toContain('Coupang');
    expect(raw).not.toContain('<@'); // nobody is pinged by a digest
    expect(sub()).toMatchObject({ watermark: h.store.lastEventId(), lastDigestAt: now.toISOString() });
  });

  it('running again at the same time posts nothing', async () => {
    expect(await h.winwin.channels.runDueDigests(now)).toEqual([]);
    expect(postsIn(h, DAILY)).toHaveLength(1);
  });

  it('a restart of the app on the same store file does not repost', async () => {
    const seq = h.fake.seq();
    await h.winwin.stop();
    await h.store.close();
    const { store, winwin } = await restart();
    expect(await winwin.channels.runDueDigests(now)).toEqual([]);
    await winwin.channels.idle();
    expect(postsIn(h, DAILY, seq)).toEqual([]);
    expect(sub(store)?.watermark).toBe(store.lastEventId());
  });

  it('a day without changes posts nothing, but counts as that day’s digest', async () => {
    const live = restarted;
    if (live === undefined) throw new Error('no restarted app');
    const seq = h.fake.seq();
    now = at('2025-12-03T00:00:30Z');
    expect(await live.winwin.channels.runDueDigests(now)).toEqual([
      { channel: DAILY, target: 'all', outcome: 'quiet' },
    ]);
    expect(postsIn(h, DAILY, seq)).toEqual([]);
    expect(sub(live.store)?.lastDigestAt).toBe(now.toISOString());
  });

  it('a failed post (500) is retried on a later tick, not dropped; a 429 is waited out', async () => {
    const live = restarted;
    if (live === undefined) throw new Error('no restarted app');
    const { store, winwin } = live;
    await store.mutate((state) =>
      setProgramStatus(state, 'steel-posco', 'on_hold', 'IBK payment delayed', { actor: USERS.editor, now }),
    );
    const seq = h.fake.seq();
    now = at('2025-12-04T00:00:00Z');
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect(await winwin.channels.runDueDigests(now)).toEqual([
      { channel: DAILY, target: 'all', outcome: 'failed' },
    ]);
    expect(sub(store)?.lastDigestAt).toBe('2025-12-03T00:00:30.000Z');

    now = at('2025-12-04T00:00:30Z');
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await winwin.channels.runDueDigests(now)).toEqual([
      { channel: DAILY, target: 'all', outcome: 'posted' },
    ]);
    const tries = h.fake.calls('chat.postMessage').filter((c) => c.seq > seq && c.args.channel === DAILY);
    expect(
      tries.map((c) => (c.fault === undefined ? 'ok' : 'status' in c.fault ? c.fault.status : c.fault.error)),
    ).toEqual([500, 429, 'ok']);
    expect(textOf(tries[2]?.args)).toContain('IBK payment delayed');
    expect(sub(store)?.watermark).toBe(store.lastEventId());
  });

  it('a digest missed while the app was down goes out at start-up', async () => {
    const live = restarted;
    if (live === undefined) throw new Error('no restarted app');
    await live.winwin.stop();
    await live.store.mutate((state) =>
      editProgram(state, 'shipbuilding-hd', { note: 'Supply from Q1 2026' }, { actor: USERS.editor, now }),
    );
    await live.store.close();
    // Down through Friday's and Saturday's 09:00; back on Saturday afternoon.
    now = at('2025-12-06T06:00:00Z');
    const seq = h.fake.seq();
    const { store, winwin } = await restart();
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === DAILY, {
      afterSeq: seq,
    });
    expect(textOf(post.args)).toContain('Supply from Q1 2026');
    await winwin.channels.idle();
    expect(postsIn(h, DAILY, seq)).toHaveLength(1);
    expect(sub(store)?.lastDigestAt).toBe(now.toISOString());
  });
});

describe('/winwin digest (ephemeral)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('shows the last 24 hours for the requester: names for editors, undisclosed for viewers', async () => {
    await h.command('/winwin pledge retail 3억 "Quiet Corp" status:verbal', { user: USERS.editor });
    const seq = h.fake.seq();
    const viewer = await h.command('/winwin digest retail', { user: USERS.viewer, channel: 'C0NOSUBS1' });
    expect(viewer.response_type).toBe('ephemeral');
    expect(textOf(viewer)).toContain('pledge recorded');
    expect(JSON.stringify(viewer)).not.toContain('Quiet Corp');
    expect(textOf(viewer)).toContain('an undisclosed contributor');
    const editor = await h.command('/winwin digest retail', { user: USERS.editor, channel: 'C0NOSUBS1' });
    expect(textOf(editor)).toContain('Quiet Corp');
    // Nothing was posted to the channel.
    expect(h.fake.calls('chat.postMessage').filter((c) => c.seq > seq)).toEqual([]);
  });

  it("covers what changed since this channel's last digest", async () => {
    await h.command('/winwin subscribe steel', { user: USERS.editor, channel: 'C0STEEL01' });
    const quiet = await h.command('/winwin digest', { user: USERS.viewer, channel: 'C0STEEL01' });
    expect(textOf(quiet)).toContain('Nothing changed');
    await h.command('/winwin pledge steel 1억 "Steel Friend" status:committed', { user: USERS.editor });
    const reply = await h.command('/winwin digest', { user: USERS.viewer, channel: 'C0STEEL01' });
    expect(textOf(reply)).toContain('Steel Friend');
    expect(textOf(reply)).not.toContain('Quiet Corp');
  });

  it('an unknown target says which ones exist', async () => {
    const reply = await h.command('/winwin digest chips', { user: USERS.viewer });
    expect(textOf(reply)).toContain('Unknown target');
  });
});
