import { formatWon } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import type { FollowUp } from '../domain/follow.js';
import { hasRole } from '../domain/permissions.js';
import type { SectorStanding, Standing } from '../domain/standing.js';
import type { Role } from '../domain/types.js';
import { type Locale, type Localized, PROGRAM_STATUS_LABELS, ROLE_LABELS, WORDS } from '../i18n/common.js';
import {
  actions,
  button,
  context,
  divider,
  fitBlocks,
  type HomeView,
  header,
  type KnownBlock,
  LIMITS,
  mrkdwn,
  paginate,
  type SectionBlock,
  section,
} from './blocks.js';
import { followUpBlocks, followWords } from './follow.js';
import { utilizationShort } from './guarantees.js';
import { ACTIONS, BLOCKS } from './ids.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import { riskText } from './risk-text.js';

/**
 * App Home: every sector's target, confirmed contributions, capacity, gap and risk flags, the user's
 * role, and for editors and admins the buttons that open the pledge and program modals. Names of
 * contributors who never signed appear only where the audience may see them (risk-text decides).
 */

/** Sectors per page: each takes three blocks, so a page stays well inside a view's 100. */
export const SECTORS_PER_PAGE = 25;

const TEXT: Localized<{
  title: string;
  yourRole: (role: string, user: string) => string;
  asOf: (today: string) => string;
  viewerNote: string;
  recordPledge: string;
  newProgram: string;
  overall: string;
  empty: string;
  emptyEditor: string;
  emptyViewer: string;
  programs: (n: number) => string;
  closed: (n: number) => string;
  noRisks: string;
  withVerbal: (amount: string) => string;
  stillNeeded: (amount: string) => string;
  page: (page: number, pages: number) => string;
  hint: string;
  details: string;
}> = {
  en: {
    title: 'Winwin — win-win finance programs',
    yourRole: (role, user) => `Your role: *${role}* (${user})`,
    asOf: (today) => `as of ${today}`,
    viewerNote: 'Contributors who have not signed yet are shown as undisclosed.',
    recordPledge: 'Record pledge',
    newProgram: 'New program',
    overall: 'All sectors',
    empty: 'No programs are recorded yet.',
    emptyEditor: 'Create the first one with *New program* above, or `/winwin program new`.',
    emptyViewer: 'An editor or admin creates programs with `/winwin program new`.',
    programs: (n) => `${n} program${n === 1 ? '' : 's'}`,
    closed: (n) => `${n} closed, not counted`,
    noRisks: 'No risk flags.',
    withVerbal: (amount) => `${amount} if verbal pledges are signed`,
    stillNeeded: (amount) => `${amount} of contributions still needed`,
    page: (page, pages) => `Sectors, page ${page} of ${pages}`,
    details: 'Details',
    hint: 'Details: `/winwin status &lt;sector&gt;` · history: `/winwin history &lt;sector&gt;` · all commands: `/winwin help`',
  },
  ko: {
    title: 'Winwin — 상생금융 프로그램',
    yourRole: (role, user) => `내 역할: *${role}* (${user})`,
    asOf: (today) => `${today} 기준`,
    viewerNote: '아직 협약하지 않은 출연자는 비공개로 표시됩니다.',
    recordPledge: '출연 기록',
    newProgram: '새 프로그램',
    overall: '전체 업종',
    empty: '아직 기록된 프로그램이 없습니다.',
    emptyEditor: '위의 *새 프로그램* 버튼이나 `/winwin program new`로 첫 프로그램을 만드세요.',
    emptyViewer: '편집자나 관리자가 `/winwin program new`로 프로그램을 만듭니다.',
    programs: (n) => `프로그램 ${n}개`,
    closed: (n) => `종료 ${n}개 제외`,
    noRisks: '위험 신호 없음.',
    withVerbal: (amount) => `구두 의사까지 협약되면 ${amount}`,
    stillNeeded: (amount) => `추가로 필요한 출연금 ${amount}`,
    page: (page, pages) => `업종 ${page}/${pages} 페이지`,
    details: '상세',
    hint: '상세: `/winwin status &lt;업종&gt;` · 이력: `/winwin history &lt;업종&gt;` · 전체 명령: `/winwin help`',
  },
};

