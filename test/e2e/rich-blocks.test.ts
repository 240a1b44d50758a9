import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, type Reply, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Charts and tables through real Bolt and the loopback fake: where they are sent, their plain form in
 * acknowledgements, and the retry when a workspace answers invalid_blocks.
 */

const RICH = new Set(['data_visualization', 'table']);

const blocksOf = (value: Reply | RecordedCall['args'] | undefined): Record<string, unknown>[] => {
  const blocks = (value as { blocks?: unknown } | undefined)?.blocks;
  return Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : [];
};

const typesOf = (value: Reply | RecordedCall['args'] | undefined): string[] =>
  blocksOf(value).map((b) => String(b.type));

const richIn = (value: Reply | RecordedCall['args'] | undefined): string[] =>
  typesOf(value).filter((t) => RICH.has(t));

const chartOf = (value: Reply | RecordedCall['args'] | undefined) =>
  blocksOf(value).find((b) => b.type === 'data_visualization') as
    | { chart: { axis_config: { categories: string[] }; series: { name: string }[] } }
    | undefined;

describe('WINWIN_RICH_BLOCKS=on: charts and tables in acknowledgements', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      seed: 'demo',
      clock: () => new Date('2025-12-19T01:00:00Z'),
      env: { WINWIN_RICH_BLOCKS: 'on' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the all-sectors status carries a bar chart: a bar group per sector, target, capacity, guarantees', async () => {
    const reply = await h.command('/winwin status', { user: USERS.viewer });
    const chart = chartOf(reply);
    expect(chart?.chart.axis_config.categories).toEqual(h.store.read().sectors.map((s) => s.name));
    // The demo has guarantees issued (issue 11): their outstanding amount is a series too.
    expect(chart?.chart.series.map((s) => s.name)).toEqual([
      'Target',
      'Confirmed capacity',
      'With verbal pledges',
      'Guarantees in use',
    ]);
    expect(blockKitProblems(reply)).toEqual([]);
    expect(reply.text).toContain('All sectors');
  });

  it("a sector's status: a chart of its programs and its pledges as one table", async () => {
    const reply = await h.command('/winwin status autos', { user: USERS.viewer });
    expect(chartOf(reply)?.chart.axis_config.categories).toEqual(['autos-hyundai', 'autos-hl']);
    expect(typesOf(reply).filter((t) => t === 'table')).toHaveLength(1);
    expect(blockKitProblems(reply)).toEqual([]);
  });
});

describe('by default an acknowledgement gets the plain form', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => new Date('2025-12-19T01:00:00Z') });
  });
  afterAll(async () => {
    await h.close();
  });

  it('text bars and sections, the same figures, no chart and no table', async () => {
    const reply = await h.command('/winwin status', { user: USERS.viewer });
    expect(richIn(reply)).toEqual([]);
    expect(textOf(reply)).toMatch(/`[█░]{10} \d+ %` \*autos\*/);
    expect(textOf(reply)).toContain('Target ');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it("an editor's reply has one overflow menu per pledge row, no static select", async () => {
    const reply = await h.command('/winwin status retail', { user: USERS.editor });
    const raw = JSON.stringify(reply.blocks);
    expect(raw).toContain('"overflow"');
    expect(raw).not.toContain('static_select');
  });
});

describe('digests: a chart, and invalid_blocks from the workspace', () => {
  const CHANNEL = 'C0RICH001';
  let h: Harness;
  let now = new Date('2025-12-01T01:00:00Z');
  const posts = (afterSeq: number): RecordedCall[] =>
    h.fake.calls('chat.postMessage').filter((c) => c.seq > afterSeq && c.args.channel === CHANNEL);
  /** A change, then the next 09:00 in Seoul: the day's digest. */
  const nextDigest = async (day: string, contributor: string): Promise<RecordedCall[]> => {
    await h.command(`/winwin pledge retail 3억 "${contributor}" kind:corporation status:committed`, {
      user: USERS.editor,
    });
    const seq = h.fake.seq();
    now = new Date(`${day}T00:00:00Z`);
    await h.winwin.channels.runDueDigests(now);
    return posts(seq);
  };

  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
    await h.command('/winwin subscribe all daily', { user: USERS.editor, channel: CHANNEL });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a digest carries a bar chart of its programs', async () => {
    const [post, ...others] = await nextDigest('2025-12-02', 'Chart Retail');
    expect(others).toEqual([]);
    const chart = chartOf(post?.args);
    expect(chart?.chart.axis_config.categories).toEqual(h.store.read().programs.map((p) => p.slug));
    expect(blockKitProblems(post?.args)).toEqual([]);
    expect(post?.args.text).toContain('Daily digest');
  });

  it('invalid_blocks: one retry with the plain form, the same content in text bars', async () => {
    h.fake.refuseBlocks(['data_visualization', 'table']);
    const calls = await nextDigest('2025-12-03', 'Govslack Retail');
    expect(calls).toHaveLength(2);
    const [refused, retried] = calls;
    expect(refused?.fault).toEqual({ error: 'invalid_blocks' });
    expect(richIn(refused?.args)).toEqual(['data_visualization']);
    expect(retried?.fault).toBeUndefined();
    expect(richIn(retried?.args)).toEqual([]);
    expect(textOf(retried?.args)).toMatch(/`[█░]{10} \d+ %` \*retail-consortium\*/);
    expect(textOf(retried?.args)).toContain('Govslack Retail');
    expect(blockKitProblems(retried?.args)).toEqual([]);
  });

  it('afterwards the workspace gets no rich blocks at all: one call, plain', async () => {
    const calls = await nextDigest('2025-12-04', 'Later Retail');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.fault).toBeUndefined();
    expect(richIn(calls[0]?.args)).toEqual([]);
    expect(textOf(calls[0]?.args)).toContain('Later Retail');
  });
});
