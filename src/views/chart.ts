import { formatWonCompact } from '../domain/amount.js';
import type { CapacityFigures } from '../domain/capacity.js';
import { Decimal } from '../domain/decimal.js';
import type { Won } from '../domain/types.js';
import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import type { SectionBlock } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { packRows } from './pages.js';

/**
 * Slack's `data_visualization` block (bar charts only here). `@slack/types` 3.2.0 has no type for it, so
 * it is typed here from the reference (docs.slack.dev/reference/block-kit/blocks/data-visualization-block):
 * a title of at most 50 characters; a bar chart of 1–6 series with unique names of at most 20
 * characters, each of 1–20 data points whose labels (at most 20 characters) are the axis categories;
 * axis titles of at most 50 characters; at most two such blocks per message.
 */
export interface ChartDataPoint {
  readonly label: string;
  readonly value: number;
}

export interface ChartDataSeries {
  readonly name: string;
  readonly data: readonly ChartDataPoint[];
}

export interface ChartAxisConfig {
  readonly categories: readonly string[];
  readonly x_label?: string;
  readonly y_label?: string;
}

export interface BarChart {
  readonly type: 'bar';
  readonly series: readonly ChartDataSeries[];
  readonly axis_config: ChartAxisConfig;
}

export interface DataVisualizationBlock {
  readonly type: 'data_visualization';
  readonly title: string;
  readonly chart: BarChart;
  readonly block_id?: string;
}

export const CHART_LIMITS = {
  title: 50,
  seriesMin: 1,
  seriesMax: 6,
  seriesName: 20,
  pointsMin: 1,
  points: 20,
  label: 20,
  axisLabel: 50,
  perMessage: 2,
} as const;

/** One bar per category and series, with the figures a chart is drawn from (kept for its text form). */
export interface ChartRow {
  /** The category: a sector or a program (shown cut to 20 characters on the chart). */
  readonly category: string;
  readonly figures: CapacityFigures;
  /**
   * Figures a series needs beyond the capacity ones (paid-in, utilization…), by series key; the view
   * that builds the rows fills them in.
   */
  readonly extra?: Readonly<Record<string, Won | undefined>>;
}

/**
 * A series of the capacity charts. Add one to CAPACITY_SERIES (paid-in, utilization, …) and every chart
 * with a value for it draws it: `value` returns undefined where the figure does not exist (a series
 * without any value is left out); a figure that is not a capacity one comes in `row.extra[key]`. At
 * most six are drawn. The series name is at most 20 characters in each language.
 */
export interface ChartSeriesSpec {
  readonly key: string;
  readonly name: Localized;
  readonly value: (figures: CapacityFigures, row: ChartRow) => Won | undefined;
}

export const CAPACITY_SERIES: readonly ChartSeriesSpec[] = [
  { key: 'target', name: { en: 'Target', ko: '목표' }, value: (f) => f.target },
  {
    key: 'confirmed',
    name: { en: 'Confirmed capacity', ko: '확정 보증 규모' },
    value: (f) => f.confirmedCapacity,
  },
  {
    key: 'potential',
    name: { en: 'With verbal pledges', ko: '구두 포함 규모' },
    value: (f) => f.potentialCapacity,
  },
  // Outstanding guarantees (issue 11), where any were issued: the row's `extra.utilized`.
  {
    key: 'utilized',
    name: { en: 'Guarantees in use', ko: '보증 이용액' },
    value: (_, row) => row.extra?.utilized,
  },
];

/** A row's `extra.utilized`: the outstanding guarantees, when any were issued. */
export const utilizedExtra = (u: { readonly count: number; readonly outstanding: Won }) =>
  u.count > 0 ? { extra: { utilized: u.outstanding } } : {};

const UNIT = new Decimal(100_000_000);

const AXIS: Localized<{ y: string }> = { en: { y: '100M won (억)' }, ko: { y: '억 원' } };

