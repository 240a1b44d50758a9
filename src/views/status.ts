import { formatMultiple, formatWon } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import { type Audience, can, contributorVisible } from '../domain/permissions.js';
import type { ProgramStanding, SectorStanding, Standing } from '../domain/standing.js';
import type { Pledge, PledgeStatus, Sector } from '../domain/types.js';
import {
  CONTRIBUTOR_KIND_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
  WORDS,
} from '../i18n/common.js';
import {
  divider,
  fieldsSection,
  header,
  type KnownBlock,
  type Message,
  message,
  type Part,
  section,
} from './blocks.js';
import { capacityChart, utilizedExtra } from './chart.js';
import { utilizationSection, utilizationShort } from './guarantees.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import { buildOverviewMessage } from './overview.js';
import type { PageCaps, PageRow, Row, TableSpec } from './pages.js';
import { controlBlockId, hasPledgeControl, pledgeControl } from './pledge-controls.js';
import { riskText } from './risk-text.js';
import { type StatusOptions, standingTarget, statusPageBlocks } from './status-parts.js';

/** `/winwin status <target>`: one program or one sector, for one audience. */

export type { StatusOptions } from './status-parts.js';

const S: Localized<{
  operating: string;
  confirmedCapacity: string;
  pipelineCapacity: string;
  ifPipelineSigned: string;
  noPledges: string;
  noPrograms: string;
  announceBy: string;
  closed: string;
  operatingGap: string;
  none: string;
}> = {
  en: {
    operating: 'operating',
    confirmedCapacity: 'Confirmed capacity',
    pipelineCapacity: 'With verbal pledges',
    ifPipelineSigned: 'if every verbal pledge is signed',
    noPledges: 'No pledges recorded yet.',
    noPrograms: 'No programs in this sector yet.',
    announceBy: 'announce by',
    closed: 'closed, not counted',
    operatingGap: 'of operating',
    none: 'none',
  },
  ko: {
    operating: '운영',
    confirmedCapacity: '확정 보증 규모',
    pipelineCapacity: '구두 의사 포함 시',
    ifPipelineSigned: '구두 의사가 모두 협약되면',
    noPledges: '기록된 출연이 없습니다.',
    noPrograms: '이 업종에는 아직 프로그램이 없습니다.',
    announceBy: '발표 기한',
    closed: '종료, 집계 제외',
    operatingGap: '운영 기준',
    none: '없음',
  },
};

/** The order pledges are listed in: money that counts first. */
const STATUS_ORDER: readonly PledgeStatus[] = ['paid', 'committed', 'verbal', 'suspended', 'withdrawn'];

const sectorLabel = (sector: Sector): string =>
  sector.alias === undefined ? bold(sector.name) : `${bold(sector.name)} (${escapeMrkdwn(sector.alias)})`;

const contributorName = (pledge: Pledge, audience: Audience, locale: Locale): string =>
  contributorVisible(pledge, audience) ? bold(pledge.contributor) : `_${WORDS[locale].undisclosed}_`;

/** A pledge as table cells (plain text): id, contributor, kind, status, amount, expected payment. */
const pledgeCells = (pledge: Pledge, audience: Audience, locale: Locale, program?: string): string[] => [
  ...(program === undefined ? [] : [program]),
  pledge.id,
  contributorVisible(pledge, audience) ? pledge.contributor : WORDS[locale].undisclosed,
  CONTRIBUTOR_KIND_LABELS[locale][pledge.kind],
  PLEDGE_STATUS_LABELS[locale][pledge.status],
  formatWon(pledge.amount, locale),
  pledge.due ?? '',
];

/** The pledge table's header; with `program`, a first column naming the program (a sector's list). */
const pledgeTable = (locale: Locale, program: boolean): TableSpec => {
  const w = WORDS[locale];
  return {
    header: [...(program ? [w.program] : []), 'ID', w.contributor, w.kind, w.status, w.amount, w.due],
    align: [...(program ? ['left' as const] : []), 'left', 'left', 'left', 'left', 'right', 'left'],
  };
};