export interface HomeOptions {
  /** The viewer's Slack id, shown next to the role. */
  readonly user?: string;
  /** 0-based page of sectors; clamped to the pages there are. */
  readonly page?: number;
  /** The viewer's follow-ups (`/winwin mine`), shown as "My follow-ups" when there are any. */
  readonly followUps?: readonly FollowUp[];
}

/** Follow-ups shown on Home before pointing at `/winwin mine` (a Home view holds 100 blocks). */
const HOME_FOLLOW_UPS = 5;

const MORE_FOLLOW_UPS: Localized<(n: number) => string> = {
  en: (n) => `… and ${n} more: \`/winwin mine\``,
  ko: (n) => `… 외 ${n}건: \`/winwin mine\``,
};

const followUpSection = (items: readonly FollowUp[], today: string, locale: Locale): KnownBlock[] => {
  if (items.length === 0) return [];
  const shown = items.slice(0, HOME_FOLLOW_UPS);
  return [
    header(followWords(locale).mineTitle),
    ...followUpBlocks(shown, today, locale),
    ...(items.length > shown.length ? [context(MORE_FOLLOW_UPS[locale](items.length - shown.length))] : []),
    divider(),
  ];
};

const ZERO = new Decimal(0);

const withFields = (text: string, fields: readonly string[]): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  fields: fields.slice(0, LIMITS.sectionFields).map((f) => mrkdwn(f, LIMITS.sectionField)),
});

/** Target / confirmed / capacity / gap of a sector (or of everything) as section fields. */
const figureFields = (c: SectorStanding['capacity'], locale: Locale): string[] => {
  const w = WORDS[locale];
  const t = TEXT[locale];
  const won = (x: Decimal) => formatWon(x, locale);
  const capacity = c.potentialCapacity.gt(c.confirmedCapacity)
    ? `${won(c.confirmedCapacity)}\n_${t.withVerbal(won(c.potentialCapacity))}_`
    : won(c.confirmedCapacity);
  const gap = c.gap.gt(0) ? `${won(c.gap)}\n_${t.stillNeeded(won(c.stillNeeded))}_` : won(c.gap);
  return [
    `*${w.target}*\n${won(c.target)}`,
    `*${w.confirmed}*\n${won(c.confirmed)}`,
    `*${w.capacity}*\n${capacity}`,
    `*${w.paidIn}*\n${w.paidInBacks(won(c.paidIn), won(c.paidInCapacity))}`,
    `*${w.gap}*\n${gap}`,
  ];
};

const sectorTitle = (s: SectorStanding, locale: Locale): string => {
  const t = TEXT[locale];
  const name =
    s.sector.alias === undefined
      ? bold(s.sector.name)
      : `${bold(s.sector.name)} · ${escapeMrkdwn(s.sector.alias)}`;
  const counted = s.programs.length - s.capacity.closed.length;
  const closed = s.capacity.closed.length > 0 ? `, ${t.closed(s.capacity.closed.length)}` : '';
  return `${name} — ${t.programs(counted)}${closed}`;
};

/** Programs with their status, then each risk flag in words, for this audience. */
const sectorDetails = (s: SectorStanding, role: Role, locale: Locale): string => {
  const programs = s.programs
    .map((p) => `${escapeMrkdwn(p.program.name)} (${PROGRAM_STATUS_LABELS[locale][p.program.status]})`)
    .join(' · ');
  const risks = s.programs.flatMap((p) =>
    p.risks.map((flag) => {
      const text = riskText(flag, p.pledges, { role }, locale);
      return s.programs.length > 1 ? `:warning: ${code(p.program.slug)}: ${text}` : `:warning: ${text}`;
    }),
  );
  const used = s.utilization.count > 0 ? [escapeMrkdwn(utilizationShort(s.utilization, locale))] : [];
  const lines = [programs, ...used, ...(risks.length === 0 ? [TEXT[locale].noRisks] : risks)];
  return lines.join('\n');
};

const sectorBlocks = (s: SectorStanding, role: Role, locale: Locale): KnownBlock[] => [
  {
    ...withFields(sectorTitle(s, locale), figureFields(s.capacity, locale)),
    accessory: button({ text: TEXT[locale].details, actionId: ACTIONS.homeOpenStatus, value: s.sector.name }),
  },
  context(sectorDetails(s, role, locale)),
  divider(),
];

