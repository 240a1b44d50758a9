import { formatMultiple, formatWon } from '../domain/amount.js';
import { zoneOf } from '../domain/dates.js';
import type { Digest, DigestChange, DigestProgram } from '../domain/digest.js';
import type { Audience } from '../domain/permissions.js';
import { pledgesOf } from '../domain/pledge-groups.js';
import type { Pledge, Program, Sector } from '../domain/types.js';
import { type Locale, type Localized, PROGRAM_STATUS_LABELS, WORDS } from '../i18n/common.js';
import {
  context,
  divider,
  header,
  type KnownBlock,
  LIMITS,
  linesToSections,
  type Message,
  message,
  type Part,
  section,
} from './blocks.js';
import { capacityChart } from './chart.js';
import { type EventTextOptions, eventChanges, eventLabel, eventPlain, formatWhen } from './event-text.js';
import { utilizationLine } from './guarantees.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import { riskText } from './risk-text.js';

/**
 * A digest in words: what changed (grouped by program), then where each program stands. Channel posts
 * never mention anyone (a digest must not ping the people who made the changes), and every name of a
 * contributor the audience may not see reads "an undisclosed contributor".
 */

export type DigestKind = 'daily' | 'weekly' | 'now';

export interface DigestViewInput {
  readonly digest: Digest;
  /** Every pledge as it is now: decides which names this audience may read. */
  readonly pledges: readonly Pledge[];
  readonly audience: Audience;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly kind: DigestKind;
  /** The target as people read it: "all programs", "autos (자동차)", a program's name. */
  readonly title: string;
  /** The changes are those after this instant (ISO); absent: "since the last digest". */
  readonly since?: string;
}

const T: Localized<{
  heading: Record<DigestKind, string>;
  since: (when: string) => string;
  changes: string;
  standing: string;
  nothing: string;
  flags: string;
  capacityOf: (capacity: string, target: string) => string;
  gapLine: (gap: string, needed: string) => string;
  closedGap: string;
  undisclosed: string;
  more: (n: number) => string;
}> = {
  en: {
    heading: { daily: 'Daily digest', weekly: 'Weekly digest', now: 'Digest' },
    since: (when) => `Changes since ${when}`,
    changes: 'What changed',
    standing: 'Where each program stands',
    nothing: 'Nothing changed in this period.',
    flags: 'Flags',
    capacityOf: (capacity, target) => `capacity ${capacity} of ${target}`,
    gapLine: (gap, needed) => `gap ${gap} (${needed} more contributions needed)`,
    closedGap: 'target reached',
    undisclosed: 'an undisclosed contributor',
    more: (n) => `… and ${n} more. Use /winwin history for the full record.`,
  },
  ko: {
    heading: { daily: '일일 요약', weekly: '주간 요약', now: '요약' },
    since: (when) => `${when} 이후 변경 사항`,
    changes: '변경 사항',
    standing: '프로그램별 현황',
    nothing: '이 기간에는 변경 사항이 없습니다.',
    flags: '위험 신호',
    capacityOf: (capacity, target) => `보증 규모 ${capacity} / 목표 ${target}`,
    gapLine: (gap, needed) => `부족분 ${gap} (추가 출연 ${needed} 필요)`,
    closedGap: '목표 달성',
    undisclosed: WORDS.ko.undisclosed,
    more: (n) => `… 외 ${n}건. 전체 기록은 /winwin history로 보세요.`,
  },
};

/** What `undisclosedLabel` the domain should write into redacted text for this locale. */
export const undisclosedLabel = (locale: Locale): string => T[locale].undisclosed;

export interface ChangeTextOptions extends EventTextOptions {
  readonly pledges: readonly Pledge[];
}

/**
 * One change: `2025-12-01 09:12 · pledge status · P5 · an undisclosed contributor` and, quoted below,
 * `status: verbal intent → suspended · reason: …`. No mention of the actor.
 */
export const changeText = (change: DigestChange, o: ChangeTextOptions): string => {
  const { event } = change;
  const name = change.undisclosed ? T[o.locale].undisclosed : change.contributor;
  const who = event.type.startsWith('pledge.') && name !== undefined ? ` · ${escapeMrkdwn(name)}` : '';
  const head = `${formatWhen(event.at, o.timeZone)} · ${eventLabel(event.type, o.locale)} · ${code(event.target)}${who}`;
  const details = eventChanges(event, o);
  return details.length === 0 ? head : `${head}\n> ${details.join(' · ')}`;
};

/** Program name and slug, status: `*Hyundai & Kia* (`autos-hyundai`) · announced`. */
export const programTitle = (p: DigestProgram, locale: Locale): string =>
  `${bold(p.program.name)} (${code(p.program.slug)}) · ${PROGRAM_STATUS_LABELS[locale][p.program.status]}`;

