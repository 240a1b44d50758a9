import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editProgram } from '../../src/domain/programs.js';
import { type Harness, postsIn, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Quieter, sharper channels: a digest with nothing new is not posted (unless quiet:off), `only:` and
 * `min:` filters apply to digests and live cards, and /winwin subscriptions shows them. The clock is
 * the test's: the digest time is 09:00 Asia/Seoul (00:00 UTC); Monday 2025-12-01 10:00 in Seoul is
 * 01:00 UTC.
 */
const at = (iso: string): Date => new Date(iso);

describe('digests with nothing new', () => {
  const QUIET = 'C0QUIET01';
  const BEAT = 'C0BEAT001';
  let h: Harness;
  let now = at('2025-12-01T01:00:00Z');
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  const sub = (channel: string) => h.state().subscriptions.find((s) => s.channel === channel);

  it('the first digest reports the day’s change', async () => {
    await h.command('/winwin subscribe all', { user: USERS.editor, channel: QUIET });
    const beat = await h.command('/winwin subscribe all quiet:off', { user: USERS.editor, channel: BEAT });
    expect(textOf(beat)).toContain('"no changes" digests too');
    await h.command('/winwin pledge retail 4억 "Early Mart" status:committed', { user: USERS.editor });
    now = at('2025-12-02T00:00:00Z');
    const seq = h.fake.seq();
    const runs = await h.winwin.channels.runDueDigests(now);
    expect(runs.map((r) => r.outcome)).toEqual(['posted', 'posted']);
    expect(textOf(postsIn(h, QUIET, seq)[0]?.args)).toContain('Early Mart');
    expect(textOf(postsIn(h, BEAT, seq)[0]?.args)).toContain('Early Mart');
  });

  it('a day with nothing new posts nothing, yet moves the watermark; quiet:off posts a short "no changes"', async () => {
    now = at('2025-12-03T00:00:00Z');
    const seq = h.fake.seq();
    const runs = await h.winwin.channels.runDueDigests(now);
    expect(runs).toEqual(
      expect.arrayContaining([
        { channel: QUIET, target: 'all', outcome: 'quiet' },
        { channel: BEAT, target: 'all', outcome: 'posted' },
      ]),
    );
    expect(postsIn(h, QUIET, seq)).toEqual([]);
    expect(sub(QUIET)?.watermark).toBe(h.store.lastEventId());
    expect(sub(QUIET)?.lastDigestAt).toBe(now.toISOString());
    const beat = postsIn(h, BEAT, seq);
    expect(beat).toHaveLength(1);
    const text = textOf(beat[0]?.args);
    expect(text).toContain('No changes in all programs since 2025-12-02 09:00 (Asia/Seoul)');
    expect(text).not.toContain('Early Mart');
    // Short: a header and one line, no standings.
    expect(((beat[0]?.args.blocks ?? []) as unknown[]).length).toBeLessThanOrEqual(2);
  });

  it('the next digest has only what changed since, never the old changes again', async () => {
    await h.command('/winwin pledge retail 2억 "Late Mart" status:committed', { user: USERS.editor });
    now = at('2025-12-04T00:00:00Z');
    const seq = h.fake.seq();
    await h.winwin.channels.runDueDigests(now);
    const [post] = postsIn(h, QUIET, seq);
    expect(textOf(post?.args)).toContain('Late Mart');
    expect(textOf(post?.args)).not.toContain('Early Mart');
  });
});

describe('only: and min: filters', () => {
  const PROGRAMS = 'C0ONLYPRG';
  const BIG = 'C0MINBIG1';
  const LIVE = 'C0LIVEMIN';
  let h: Harness;
  let now = at('2025-12-01T01:00:00Z');
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  it('subscribing with filters: stored, and shown by /winwin subscriptions', async () => {
    const reply = await h.command('/winwin subscribe all only:programs', {
      user: USERS.editor,
      channel: PROGRAMS,
    });
    expect(textOf(reply)).toContain('only programs');
    await h.command('/winwin subscribe retail min:10억', { user: USERS.editor, channel: BIG });
    await h.command('/winwin subscribe retail realtime only:pledges,payments min:"5억 원"', {
      user: USERS.editor,
      channel: LIVE,
    });
    const subs = h.state().subscriptions;
    expect(subs.find((s) => s.channel === PROGRAMS)?.only).toEqual(['programs']);
    expect(subs.find((s) => s.channel === BIG)?.min?.toFixed(0)).toBe('1000000000');
    expect(subs.find((s) => s.channel === LIVE)).toMatchObject({ only: ['pledges', 'payments'] });
    const listed = await h.command('/winwin subscriptions', { user: USERS.viewer, channel: LIVE });
    expect(textOf(listed)).toContain('only pledges, payments');
    expect(textOf(listed)).toContain('changes of 500 million won or more');
    const big = await h.command('/winwin subscriptions', { user: USERS.viewer, channel: BIG });
    expect(textOf(big)).toContain('changes of 1 billion won or more');
  });

  it('a filter that cannot be read is refused, and nothing changes', async () => {
    const before = h.state().subscriptions;
    const kind = await h.command('/winwin subscribe all only:pledges,gossip', {
      user: USERS.editor,
      channel: 'C0BAD0001',
    });
    expect(textOf(kind)).toContain('gossip');
    expect(textOf(kind)).toContain('programs, pledges, payments, guarantees');
    const amount = await h.command('/winwin subscribe all min:lots', {
      user: USERS.editor,
      channel: 'C0BAD0001',
    });
    expect(textOf(amount)).toContain('lots');
    const quiet = await h.command('/winwin subscribe all quiet:maybe', {
      user: USERS.editor,
      channel: 'C0BAD0001',
    });
    expect(textOf(quiet)).toContain('on or off');
    expect(h.state().subscriptions).toEqual(before);
  });

  it('live cards: a change below min: or of another kind is not shown; a big pledge is', async () => {
    const seq = h.fake.seq();
    await h.command('/winwin pledge retail 1억 "Small Mart" status:committed', { user: USERS.editor });
    await h.winwin.channels.flushRealtime();
    expect(postsIn(h, LIVE, seq)).toEqual([]);
    await h.store.mutate((state) =>
      editProgram(state, 'retail-consortium', { note: 'Kickoff on Friday' }, { actor: USERS.editor, now }),
    );
    await h.winwin.channels.flushRealtime();
    expect(postsIn(h, LIVE, seq)).toEqual([]);
    await h.command('/winwin pledge retail 6억 "Big Mart" status:committed', { user: USERS.editor });
    await h.winwin.channels.flushRealtime();
    const [card] = postsIn(h, LIVE, seq);
    expect(textOf(card?.args)).toContain('Big Mart');
    // Left out counts as shown: the watermark is past them all.
    expect(h.state().subscriptions.find((s) => s.channel === LIVE)?.watermark).toBe(h.store.lastEventId());
  });

  it('digests: only: keeps its kinds, min: drops smaller changes (any amount form)', async () => {
    await h.command('/winwin pledge retail 20억 "Huge Mart" status:committed', { user: USERS.editor });
    now = at('2025-12-02T00:00:00Z');
    const seq = h.fake.seq();
    await h.winwin.channels.runDueDigests(now);
    const programs = textOf(postsIn(h, PROGRAMS, seq)[0]?.args);
    expect(programs).toContain('Kickoff on Friday');
    expect(programs).not.toContain('Small Mart');
    expect(programs).not.toContain('Big Mart');
    const big = textOf(postsIn(h, BIG, seq)[0]?.args);
    expect(big).toContain('Huge Mart');
    expect(big).not.toContain('Small Mart');
    expect(big).not.toContain('Big Mart');
    // A program change names no amount: min: lets it through.
    expect(big).toContain('Kickoff on Friday');
  });

  it('a day whose changes the filters all leave out posts nothing', async () => {
    await h.command('/winwin pledge retail 1억 "Tiny Mart" status:committed', { user: USERS.editor });
    now = at('2025-12-03T00:00:00Z');
    const seq = h.fake.seq();
    const runs = await h.winwin.channels.runDueDigests(now);
    expect(runs).toEqual(
      expect.arrayContaining([
        { channel: PROGRAMS, target: 'all', outcome: 'quiet' },
        { channel: BIG, target: 'retail', outcome: 'quiet' },
      ]),
    );
    expect(postsIn(h, PROGRAMS, seq)).toEqual([]);
    expect(postsIn(h, BIG, seq)).toEqual([]);
  });

  it('subscribing again without filters drops them', async () => {
    const reply = await h.command('/winwin subscribe all', { user: USERS.editor, channel: PROGRAMS });
    expect(textOf(reply)).toContain('changed from');
    expect(h.state().subscriptions.find((s) => s.channel === PROGRAMS)?.only).toBeUndefined();
  });
});
