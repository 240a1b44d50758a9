import { describe, expect, it } from 'vitest';
import { FULL_SIZES, generateStore } from '../../bench/generate.js';
import { formatWonCompact } from '../../src/domain/amount.js';
import type { CapacityFigures } from '../../src/domain/capacity.js';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { buildDigest } from '../../src/domain/digest.js';
import type { Audience } from '../../src/domain/permissions.js';
import { type Standing, standingOf } from '../../src/domain/standing.js';
import { resolveTarget } from '../../src/domain/targets.js';
import type { State } from '../../src/domain/types.js';
import { type Block, ephemeral, type Message, message, plainMessage } from '../../src/views/blocks.js';
import {
  CAPACITY_SERIES,
  CHART_LIMITS,
  type ChartRow,
  type ChartSeriesSpec,
  capacityChart,
  chartValue,
  type DataVisualizationBlock,
  textBar,
} from '../../src/views/chart.js';
import { buildDigestMessage } from '../../src/views/digest.js';
import { TABLE_LIMITS, tableBlock } from '../../src/views/pages.js';
import { buildStatusMessage } from '../../src/views/status.js';
import { english } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { textOf } from '../support/harness.js';
import { unescapedMarkup } from '../support/hostile.js';

const TODAY = '2025-12-19';
const demo = demoState(new Date('2025-12-01T09:00:00Z'), 'U0DEMO01');
const editor: Audience = { role: 'editor' };
const viewer: Audience = { role: 'viewer' };

const standing = (state: State, target: string): Standing => {
  if (target === 'all') return standingOf(state, 'all', TODAY);
  const resolved = resolveTarget(state, target);
  if (!resolved.ok) throw new Error(english(resolved.error));
  return standingOf(state, resolved.value, TODAY);
};

const won = (n: number): Decimal => new Decimal(n).times(1e8);

const figures = (target: number, confirmed: number, potential: number): CapacityFigures =>
  ({
    target: won(target),
    confirmedCapacity: won(confirmed),
    potentialCapacity: won(potential),
  }) as CapacityFigures;

const charts = (blocks: readonly Block[]): DataVisualizationBlock[] =>
  blocks.filter((b): b is DataVisualizationBlock => b.type === 'data_visualization');

const asMessage = (...blocks: Block[]): Message => ({ text: 'x', blocks });

describe('the data_visualization type and its limits', () => {
  const ok: DataVisualizationBlock = {
    type: 'data_visualization',
    title: 'Capacity',
    chart: {
      type: 'bar',
      series: [{ name: 'Target', data: [{ label: 'autos', value: 6300 }] }],
      axis_config: { categories: ['autos'] },
    },
  };

  it('a well-formed bar chart passes the independent checker', () => {
    expect(blockKitProblems(asMessage(ok))).toEqual([]);
  });

  it('the checker refuses what Slack documents as invalid', () => {
    const bad = (over: Partial<DataVisualizationBlock>): string[] =>
      blockKitProblems(asMessage({ ...ok, ...over }));
    expect(bad({ title: 'x'.repeat(51) })).not.toEqual([]);
    const series = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `s${i}`, data: [{ label: 'autos', value: i }] }));
    expect(bad({ chart: { ...ok.chart, series: series(7) } })).not.toEqual([]);
    expect(bad({ chart: { ...ok.chart, series: [] } })).not.toEqual([]);
    expect(
      bad({ chart: { ...ok.chart, series: [{ name: 'Target', data: [{ label: 'steel', value: 1 }] }] } }),
    ).not.toEqual([]);
    expect(bad({ chart: { ...ok.chart, series: [...series(1), ...series(1)] } })).not.toEqual([]);
    expect(blockKitProblems(asMessage(ok, ok, ok))).not.toEqual([]);
    expect(blockKitProblems(asMessage(ok, ok))).toEqual([]);
  });

  it('tables: at most one per message, 100 rows of 20 cells, plain text cells escaped', () => {
    const rows = Array.from({ length: 150 }, (_, i) =>
      Array.from({ length: 25 }, (_, j) => `<!here> ${i}.${j}`),
    );
    const table = tableBlock({ header: ['a', 'b'] }, rows);
    expect(table.rows.length).toBe(TABLE_LIMITS.rows);
    expect(Math.max(...table.rows.map((r) => r.length))).toBe(TABLE_LIMITS.cells);
    expect(blockKitProblems(asMessage(table))).toEqual([]);
    expect(unescapedMarkup(asMessage(table))).toEqual([]);
    expect(blockKitProblems(asMessage(table, table))).not.toEqual([]);
  });
});

