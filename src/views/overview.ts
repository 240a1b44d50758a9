import { formatWonCompact } from '../domain/amount.js';
import type { CapacityFigures } from '../domain/capacity.js';
import { Decimal } from '../domain/decimal.js';
import type { Audience } from '../domain/permissions.js';
import type { RiskCode } from '../domain/risk.js';
import type { SectorStanding, Standing } from '../domain/standing.js';
import { type Locale, type Localized, riskFlagLabel, WORDS } from '../i18n/common.js';
import { context, header, type Message, message, type Part } from './blocks.js';
import { capacityChart, utilizedExtra } from './chart.js';
import { utilizationShort } from './guarantees.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import type { Row } from './pages.js';
import { type StatusOptions, statusPageBlocks } from './status-parts.js';

/** `/winwin status`: every sector in a compact line or three, and the totals. */

const S: Localized<{
  title: string;
  asOf: string;
  programs: (n: number) => string;
  empty: string;
  total: string;
  details: string;
  more: (n: number) => string;
}> = {
  en: {
    title: 'Win-win finance: every sector',
    asOf: 'as of',
    programs: (n) => `${n} program${n === 1 ? '' : 's'}`,
    empty: 'No programs yet. Editors can add one with `/winwin program new`.',
    total: 'All sectors',
    details: 'Details:',
    more: (n) => `+${n} more`,
  },
  ko: {
    title: '상생금융: 전체 업종',
    asOf: '기준일',
    programs: (n) => `프로그램 ${n}개`,
    empty: '아직 프로그램이 없습니다. 편집자는 `/winwin program new`로 추가할 수 있습니다.',
    total: '전체 업종',
    details: '자세히:',
    more: (n) => `외 ${n}개`,
  },
};

type Figures = Pick<CapacityFigures, 'target' | 'confirmed' | 'confirmedCapacity' | 'gap'>;

const figuresLine = (c: Figures, locale: Locale): string => {
  const w = WORDS[locale];
  const won = (x: Decimal) => formatWonCompact(x, locale);
  return `${w.target} ${won(c.target)} · ${w.confirmed} ${won(c.confirmed)} · ${w.capacity} ${won(c.confirmedCapacity)} · ${w.gap} ${won(c.gap)}`;
};

/** How many programs of a flag the overview names before it counts the rest. */
const NAMED_PROGRAMS = 3;

/**
 * Each flag once, with the programs it is raised on: `:warning: stale talks (\`retail-1\`,
 * \`retail-2\` +3 more) · suspended pledges (\`retail-1\`)`. A sector's own status lists them all.
 */
const flagsLine = (s: SectorStanding, locale: Locale): string | undefined => {
  if (s.risks.length === 0) return undefined;
  const programs = new Map<RiskCode, string[]>();
  for (const r of s.risks) {
    const list = programs.get(r.flag.code);
    if (list === undefined) programs.set(r.flag.code, [r.program]);
    else if (!list.includes(r.program)) list.push(r.program);
  }
  const labels = [...programs].map(([flag, slugs]) => {
    const label = riskFlagLabel(flag, locale);
    if (s.programs.length <= 1) return label;
    const named = slugs.slice(0, NAMED_PROGRAMS).map(code).join(', ');
    const rest = slugs.length - NAMED_PROGRAMS;
    return `${label} (${named}${rest > 0 ? ` ${S[locale].more(rest)}` : ''})`;
  });
  return `:warning: ${labels.join(' · ')}`;
};

const sectorRow = (s: SectorStanding, locale: Locale): Row => {
  const name =
    s.sector.alias === undefined
      ? bold(s.sector.name)
      : `${bold(s.sector.name)} (${escapeMrkdwn(s.sector.alias)})`;
  const flags = flagsLine(s, locale);
  return {
    text: [
      `${name} · ${S[locale].programs(s.programs.length)}`,
      figuresLine(s.capacity, locale),
      ...(s.utilization.count > 0 ? [escapeMrkdwn(utilizationShort(s.utilization, locale))] : []),
      ...(flags ? [flags] : []),
    ].join('\n'),
  };
};

const ZERO = new Decimal(0);

const totals = (sectors: readonly SectorStanding[]): Figures => {
  const sum = (pick: (c: Figures) => Decimal) => sectors.reduce((a, s) => a.plus(pick(s.capacity)), ZERO);
  return {
    target: sum((c) => c.target),
    confirmed: sum((c) => c.confirmed),
    confirmedCapacity: sum((c) => c.confirmedCapacity),
    gap: sum((c) => c.gap),
  };
};

/** The overview of every sector; the audience matters only for the last change's names. */
export const buildOverviewMessage = (
  standing: Extract<Standing, { kind: 'all' }>,
  audience: Audience,
  locale: Locale,
  o: StatusOptions = {},
): Message => {
  const s = S[locale];
  const all = totals(standing.sectors);
  const chart = capacityChart(
    s.title,
    standing.sectors.map((x) => ({
      category: x.sector.name,
      figures: x.capacity,
      ...utilizedExtra(x.utilization),
    })),
    locale,
  );
  const head: Part[] = [
    ...(o.notice === undefined ? [] : [context(o.notice)]),
    header(s.title),
    context(`${s.asOf} ${standing.today} · ${s.details} ${code('/winwin status <sector>')}`),
    ...(chart === undefined ? [] : [{ rich: [chart.block], plain: chart.text }]),
  ];
  const rows: Row[] =
    standing.sectors.length === 0
      ? [{ text: s.empty }]
      : [
          ...standing.sectors.map((x) => sectorRow(x, locale)),
          { text: `*${s.total}*\n${figuresLine(all, locale)}` },
        ];
  const blocks = statusPageBlocks({
    standing,
    audience,
    locale,
    options: o,
    pledges: standing.sectors.flatMap((x) => x.programs.flatMap((p) => p.pledges)),
    head,
    rows: () => rows,
  });
  const fallback = [
    `${s.title} (${standing.today})`,
    ...standing.sectors.map(
      (x) =>
        `${x.sector.name}: ${figuresLine(x.capacity, locale)}${x.risks.length > 0 ? ` · ⚠ ${x.risks.length}` : ''}`,
    ),
    `${s.total}: ${figuresLine(all, locale)}`,
  ].join('\n');
  return message(fallback, blocks);
};
