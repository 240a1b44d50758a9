import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** Demo pledges: retail-consortium holds P9 Coupang (suspended), P10 retailer A, P11 bank A (verbal). */
const LIVE = 'C0LIVE001';

const postsTo = (h: Harness, channel: string): RecordedCall[] =>
  h.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel && c.fault === undefined);

describe('realtime subscriptions: one live card per program', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
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

  it('later changes go as thread replies and the card is edited in place', async () => {
    const after = h.fake.seq();
    const id = h.state().pledges.find((p) => p.contributor === 'Secret Mart')?.id ?? '';
    await h.command(`/winwin set ${id} suspended talks halted by Secret Mart`, { user: USERS.editor });
    const reply = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === LIVE, {
      afterSeq: after,
    });
    expect(reply.args.thread_ts).toBe(cardTs);
    expect(textOf(reply.args)).toContain('suspended');
    expect(JSON.stringify(reply.args)).not.toContain('Secret Mart');
    const update = await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: after });
    expect(update.args.channel).toBe(LIVE);
    expect(textOf(update.args)).toContain('pledge status');

    // A signed contributor is named, also in a totals channel.
    const next = h.fake.seq();
    await h.command('/winwin pledge retail 5억 "Open Mart" status:committed', { user: USERS.editor });
    const named = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === LIVE, {
      afterSeq: next,
    });
    expect(named.args.thread_ts).toBe(cardTs);
    expect(textOf(named.args)).toContain('Open Mart');
    await h.fake.waitForCall('chat.update', (c) => c.args.ts === cardTs, { afterSeq: next });
    // Still one card: every post after the first is in its thread.
    expect(postsTo(h, LIVE).filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
  });

  it('changes outside the target are not posted', async () => {
    await h.winwin.channels.idle();
    const before = postsTo(h, LIVE).length;
    await h.command('/winwin pledge steel 2억 "Steel Co" status:committed', { user: USERS.editor });
    await h.winwin.channels.flushRealtime();
    expect(postsTo(h, LIVE)).toHaveLength(before);
    expect(h.state().subscriptions[0]?.watermark).toBe(h.store.lastEventId());
  });

  it('a 500 leaves the change for a later try; it is posted then, once', async () => {
    await h.winwin.channels.idle();
    h.fake.failNext('chat.postMessage', { status: 500 });
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Third Mart" status:committed', { user: USERS.editor });
    await h.fake.waitForCall('chat.postMessage', (c) => c.fault !== undefined, { afterSeq: after });
    await h.winwin.channels.idle();
    expect(h.state().subscriptions[0]?.watermark).toBeLessThan(h.store.lastEventId());
    await h.winwin.channels.flushRealtime();
    const delivered = h.fake
      .calls('chat.postMessage')
      .filter((c) => c.seq > after && c.fault === undefined && textOf(c.args).includes('Third Mart'));
    expect(delivered).toHaveLength(1);
    expect(h.state().subscriptions[0]?.watermark).toBe(h.store.lastEventId());
  });

  it('an archived channel pauses its subscription and every admin is told by DM', async () => {
    await h.winwin.channels.idle();
    h.fake.failNext('chat.postMessage', { error: 'is_archived' });
    const after = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Fourth Mart" status:committed', { user: USERS.editor });
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
    expect(resumed.map((c) => textOf(c.args)).join('\n')).toContain('Fifth Mart');
  });
});