/** The short standing: confirmed, capacity of target, gap, flags. */
export const standingLines = (p: DigestProgram, o: ChangeTextOptions): string[] => {
  const w = WORDS[o.locale];
  const t = T[o.locale];
  const c = p.capacity;
  const gap = c.gap.isZero()
    ? t.closedGap
    : t.gapLine(formatWon(c.gap, o.locale), formatWon(c.stillNeeded, o.locale));
  const lines = [
    `${w.confirmed} ${formatWon(c.confirmed, o.locale)} × ${formatMultiple(c.multiple)} → ${t.capacityOf(formatWon(c.confirmedCapacity, o.locale), formatWon(c.target, o.locale))} · ${gap}`,
  ];
  if (p.utilization.count > 0) lines.push(escapeMrkdwn(utilizationLine(p.utilization, o.locale)));
  if (c.paidIn.gt(0) || c.confirmed.gt(0)) {
    lines.push(
      `${w.paidIn} ${w.paidInBacks(formatWon(c.paidIn, o.locale), formatWon(c.paidInCapacity, o.locale))}`,
    );
  }
  const programPledges = p.risks.length === 0 ? [] : pledgesOf(o.pledges, p.program.slug);
  for (const risk of p.risks) {
    lines.push(`:warning: ${riskText(risk.flag, programPledges, o.audience, o.locale)}`);
  }
  return lines;
};

/** The whole digest as one message, within Block Kit limits. */
export const buildDigestMessage = (input: DigestViewInput): Message => {
  const { digest, locale } = input;
  const t = T[locale];
  // One zone for every change's time (making a formatter costs far more than using it).
  const o: ChangeTextOptions = { ...input, timeZone: zoneOf(input.timeZone) };
  const heading = `${t.heading[input.kind]} · ${input.title}`;
  const blocks: Part[] = [header(heading)];
  if (input.since !== undefined) {
    blocks.push(
      context(escapeMrkdwn(t.since(`${formatWhen(input.since, input.timeZone)} (${input.timeZone})`))),
    );
  }

  const changeBlocks: KnownBlock[] = [];
  const byProgram = new Map<string, DigestChange[]>();
  for (const change of digest.changes) {
    const key = change.event.program ?? '';
    byProgram.set(key, [...(byProgram.get(key) ?? []), change]);
  }
  for (const [slug, changes] of byProgram) {
    const program = changes[0]?.program;
    const title = program === undefined ? code(slug) : `${bold(program.name)} (${code(slug)})`;
    changeBlocks.push(...linesToSections([title, ...changes.map((c) => `• ${changeText(c, o)}`)]));
  }

  const standingBlocks = digest.programs.flatMap((p) =>
    linesToSections([programTitle(p, locale), ...standingLines(p, o)]),
  );

  // Standings are short and matter as much as the changes: keep room for them, cut the changes first.
  const room = LIMITS.messageBlocks - 5 - Math.min(standingBlocks.length, 20);
  const shownChanges =
    changeBlocks.length > room
      ? [...changeBlocks.slice(0, room - 1), context(escapeMrkdwn(t.more(changeBlocks.length - room + 1)))]
      : changeBlocks;
  const chart = capacityChart(
    input.title,
    digest.programs.map((p) => ({ category: p.program.slug, figures: p.capacity })),
    locale,
  );
  if (chart !== undefined) blocks.push({ rich: [chart.block], plain: chart.text });
  blocks.push(section(`*${escapeMrkdwn(t.changes)}*`));
  blocks.push(...(shownChanges.length === 0 ? [section(escapeMrkdwn(t.nothing))] : shownChanges));
  if (standingBlocks.length > 0) {
    blocks.push(divider(), section(`*${escapeMrkdwn(t.standing)}*`), ...standingBlocks);
  }

  // The fallback is read as mrkdwn too (notifications): escaped like the blocks.
  const fallback = [
    escapeMrkdwn(heading),
    ...digest.changes.slice(0, 20).map((c) => eventPlain(c.event, o)),
  ].join('\n');
  return message(fallback, blocks);
};

const ALL_TITLE: Localized = { en: 'all programs', ko: '전체 프로그램' };

/** What a digest covers, as people read it (plain text): all programs, `autos (자동차)`, a program's name. */
export const digestTitle = (
  state: { readonly sectors: readonly Sector[]; readonly programs: readonly Program[] },
  target: string,
  locale: Locale,
): string => {
  if (target === 'all') return ALL_TITLE[locale];
  const sector = state.sectors.find((s) => s.name === target);
  if (sector !== undefined)
    return sector.alias === undefined ? sector.name : `${sector.name} (${sector.alias})`;
  return state.programs.find((p) => p.slug === target)?.name ?? target;
};

const NO_CHANGES: Localized<(title: string, since: string) => string> = {
  en: (title, since) => `No changes in ${title} since ${since}.`,
  ko: (title, since) => `${since} 이후 ${title}에 변경 사항이 없습니다.`,
};

export interface NoChangesInput {
  readonly kind: DigestKind;
  /** The target as people read it (digestTitle). */
  readonly title: string;
  /** When the period began (the last digest, or the subscription). */
  readonly since: string;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** The short heartbeat a `quiet:off` subscription gets when its digest has nothing new. */
export const buildNoChangesMessage = (input: NoChangesInput): Message => {
  const heading = `${T[input.locale].heading[input.kind]} · ${input.title}`;
  const line = NO_CHANGES[input.locale](
    input.title,
    `${formatWhen(input.since, input.timeZone)} (${input.timeZone})`,
  );
  return message(`${escapeMrkdwn(heading)}\n${escapeMrkdwn(line)}`, [
    header(heading),
    context(escapeMrkdwn(line)),
  ]);
};
