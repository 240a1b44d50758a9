import { formatMultiple, formatWon } from '../domain/amount.js';
import type { ProgramCapacity, SectorCapacity, WhatIf } from '../domain/capacity.js';
import type { Program, Sector } from '../domain/types.js';
import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import { context, fieldsSection, header, type KnownBlock, type Message, message, section } from './blocks.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import { packRows, type Row } from './pages.js';

/** `/winwin capacity <target> [<amount>]`: capacity now, with an extra contribution, and what is still needed. */

export type CapacityView =
  | {
      readonly kind: 'program';
      readonly program: Program;
      readonly capacity: ProgramCapacity;
      readonly whatIf?: WhatIf;
    }
  | {
      readonly kind: 'sector';
      readonly sector: Sector;
      readonly capacity: SectorCapacity;
      /** The sector's programs, for their names. */
      readonly programs: readonly Program[];
    };

const S: Localized<{
  title: (name: string) => string;
  now: string;
  withVerbal: string;
  withExtra: (extra: string) => string;
  closes: string;
  short: (gap: string, needed: string) => string;
  noPrograms: string;
  perProgram: string;
  whatIfHint: string;
  usage: string;
  known: string;
}> = {
  en: {
    title: (name) => `Capacity: ${name}`,
    now: 'Capacity now',
    withVerbal: 'If every verbal pledge is signed',
    withExtra: (extra) => `With ${extra} more signed`,
    closes: ':white_check_mark: That closes the gap.',
    short: (gap, needed) => `Still short by ${gap} of capacity: ${needed} more contribution needed.`,
    noPrograms: 'No programs in this sector yet.',
    perProgram: 'Per program',
    whatIfHint: 'To try an extra amount, name a program:',
    usage: 'Usage: `/winwin capacity <target> [<amount>]`, e.g. `/winwin capacity retail 5억`.',
    known: 'Known targets',
  },
  ko: {
    title: (name) => `보증 규모: ${name}`,
    now: '현재 보증 규모',
    withVerbal: '구두 의사가 모두 협약되면',
    withExtra: (extra) => `${extra}이 추가로 협약되면`,
    closes: ':white_check_mark: 부족분이 해소됩니다.',
    short: (gap, needed) => `보증 규모가 ${gap} 부족합니다: 출연금 ${needed}이 더 필요합니다.`,
    noPrograms: '이 업종에는 아직 프로그램이 없습니다.',
    perProgram: '프로그램별',
    whatIfHint: '추가 금액을 시험하려면 프로그램을 지정하세요:',
    usage: '사용법: `/winwin capacity <대상> [<금액>]`, 예: `/winwin capacity retail 5억`',
    known: '알려진 대상',
  },
};

const figures = (c: ProgramCapacity | SectorCapacity, locale: Locale, multiple?: string): string[] => {
  const w = WORDS[locale];
  const s = S[locale];
  return [
    `*${w.target}*\n${formatWon(c.target, locale)}`,
    ...(multiple === undefined ? [] : [`*${w.multiple}*\n${multiple}`]),
    `*${s.now}*\n${formatWon(c.confirmedCapacity, locale)} (${w.confirmed} ${formatWon(c.confirmed, locale)})`,
    `*${w.paidIn}*\n${w.paidInBacks(formatWon(c.paidIn, locale), formatWon(c.paidInCapacity, locale))}`,
    `*${s.withVerbal}*\n${formatWon(c.potentialCapacity, locale)} (${w.pipeline} ${formatWon(c.pipeline, locale)})`,
    `*${w.gap}*\n${formatWon(c.gap, locale)}`,
    `*${w.stillNeeded}*\n${formatWon(c.stillNeeded, locale)}`,
  ];
};

const whatIfLines = (w: WhatIf, locale: Locale): string => {
  const s = S[locale];
  const after = w.after;
  const lines = [
    `*${s.withExtra(formatWon(w.extra, locale))}:* ${WORDS[locale].capacity} ${formatWon(w.before.confirmedCapacity, locale)} → ${bold(formatWon(after.confirmedCapacity, locale))}`,
    w.closesGap ? s.closes : s.short(formatWon(after.gap, locale), formatWon(after.stillNeeded, locale)),
  ];
  return lines.join('\n');
};

const plain = (name: string, c: ProgramCapacity | SectorCapacity, locale: Locale): string => {
  const w = WORDS[locale];
  return `${escapeMrkdwn(name)}: ${w.capacity} ${formatWon(c.confirmedCapacity, locale)} / ${w.target} ${formatWon(c.target, locale)}, ${w.gap} ${formatWon(c.gap, locale)}, ${w.stillNeeded} ${formatWon(c.stillNeeded, locale)}`;
};

export const buildCapacityMessage = (view: CapacityView, locale: Locale): Message => {
  const s = S[locale];
  if (view.kind === 'program') {
    const blocks: KnownBlock[] = [
      header(s.title(view.program.name)),
      context(`${code(view.program.slug)} · ${formatMultiple(view.program.multiple)}`),
      fieldsSection(figures(view.capacity, locale, formatMultiple(view.capacity.multiple))),
      ...(view.whatIf === undefined ? [] : [section(whatIfLines(view.whatIf, locale))]),
    ];
    const fallback = [
      plain(view.program.name, view.capacity, locale),
      ...(view.whatIf === undefined
        ? []
        : [
            `${s.withExtra(formatWon(view.whatIf.extra, locale))}: ${formatWon(view.whatIf.after.confirmedCapacity, locale)}`,
          ]),
    ].join('\n');
    return message(fallback, blocks);
  }
  const name =
    view.sector.alias === undefined ? view.sector.name : `${view.sector.name} (${view.sector.alias})`;
  const nameOf = (slug: string) => view.programs.find((p) => p.slug === slug)?.name ?? slug;
  const rows: Row[] = view.capacity.programs.map((c) => ({
    text: `${bold(nameOf(c.program))} ${code(c.program)} · ${formatMultiple(c.multiple)}\n${WORDS[locale].capacity} ${formatWon(c.confirmedCapacity, locale)} / ${WORDS[locale].target} ${formatWon(c.target, locale)} · ${WORDS[locale].gap} ${formatWon(c.gap, locale)} · ${WORDS[locale].stillNeeded} ${formatWon(c.stillNeeded, locale)}`,
  }));
  const body = packRows(rows.length === 0 ? [{ text: `_${s.noPrograms}_` }] : rows);
  const blocks: KnownBlock[] = [
    header(s.title(name)),
    fieldsSection(figures(view.capacity, locale)),
    section(`*${s.perProgram}*`),
    ...body,
    ...(view.capacity.programs.length > 1
      ? [context(`${s.whatIfHint} ${view.capacity.programs.map((c) => code(c.program)).join(', ')}`)]
      : []),
  ];
  const fallback = [
    plain(name, view.capacity, locale),
    ...view.capacity.programs.map((c) => plain(c.program, c, locale)),
  ].join('\n');
  return message(fallback, blocks);
};

/** What to type, and the targets there are, when no target was given. */
export const buildCapacityUsage = (targets: readonly string[], locale: Locale): Message => {
  const s = S[locale];
  const known = targets.map(code).join(', ');
  const usage = escapeMrkdwn(s.usage);
  return message(usage.replace(/`/g, ''), [section(`${usage}\n${s.known}: ${known || WORDS[locale].none}`)]);
};