describe('capacityChart', () => {
  it('draws a bar group per category and a bar per series, values in 억', () => {
    const chart = capacityChart(
      'Every sector',
      [{ category: 'autos', figures: figures(6300, 5040, 6000) }],
      'en',
    );
    expect(chart?.block.chart.series.map((s) => s.name)).toEqual([
      'Target',
      'Confirmed capacity',
      'With verbal pledges',
    ]);
    expect(chart?.block.chart.series.map((s) => s.data[0]?.value)).toEqual([6300, 5040, 6000]);
    expect(chart?.block.chart.axis_config.categories).toEqual(['autos']);
  });

  it('stays within the limits whatever it is given: 25 long, colliding names, 7 series, a long title', () => {
    const rows: ChartRow[] = Array.from({ length: 25 }, (_, i) => ({
      category: `a-very-long-program-slug-${i % 2}`,
      figures: figures(100 + i, i, 2 * i),
    }));
    const extra: ChartSeriesSpec[] = Array.from({ length: 4 }, (_, i) => ({
      key: `x${i}`,
      name: { en: `Extra series number ${i} with a long name`, ko: `추가 ${i}` },
      value: (f) => f.target,
    }));
    const chart = capacityChart('t'.repeat(80), rows, 'en', [...CAPACITY_SERIES, ...extra]);
    if (chart === undefined) throw new Error('expected a chart');
    expect(chart.block.title.length).toBeLessThanOrEqual(CHART_LIMITS.title);
    expect(chart.block.chart.series.length).toBe(CHART_LIMITS.seriesMax);
    expect(chart.block.chart.axis_config.categories).toHaveLength(CHART_LIMITS.points);
    expect(chart.shown).toBe(20);
    expect(blockKitProblems(asMessage(chart.block))).toEqual([]);
    expect(textOf(chart.text.at(-1))).toContain('… +5');
  });

  it('leaves out a series without any value, and draws nothing for no rows', () => {
    const paid: ChartSeriesSpec = {
      key: 'paid',
      name: { en: 'Paid in', ko: '납입' },
      value: () => undefined,
    };
    const chart = capacityChart('x', [{ category: 'a', figures: figures(1, 1, 1) }], 'en', [
      ...CAPACITY_SERIES,
      paid,
    ]);
    expect(chart?.block.chart.series.map((s) => s.name)).not.toContain('Paid in');
    expect(capacityChart('x', [], 'en')).toBeUndefined();
  });

  it('text bars: ten cells for the confirmed share of the target, whole percent', () => {
    expect(textBar(won(80), won(100))).toBe('████████░░ 80 %');
    expect(textBar(won(0), won(100))).toBe('░░░░░░░░░░ 0 %');
    expect(textBar(won(150), won(100))).toBe('██████████ 150 %');
    expect(textBar(won(0), won(0))).toBe('░░░░░░░░░░ 0 %');
  });
});

/** Every category's figures in the chart, as the text form writes them. */
const chartFigures = (chart: DataVisualizationBlock): string[] =>
  chart.chart.axis_config.categories.flatMap((category) =>
    chart.chart.series.map((s) => `${category}|${s.name}|${s.data.find((d) => d.label === category)?.value}`),
  );