/**
 * Pledges per page: an editor's reply at most 12 (each with its menu is a block of about 500 bytes;
 * 12 keep the reply of a big sector under 12 KB), a table at most 25.
 */
const pageCaps = (controls: boolean): PageCaps => ({ items: controls ? 12 : 25 });

const pledgeLine = (pledge: Pledge, audience: Audience, locale: Locale): string => {
  const due = pledge.due === undefined ? '' : ` · ${WORDS[locale].due} ${pledge.due}`;
  return `${code(pledge.id)} ${contributorName(pledge, audience, locale)} · ${CONTRIBUTOR_KIND_LABELS[locale][pledge.kind]} · ${formatWon(pledge.amount, locale)}${due}`;
};

/**
 * The pledges of a program grouped by status, one row per pledge, with menus when `controls`. Rows with
 * a menu are deferred: only those of the page shown are drawn.
 */
const pledgeRows = (
  p: ProgramStanding,
  audience: Audience,
  locale: Locale,
  controls: { target: string; page: number } | undefined,
  prefix = '',
  programColumn?: string,
): PageRow[] => {
  if (p.pledges.length === 0) return [{ text: `${prefix}_${S[locale].noPledges}_` }];
  return STATUS_ORDER.flatMap((status) => {
    const group = p.byStatus[status];
    if (group.length === 0) return [];
    const sum = group.reduce((a, x) => a.plus(x.amount), new Decimal(0));
    const heading: Row = {
      text: `${prefix}*${PLEDGE_STATUS_LABELS[locale][status]}* — ${group.length} · ${formatWon(sum, locale)}`,
      tableOmits: true,
    };
    const line = (pledge: Pledge): string => `${prefix}${pledgeLine(pledge, audience, locale)}`;
    return [
      heading,
      ...group.map((pledge): PageRow => {
        if (controls === undefined || !hasPledgeControl(pledge))
          return { text: line(pledge), cells: pledgeCells(pledge, audience, locale, programColumn) };
        return {
          draw: () => ({
            text: line(pledge),
            accessory: pledgeControl(pledge, locale) ?? unreachable(pledge),
            blockId: controlBlockId({ pledge: pledge.id, target: controls.target, page: controls.page }),
          }),
        };
      }),
    ];
  });
};

const unreachable = (pledge: Pledge): never => {
  throw new Error(`pledge ${pledge.id} has a menu but none was drawn`);
};

const riskLines = (p: ProgramStanding, audience: Audience, locale: Locale): string[] =>
  p.risks.map((flag) => `:warning: ${riskText(flag, p.pledges, audience, locale)}`);

/** Target, multiple, confirmed and pipeline capacity, gap and still needed, as two-column fields. */
const programFigures = (p: ProgramStanding, locale: Locale): KnownBlock => {
  const w = WORDS[locale];
  const s = S[locale];
  const c = p.capacity;
  const target =
    c.operating === undefined
      ? formatWon(c.target, locale)
      : `${formatWon(c.target, locale)}\n${s.operating} ${formatWon(c.operating, locale)}`;
  const gap =
    c.operatingGap === undefined
      ? formatWon(c.gap, locale)
      : `${formatWon(c.gap, locale)}\n${s.operatingGap} ${formatWon(c.operatingGap, locale)}`;
  return fieldsSection([
    `*${w.target}*\n${target}`,
    `*${w.multiple}*\n${formatMultiple(c.multiple)}`,
    `*${s.confirmedCapacity}*\n${formatWon(c.confirmedCapacity, locale)} (${w.confirmed} ${formatWon(c.confirmed, locale)})`,
    `*${w.paidIn}*\n${w.paidInBacks(formatWon(c.paidIn, locale), formatWon(c.paidInCapacity, locale))}`,
    `*${s.pipelineCapacity}*\n${formatWon(c.potentialCapacity, locale)} (${w.pipeline} ${formatWon(c.pipeline, locale)})`,
    `*${w.gap}*\n${gap}`,
    `*${w.stillNeeded}*\n${formatWon(c.stillNeeded, locale)}${c.potentialStillNeeded.lt(c.stillNeeded) ? `\n${s.ifPipelineSigned}: ${formatWon(c.potentialStillNeeded, locale)}` : ''}`,
  ]);
};