/** A chart value: won in 억 (100 million), one decimal; exact enough for a bar, small enough for JSON. */
export const chartValue = (won: Won): number => won.div(UNIT).toDecimalPlaces(1).toNumber();

/** Cuts to `max` UTF-16 units (the chart's labels take no ellipsis: they are short names). */
const cut = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max));

/** Labels within 20 characters and unique (categories, series): a cut that collides gets a number. */
const uniqueLabels = (names: readonly string[]): string[] => {
  const seen = new Set<string>();
  return names.map((name, i) => {
    let label = cut(name, CHART_LIMITS.label);
    if (seen.has(label)) {
      const suffix = `~${i + 1}`;
      label = `${cut(name, CHART_LIMITS.label - suffix.length)}${suffix}`;
    }
    seen.add(label);
    return label;
  });
};

export interface CapacityChart {
  readonly block: DataVisualizationBlock;
  /**
   * The same figures as text: per category a bar (confirmed capacity of the target) and each series'
   * figure; sections of at most 3,000 characters.
   */
  readonly text: readonly SectionBlock[];
  /** The categories shown (the first 20 rows). */
  readonly shown: number;
}

/** Confirmed share of target as a text bar: `████████░░ 80 %` (ten cells, whole percent, capped at 100). */
export const textBar = (part: Won, whole: Won): string => {
  const ratio = whole.isZero() ? (part.isZero() ? 0 : 1) : Math.min(1, part.div(whole).toNumber());
  const filled = Math.round(ratio * 10);
  const percent = whole.isZero()
    ? part.isZero()
      ? 0
      : 100
    : part.div(whole).times(100).toDecimalPlaces(0).toNumber();
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)} ${percent} %`;
};

/**
 * The capacity chart of `rows` (sectors or programs): a bar group per row, one bar per series that has
 * values. Undefined when there is nothing to draw. Its text form carries the same figures.
 */
export const capacityChart = (
  title: string,
  rows: readonly ChartRow[],
  locale: Locale,
  series: readonly ChartSeriesSpec[] = CAPACITY_SERIES,
): CapacityChart | undefined => {
  const shown = rows.slice(0, CHART_LIMITS.points);
  if (shown.length === 0) return undefined;
  const labels = uniqueLabels(shown.map((r) => r.category));
  const drawn = series
    .filter((s) => shown.some((r) => s.value(r.figures, r) !== undefined))
    .slice(0, CHART_LIMITS.seriesMax);
  if (drawn.length === 0) return undefined;
  const names = uniqueLabels(drawn.map((s) => s.name[locale]));
  const block: DataVisualizationBlock = {
    type: 'data_visualization',
    title: cut(title, CHART_LIMITS.title),
    chart: {
      type: 'bar',
      series: drawn.map((s, k) => ({
        name: names[k] ?? '',
        data: shown.map((r, i) => ({
          label: labels[i] ?? '',
          value: chartValue(s.value(r.figures, r) ?? new Decimal(0)),
        })),
      })),
      axis_config: { categories: labels, y_label: AXIS[locale].y },
    },
  };
  const w = WORDS[locale];
  const lines = shown.map((r) => {
    const figures = drawn
      .map((s) => {
        const v = s.value(r.figures, r);
        return `${s.name[locale]} ${v === undefined ? '—' : formatWonCompact(v, locale)}`;
      })
      .join(' · ');
    return `\`${textBar(r.figures.confirmedCapacity, r.figures.target)}\` *${escapeMrkdwn(r.category)}* · ${escapeMrkdwn(figures)}`;
  });
  const more = rows.length > shown.length ? [`… +${rows.length - shown.length}`] : [];
  const heading = `*${escapeMrkdwn(cut(title, CHART_LIMITS.title))}* (${w.capacity})`;
  return {
    block,
    text: packRows([heading, ...lines, ...more].map((text) => ({ text }))),
    shown: shown.length,
  };
};
