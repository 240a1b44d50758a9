import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** Demo pledges: retail-consortium holds P9 Coupang (suspended), P10 retailer A, P11 bank A (verbal). */
const LIVE = 'C0LIVE001';

const postsTo = (h: Harness, channel: string): RecordedCall[] =>
  h.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel && c.fault === undefined);

/** Replies in the card's thread after `afterSeq`. */
const threadReplies = (h: Harness, ts: string, afterSeq = 0): RecordedCall[] =>
  postsTo(h, LIVE).filter((c) => c.args.thread_ts === ts && c.seq > afterSeq);

describe('realtime subscriptions: one live card per program', () => {
  let h: Harness;
  /** The app's clock: a burst's thread reply waits for its first change to be a minute old. */
  let now = new Date('2025-12-19T01:00:00Z');
  const advance = (seconds: number): void => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  let cardTs = '';

  it('the first change of a program posts its card, with the standing and the change', async () => {
    const reply = await h.command('/winwin subscribe retail realtime', { user: USERS.admin, channel: LIVE });
    expect(textOf(reply)).toContain('in real time');
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 3억 "Secret Mart" status:verbal', { user: USERS.editor });
    const card = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === LIVE, {
      afterSeq: after,
    });
    expect(card.args.thread_ts).toBeUndefined();
    const text = textOf(card.args);
    expect(text).toContain('Large retailers + commercial banks');
    expect(text).toContain('pledge recorded');
    expect(text).toContain('an undisclosed contributor');
    expect(JSON.stringify(card.args)).not.toContain('Secret Mart');
    expect(JSON.stringify(card.args)).not.toContain('Coupang');
    await h.winwin.channels.idle();
    const saved = h.state().cards.find((c) => c.channel === LIVE && c.program === 'retail-consortium');
    expect(saved?.ts).toMatch(/^\d+\.\d+$/);
    cardTs = saved?.ts ?? '';
    expect(h.state().subscriptions[0]?.watermark).toBe(h.store.lastEventId());
  });

  it('later changes edit the card at once; a burst within a minute gets one thread reply', async () => {
    const after = h.fake.seq();
    const id = h.state().pledges.find((p) => p.contributor === 'Secret Mart')?.id ?? '';
    advance(5);
    await h.command(`/winwin set ${id} suspended talks halted by Secret Mart`, { user: USERS.editor });
    const update = await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: after });
    expect(update.args.channel).toBe(LIVE);
    expect(textOf(update.args)).toContain('pledge status');
    expect(JSON.stringify(update.args)).not.toContain('Secret Mart');

    // A signed contributor is named, also in a totals channel; the card shows it at once.
    advance(20);
    const next = h.fake.seq();
    await h.command('/winwin pledge retail 5억 "Open Mart" status:committed', { user: USERS.editor });
    const edited = await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: next });
    expect(textOf(edited.args)).toContain('Open Mart');
    await h.winwin.channels.idle();
    // Within the minute of the burst's first change (50 s after it): no thread reply yet.
    advance(30);
    await h.winwin.channels.flushRealtime();
    expect(threadReplies(h, cardTs, after)).toEqual([]);
    expect(h.state().cards.find((c) => c.ts === cardTs)?.pending).toHaveLength(2);

    // A minute after the first: one reply holding both changes.
    advance(11);
    await h.winwin.channels.flushRealtime();
    const replies = threadReplies(h, cardTs, after);
    expect(replies).toHaveLength(1);
    const text = textOf(replies[0]?.args);
    expect(text).toContain('suspended');
    expect(text).toContain('Open Mart');
    expect(JSON.stringify(replies[0]?.args)).not.toContain('Secret Mart');
    expect(h.state().cards.find((c) => c.ts === cardTs)?.pending).toBeUndefined();
    // Asked again, nothing more is posted.
    advance(120);
    await h.winwin.channels.flushRealtime();
    expect(threadReplies(h, cardTs, after)).toHaveLength(1);
    // Still one card: every post after the first is in its thread.
    expect(postsTo(h, LIVE).filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
  });

  it('the next change starts a new burst: its own reply, a minute later', async () => {
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 2억 "Next Mart" status:committed', { user: USERS.editor });
    await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: after });
    await h.winwin.channels.idle();
    expect(threadReplies(h, cardTs, after)).toEqual([]);
    advance(61);
    await h.winwin.channels.flushRealtime();
    const replies = threadReplies(h, cardTs, after);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]?.args)).toContain('Next Mart');
    expect(textOf(replies[0]?.args)).not.toContain('Open Mart');
  });

  it('changes outside the target are not posted', async () => {
    await h.winwin.channels.idle();
    const before = postsTo(h, LIVE).length;
    await h.command('/winwin pledge steel 2억 "Steel Co" status:committed', { user: USERS.editor });
    await h.winwin.channels.flushRealtime();
    expect(postsTo(h, LIVE)).toHaveLength(before);
    expect(h.state().subscriptions[0]?.watermark).toBe(h.store.lastEventId());
  });

  it('a 500 leaves the thread reply for a later try; it is posted then, once', async () => {
    await h.winwin.channels.idle();
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Third Mart" status:committed', { user: USERS.editor });
    await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: after });
    await h.winwin.channels.idle();
    expect(h.state().subscriptions[0]?.watermark).toBe(h.store.lastEventId());
    h.fake.failNext('chat.postMessage', { status: 500 });
    advance(61);
    await h.winwin.channels.flushRealtime();
    expect(
      h.fake.calls('chat.postMessage').filter((c) => c.seq > after && c.fault !== undefined),
    ).toHaveLength(1);
    expect(h.state().cards.find((c) => c.ts === cardTs)?.pending).toHaveLength(1);
    await h.winwin.channels.flushRealtime();
    const delivered = h.fake
      .calls('chat.postMessage')
      .filter((c) => c.seq > after && c.fault === undefined && textOf(c.args).includes('Third Mart'));
    expect(delivered).toHaveLength(1);
    expect(h.state().cards.find((c) => c.ts === cardTs)?.pending).toBeUndefined();
  });

  it('an archived channel pauses its subscription and every admin is told by DM', async () => {
    await h.winwin.channels.idle();
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Fourth Mart" status:committed', { user: USERS.editor });
    await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: after });
    await h.winwin.channels.idle();
    h.fake.failNext('chat.postMessage', { error: 'is_archived' });
    advance(61);
    void h.winwin.channels.flushRealtime();
    const open = await h.fake.waitForCall('conversations.open', (c) => c.args.users === USERS.admin, {
      afterSeq: after,
    });
    const dm = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'DADMIN001', {
      afterSeq: open.seq,
    });
    expect(textOf(dm.args)).toContain('is_archived');
    expect(textOf(dm.args)).toContain(`<#${LIVE}>`);
    expect(h.state().subscriptions[0]?.paused?.reason).toBe('is_archived');

    // Paused: later changes are not tried in that channel.
    const later = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Fifth Mart" status:committed', { user: USERS.editor });
    await h.winwin.channels.flushRealtime();
    expect(h.fake.calls('chat.postMessage').filter((c) => c.seq > later && c.args.channel === LIVE)).toEqual(
      [],
    );

    const listed = await h.command('/winwin subscriptions', { channel: LIVE, user: USERS.viewer });
    expect(textOf(listed)).toContain('paused');

    // Subscribing again resumes it, and nothing that changed meanwhile is lost.
    const resume = h.fake.seq();
    await h.command('/winwin subscribe retail realtime', { user: USERS.admin, channel: LIVE });
    await h.winwin.channels.flushRealtime();
    const resumed = h.fake.calls('chat.postMessage').filter((c) => c.seq > resume && c.args.channel === LIVE);
    // One reply: the burst that waited (Fourth Mart) with what changed meanwhile (Fifth Mart).
    expect(resumed).toHaveLength(1);
    expect(textOf(resumed[0]?.args)).toContain('Fourth Mart');
    expect(textOf(resumed[0]?.args)).toContain('Fifth Mart');
  });
});