const programLine = (p: ProgramStanding, locale: Locale): string => {
  const status = PROGRAM_STATUS_LABELS[locale][p.program.status];
  const by = p.program.announceBy === undefined ? '' : ` · ${S[locale].announceBy} ${p.program.announceBy}`;
  return `${sectorLabel(p.sector)} · ${code(p.program.slug)} · ${escapeMrkdwn(status)} · ${formatMultiple(p.program.multiple)}${by}`;
};

const plainFigures = (
  name: string,
  c: ProgramStanding['capacity'] | SectorStanding['capacity'],
  locale: Locale,
) => {
  const w = WORDS[locale];
  return `${escapeMrkdwn(name)}: ${w.target} ${formatWon(c.target, locale)}, ${w.confirmed} ${formatWon(c.confirmed, locale)}, ${w.capacity} ${formatWon(c.confirmedCapacity, locale)}, ${w.gap} ${formatWon(c.gap, locale)}, ${w.stillNeeded} ${formatWon(c.stillNeeded, locale)}`;
};

/** Editors get a status menu per pledge in their own (interactive) reply, never in a channel's view. */
const hasControls = (audience: Audience, o: StatusOptions): boolean =>
  (o.interactive ?? false) && audience.channelNames === undefined && can(audience.role, 'pledge.status');

const buildProgram = (
  standing: Extract<Standing, { kind: 'program' }>,
  audience: Audience,
  locale: Locale,
  o: StatusOptions,
): Message => {
  const p = standing.program;
  const target = standingTarget(standing);
  const controls = hasControls(audience, o);
  const risks = riskLines(p, audience, locale);
  const head: KnownBlock[] = [
    ...(o.notice === undefined ? [] : [section(o.notice)]),
    header(p.program.name),
    section(programLine(p, locale)),
    programFigures(p, locale),
    // Guarantees once the program takes them (announced or launched), or once it has any.
    ...(p.utilization.count > 0 || p.program.status === 'announced' || p.program.status === 'launched'
      ? [section(utilizationSection(p.utilization, locale))]
      : []),
    section(
      risks.length === 0
        ? `*${WORDS[locale].riskFlags}:* ${S[locale].none}`
        : `*${WORDS[locale].riskFlags}*\n${risks.join('\n')}`,
    ),
    divider(),
    section(`*${WORDS[locale].pledges}*`),
  ];
  const blocks = statusPageBlocks({
    standing,
    audience,
    locale,
    options: o,
    pledges: p.pledges,
    head,
    rows: (page) => pledgeRows(p, audience, locale, controls ? { target, page } : undefined),
    rowsKnowTheirPage: controls,
    table: pledgeTable(locale, false),
    caps: pageCaps(controls),
  });
  const fallback = [
    plainFigures(p.program.name, p.capacity, locale),
    ...(p.risks.length === 0 ? [] : [`${WORDS[locale].riskFlags}: ${p.risks.length}`]),
  ].join('\n');
  return message(fallback, blocks);
};