describe('the plain form carries the same figures as the rich one', () => {
  it.each([
    ['all', 'all'],
    ['a sector', 'autos'],
  ])('%s: every bar of the chart is a figure of the text, none rich blocks', (_, target) => {
    const s = standing(demo, target);
    const m = buildStatusMessage(s, viewer, 'en', { interactive: true });
    const [chart] = charts(m.blocks);
    if (chart === undefined) throw new Error('expected a chart');
    const plain = plainMessage(m);
    expect(plain.blocks.some((b) => b.type === 'data_visualization' || b.type === 'table')).toBe(false);
    const text = textOf(plain);
    const rows =
      s.kind === 'all'
        ? s.sectors.map((x) => ({ category: x.sector.name, figures: x.capacity }))
        : s.kind === 'sector'
          ? s.sector.programs.map((p) => ({ category: p.program.slug, figures: p.capacity }))
          : [];
    expect(rows.length).toBe(chart.chart.axis_config.categories.length);
    for (const row of rows) {
      for (const series of CAPACITY_SERIES) {
        const value = series.value(row.figures, row);
        if (value === undefined) continue;
        // The chart's bar and the text's figure come from the same amount.
        const bar = chart.chart.series
          .find((x) => x.name === series.name.en)
          ?.data.find((d) => d.label === row.category);
        expect(bar?.value).toBe(chartValue(value));
        expect(text).toContain(`${series.name.en} ${formatWonCompact(value, 'en')}`);
      }
      expect(text).toContain(textBar(row.figures.confirmedCapacity, row.figures.target));
    }
    expect(chartFigures(chart).length).toBe(rows.length * chart.chart.series.length);
    expect(blockKitProblems(m)).toEqual([]);
    expect(blockKitProblems(plain)).toEqual([]);
  });

  it.each(['en', 'ko'] as const)(
    'a digest (%s): a chart of its programs, and the same figures in its plain form',
    (locale) => {
      const audience: Audience = { role: 'viewer' };
      const digest = buildDigest({
        state: demo,
        target: 'all',
        events: [],
        audience,
        today: TODAY,
        undisclosedLabel: 'an undisclosed contributor',
      });
      const m = buildDigestMessage({
        digest,
        pledges: demo.pledges,
        audience,
        locale,
        timeZone: 'Asia/Seoul',
        kind: 'daily',
        title: 'all programs',
      });
      const [chart] = charts(m.blocks);
      expect(chart?.chart.axis_config.categories).toEqual(digest.programs.map((p) => p.program.slug));
      const text = textOf(plainMessage(m));
      for (const p of digest.programs) {
        expect(text).toContain(textBar(p.capacity.confirmedCapacity, p.capacity.target));
        expect(text).toContain(formatWonCompact(p.capacity.target, locale));
      }
      expect(blockKitProblems(m)).toEqual([]);
      expect(blockKitProblems(plainMessage(m))).toEqual([]);
      expect(unescapedMarkup(m)).toEqual([]);
    },
  );

  it('a plain message stays as it is', () => {
    const m = message('x', []);
    expect(plainMessage(m)).toBe(m);
  });
});

describe('pledge lists', () => {
  it('a viewer gets one table of pledges where the plain form lists them in sections', () => {
    const m = buildStatusMessage(standing(demo, 'steel'), viewer, 'en', { interactive: true });
    const tables = m.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    expect(textOf(m)).toContain('POSCO');
    expect(textOf(plainMessage(m))).toContain('POSCO');
    expect(JSON.stringify(m.blocks)).not.toContain('static_select');
  });

  it('an editor changes a pledge through one overflow menu per row, never a static select', () => {
    const m = buildStatusMessage(standing(demo, 'retail'), editor, 'en', { interactive: true });
    const menus = m.blocks.filter((b) => b.type === 'section' && b.accessory?.type === 'overflow');
    expect(menus.length).toBeGreaterThan(0);
    expect(JSON.stringify(m.blocks)).not.toContain('static_select');
    expect(blockKitProblems(m)).toEqual([]);
  });

  it("an editor's status <sector> at 100× data (the bench store) is at most 12 KB, rich or plain", () => {
    const { state } = generateStore(FULL_SIZES);
    const sector = state.sectors[0]?.name ?? '';
    const s = standing(state, sector);
    const m = buildStatusMessage(s, editor, 'en', { interactive: true, timeZone: 'Asia/Seoul' });
    for (const form of [m, plainMessage(m)]) {
      expect(JSON.stringify(ephemeral(form)).length).toBeLessThanOrEqual(12 * 1024);
      expect(blockKitProblems(form)).toEqual([]);
    }
    expect(charts(m.blocks)).toHaveLength(1);
  }, 120_000);
});
