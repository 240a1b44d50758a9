import { describe, expect, it } from 'vitest';
import { demoState } from '../../src/domain/demo.js';
import { createProgram } from '../../src/domain/programs.js';
import { type Standing, standingOf } from '../../src/domain/standing.js';
import { emptyState, type Role, type State } from '../../src/domain/types.js';
import { LIMITS } from '../../src/views/blocks.js';
import { buildHomeView, SECTORS_PER_PAGE } from '../../src/views/home.js';
import { ACTIONS, BLOCKS } from '../../src/views/ids.js';
import { changed, ctx, manySectors, programInput } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { unescapedMarkup } from '../support/hostile.js';
import { textOf } from '../support/text-of.js';

type All = Extract<Standing, { kind: 'all' }>;
const TODAY = '2026-01-15';

const all = (state: State): All => {
  const s = standingOf(state, 'all', TODAY);
  if (s.kind !== 'all') throw new Error('expected every sector');
  return s;
};

const demo = all(demoState(new Date('2025-12-01T09:00:00Z'), 'U0DEMO01'));

type Element = { action_id?: string; value?: string };
const elementsOf = (blocks: readonly unknown[]): Element[] =>
  (blocks as { type: string; elements?: Element[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );
const actionIds = (blocks: readonly unknown[]): string[] => elementsOf(blocks).map((e) => e.action_id ?? '');

describe('buildHomeView', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['editor', true],
    ['viewer', false],
  ])('%s: Record pledge / New program buttons shown: %s', (role, buttons) => {
    const view = buildHomeView(demo, role, 'en', { user: 'U0TEST01' });
    const ids = actionIds(view.blocks);
    expect(ids.includes(ACTIONS.homeRecordPledge)).toBe(buttons);
    expect(ids.includes(ACTIONS.homeNewProgram)).toBe(buttons);
    expect(view.blocks.some((b) => b.block_id === BLOCKS.homeActions)).toBe(buttons);
    const text = textOf(view);
    expect(text).toContain(`*${role}*`);
    expect(text).toContain('U0TEST01');
  });

  it('shows every sector with target, confirmed, capacity, gap and risk flags', () => {
    const text = textOf(buildHomeView(demo, 'editor', 'en'));
    for (const sector of ['autos', 'steel', 'shipbuilding', 'retail']) expect(text).toContain(`*${sector}*`);
    for (const label of ['*Target*', '*Confirmed*', '*Capacity*', '*Gap*']) expect(text).toContain(label);
    // retail: 100bn target, nothing signed, Coupang's pledge suspended, announce-by passed.
    expect(text).toContain('100 billion won');
    expect(text).toMatch(/is suspended/);
    expect(text).toContain('announce-by 2025-12-31 passed');
  });

  it('gives every sector a Details button naming the sector', () => {
    const view = buildHomeView(demo, 'viewer', 'en');
    const details = (view.blocks as { accessory?: { action_id?: string; value?: string } }[])
      .map((b) => b.accessory)
      .filter((a) => a?.action_id === ACTIONS.homeOpenStatus)
      .map((a) => a?.value);
    expect(details).toEqual(['autos', 'steel', 'shipbuilding', 'retail']);
  });

  it('names unsigned contributors to editors only', () => {
    expect(textOf(buildHomeView(demo, 'editor', 'en'))).toContain('Coupang');
    const viewer = textOf(buildHomeView(demo, 'viewer', 'en'));
    expect(viewer).not.toContain('Coupang');
    expect(viewer).not.toContain('Commercial bank A');
    expect(viewer).toContain('undisclosed');
  });

  it('stays within Block Kit limits', () => {
    for (const role of ['admin', 'viewer'] as const) {
      for (const locale of ['en', 'ko'] as const) {
        const view = buildHomeView(demo, role, locale);
        expect(blockKitProblems({ view })).toEqual([]);
      }
    }
  });

  it('pages many sectors, each page within 100 blocks, every sector on exactly one page', () => {
    const standing = all(manySectors(SECTORS_PER_PAGE * 2 + 3));
    const pages = [0, 1, 2].map((page) => buildHomeView(standing, 'admin', 'en', { page }));
    for (const view of pages) {
      expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
      expect(blockKitProblems({ view })).toEqual([]);
    }
    const seen = pages.flatMap((view) => [...textOf(view).matchAll(/\*sector(\d+)\*/g)].map((m) => m[1]));
    expect(seen).toHaveLength(SECTORS_PER_PAGE * 2 + 3);
    expect(new Set(seen).size).toBe(seen.length);

    const nav = (view: { blocks: readonly unknown[] }) =>
      elementsOf(view.blocks)
        .filter((e) => String(e.action_id).startsWith('home_page_'))
        .map((e) => e.value);
    expect(pages.map(nav)).toEqual([['1'], ['0', '2'], ['1']]);
    // A page past the end shows the last one.
    expect(textOf(buildHomeView(standing, 'admin', 'en', { page: 99 }))).toBe(textOf(pages[2]));
  });

  it('renders in Korean with Korean amounts', () => {
    const text = textOf(buildHomeView(demo, 'editor', 'ko'));
    expect(text).toContain('*목표*');
    expect(text).toContain('7,300억 원'); // autos: 6,300억 + 1,000억
    expect(text).toContain('편집자');
    expect(text).toContain('출연 기록');
    expect(text).not.toContain('Record pledge');
  });

  it('explains an empty store, with the way forward for the role', () => {
    const empty = all(emptyState());
    expect(textOf(buildHomeView(empty, 'editor', 'en'))).toContain('New program');
    const viewer = buildHomeView(empty, 'viewer', 'en');
    expect(textOf(viewer)).toContain('No programs are recorded yet');
    expect(actionIds(viewer.blocks)).toEqual([]);
  });

  it('escapes names and aliases that look like Slack markup', () => {
    const state = changed(
      createProgram(
        emptyState(),
        programInput({ sector: 'retail', slug: 'retail-x', name: '<!channel> <@U0EVIL01> *bold*' }),
        ctx,
      ),
    ).state;
    const view = buildHomeView(all(state), 'viewer', 'en');
    expect(unescapedMarkup(view)).toEqual([]);
    expect(textOf(view)).toContain('&lt;!channel&gt;');
  });
});