const buildSector = (
  standing: Extract<Standing, { kind: 'sector' }>,
  audience: Audience,
  locale: Locale,
  o: StatusOptions,
): Message => {
  const s = standing.sector;
  const w = WORDS[locale];
  const target = standingTarget(standing);
  const controls = hasControls(audience, o);
  const c = s.capacity;
  const title = s.sector.alias === undefined ? s.sector.name : `${s.sector.name} (${s.sector.alias})`;
  const chart = capacityChart(
    title,
    s.programs.map((p) => ({
      category: p.program.slug,
      figures: p.capacity,
      ...utilizedExtra(p.utilization),
    })),
    locale,
  );
  const head: Part[] = [
    ...(o.notice === undefined ? [] : [section(o.notice)]),
    header(title),
    fieldsSection([
      `*${w.target}*\n${formatWon(c.target, locale)}`,
      `*${w.programs}*\n${s.programs.length}`,
      `*${S[locale].confirmedCapacity}*\n${formatWon(c.confirmedCapacity, locale)} (${w.confirmed} ${formatWon(c.confirmed, locale)})`,
      `*${w.paidIn}*\n${w.paidInBacks(formatWon(c.paidIn, locale), formatWon(c.paidInCapacity, locale))}`,
      `*${S[locale].pipelineCapacity}*\n${formatWon(c.potentialCapacity, locale)} (${w.pipeline} ${formatWon(c.pipeline, locale)})`,
      `*${w.gap}*\n${formatWon(c.gap, locale)}`,
      `*${w.stillNeeded}*\n${formatWon(c.stillNeeded, locale)}`,
    ]),
    ...(s.utilization.count > 0 ? [section(utilizationSection(s.utilization, locale))] : []),
    ...(chart === undefined ? [] : [{ rich: [chart.block], plain: chart.text }]),
    divider(),
  ];
  const rowsFor = (pageNo: number): PageRow[] =>
    s.programs.length === 0
      ? [{ text: `_${S[locale].noPrograms}_` }]
      : s.programs.flatMap((p): PageRow[] => {
          const pc = p.capacity;
          const closed = p.program.status === 'closed' ? ` _(${S[locale].closed})_` : '';
          const summary = [
            `${bold(p.program.name)}${closed}`,
            programLine(p, locale),
            `${w.target} ${formatWon(pc.target, locale)} · ${w.capacity} ${formatWon(pc.confirmedCapacity, locale)} · ${w.paidIn} ${formatWon(pc.paidIn, locale)} · ${w.gap} ${formatWon(pc.gap, locale)} · ${w.stillNeeded} ${formatWon(pc.stillNeeded, locale)}`,
            ...(p.utilization.count > 0 ? [escapeMrkdwn(utilizationShort(p.utilization, locale))] : []),
            ...riskLines(p, audience, locale),
          ].join('\n');
          return [
            { text: summary },
            ...pledgeRows(
              p,
              audience,
              locale,
              controls ? { target, page: pageNo } : undefined,
              '\u2003',
              p.program.slug,
            ),
          ];
        });
  const blocks = statusPageBlocks({
    standing,
    audience,
    locale,
    options: o,
    pledges: s.programs.flatMap((p) => p.pledges),
    head,
    rows: rowsFor,
    rowsKnowTheirPage: controls,
    table: pledgeTable(locale, true),
    caps: pageCaps(controls),
  });
  const flagged = s.risks.length;
  const fallback = [
    plainFigures(s.sector.name, c, locale),
    ...s.programs.map((p) => plainFigures(p.program.slug, p.capacity, locale)),
    ...(flagged === 0 ? [] : [`${w.riskFlags}: ${flagged}`]),
  ].join('\n');
  return message(fallback, blocks);
};

/**
 * The standing as a message for `audience` in `locale`. Names of contributors who never signed are
 * shown only when the audience may see them. 'all' is the overview.
 */
export const buildStatusMessage = (
  standing: Standing,
  audience: Audience,
  locale: Locale,
  options: StatusOptions = {},
): Message => {
  switch (standing.kind) {
    case 'all':
      return buildOverviewMessage(standing, audience, locale, options);
    case 'sector':
      return buildSector(standing, audience, locale, options);
    case 'program':
      return buildProgram(standing, audience, locale, options);
  }
};