const sum = (sectors: readonly SectorStanding[], pick: (c: SectorStanding['capacity']) => Decimal): Decimal =>
  sectors.reduce((total, s) => total.plus(pick(s.capacity)), ZERO);

const overallCapacity = (sectors: readonly SectorStanding[]): SectorStanding['capacity'] => ({
  sector: 'all',
  programs: sectors.flatMap((s) => s.capacity.programs),
  closed: sectors.flatMap((s) => s.capacity.closed),
  target: sum(sectors, (c) => c.target),
  total: sum(sectors, (c) => c.total),
  confirmed: sum(sectors, (c) => c.confirmed),
  committed: sum(sectors, (c) => c.committed),
  paid: sum(sectors, (c) => c.paid),
  pipeline: sum(sectors, (c) => c.pipeline),
  paidIn: sum(sectors, (c) => c.paidIn),
  paidInCapacity: sum(sectors, (c) => c.paidInCapacity),
  excluded: sum(sectors, (c) => c.excluded),
  suspended: sum(sectors, (c) => c.suspended),
  withdrawn: sum(sectors, (c) => c.withdrawn),
  confirmedCapacity: sum(sectors, (c) => c.confirmedCapacity),
  potentialCapacity: sum(sectors, (c) => c.potentialCapacity),
  gap: sum(sectors, (c) => c.gap),
  stillNeeded: sum(sectors, (c) => c.stillNeeded),
  potentialGap: sum(sectors, (c) => c.potentialGap),
  potentialStillNeeded: sum(sectors, (c) => c.potentialStillNeeded),
});

const pageNav = (page: number, pages: number, locale: Locale): KnownBlock[] => {
  if (pages <= 1) return [];
  const w = WORDS[locale];
  const buttons = [
    ...(page > 0
      ? [button({ text: w.previous, actionId: ACTIONS.homePagePrev, value: String(page - 1) })]
      : []),
    ...(page < pages - 1
      ? [button({ text: w.next, actionId: ACTIONS.homePageNext, value: String(page + 1) })]
      : []),
  ];
  return [context(TEXT[locale].page(page + 1, pages)), actions(buttons, BLOCKS.pagination)];
};

/** The App Home for one user: `standing` is every sector (standingOf(state, 'all', today)). */
export const buildHomeView = (
  standing: Extract<Standing, { kind: 'all' }>,
  role: Role,
  locale: Locale,
  options: HomeOptions = {},
): HomeView => {
  const t = TEXT[locale];
  const editor = hasRole(role, 'editor');
  const who = t.yourRole(
    escapeMrkdwn(ROLE_LABELS[locale][role]),
    options.user === undefined ? code(role) : code(options.user),
  );
  const head: KnownBlock[] = [
    header(t.title),
    context(`${who} · ${t.asOf(standing.today)}${editor ? '' : `\n${t.viewerNote}`}`),
  ];
  const follow = followUpSection(options.followUps ?? [], standing.today, locale);
  if (editor) {
    head.push(
      actions(
        [
          button({ text: t.recordPledge, actionId: ACTIONS.homeRecordPledge, style: 'primary' }),
          button({ text: t.newProgram, actionId: ACTIONS.homeNewProgram }),
        ],
        BLOCKS.homeActions,
      ),
    );
  }

  head.push(...follow);
  const sectors = standing.sectors;
  if (sectors.length === 0) {
    return {
      type: 'home',
      blocks: [...head, divider(), section(`${t.empty} ${editor ? t.emptyEditor : t.emptyViewer}`)],
    };
  }

  const pages = paginate(sectors, SECTORS_PER_PAGE);
  const page = Math.min(Math.max(0, Math.trunc(options.page ?? 0)), pages.length - 1);
  const body = (pages[page] ?? []).flatMap((s) => sectorBlocks(s, role, locale));
  const blocks: KnownBlock[] = [
    ...head,
    withFields(bold(t.overall), figureFields(overallCapacity(sectors), locale)),
    divider(),
    ...body,
    ...pageNav(page, pages.length, locale),
    context(t.hint),
  ];
  // The page size already keeps this inside the limit; fitBlocks is the guarantee.
  return { type: 'home', blocks: fitBlocks(blocks, LIMITS.viewBlocks, (hidden) => context(`… +${hidden}`)) };
};
