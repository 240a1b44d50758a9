import { formatMultiple, formatWon } from '../domain/amount.js';
import type { ProgramCapacity } from '../domain/capacity.js';
import type { Pledge, PledgeStatus, Program, ProgramStatus } from '../domain/types.js';
import {
  CONTRIBUTOR_KIND_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
  WORDS,
} from '../i18n/common.js';
import {
  message as blockMessage,
  context,
  type KnownBlock,
  LIMITS,
  type Message,
  type ModalView,
  plainText,
  section,
} from './blocks.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';

/**
 * What the write path tells the person who changed something: the pledge id, before → after, and the
 * program's capacity as it now stands. The reader is the editor who made the change, so contributor
 * names are shown (they are sent only to that person: ephemeral or DM).
 */

const TEXT: Localized<{
  recorded: (id: string) => string;
  to: string;
  capacityLine: (c: {
    confirmed: string;
    potential: string;
    gap: string;
    target: string;
    multiple: string;
  }) => string;
  reason: string;
  corrected: (id: string) => string;
  created: (slug: string) => string;
  saved: (slug: string) => string;
  nothingChanged: (slug: string) => string;
  changedFields: string;
  refusalTitle: string;
  close: string;
  fields: Readonly<Record<string, string>>;
}> = {
  en: {
    recorded: (id) => `Recorded pledge ${id}`,
    to: 'to',
    capacityLine: (c) =>
      `Capacity now: confirmed ${c.confirmed} · potential ${c.potential} · gap ${c.gap} (target ${c.target}, ${c.multiple})`,
    reason: 'Reason',
    corrected: (id) => `Corrected pledge ${id}`,
    created: (slug) => `Created program ${slug}`,
    saved: (slug) => `Saved program ${slug}`,
    nothingChanged: (slug) => `Nothing changed in ${slug}.`,
    changedFields: 'Changed',
    refusalTitle: 'Not allowed',
    close: 'Close',
    fields: {
      name: 'name',
      sector: 'sector',
      target: 'target',
      operating: 'operating capacity',
      multiple: 'multiple',
      status: 'status',
      announceBy: 'announcement date',
      terms: 'terms',
      note: 'note',
      amount: 'amount',
      contributor: 'contributor',
      kind: 'kind',
      due: 'expected payment',
      supplierCap: 'cap per supplier',
    },
  },
  ko: {
    recorded: (id) => `출연 ${id} 기록 완료`,
    to: '→',
    capacityLine: (c) =>
      `현재 보증 규모: 확정 ${c.confirmed} · 추진 중 포함 ${c.potential} · 부족분 ${c.gap} (목표 ${c.target}, ${c.multiple})`,
    reason: '사유',
    corrected: (id) => `출연 ${id} 정정 완료`,
    created: (slug) => `프로그램 ${slug} 생성 완료`,
    saved: (slug) => `프로그램 ${slug} 저장 완료`,
    nothingChanged: (slug) => `${slug}에 바뀐 내용이 없습니다.`,
    changedFields: '변경',
    refusalTitle: '권한 없음',
    close: '닫기',
    fields: {
      name: '이름',
      sector: '업종',
      target: '목표',
      operating: '운용 규모',
      multiple: '배수',
      status: '상태',
      announceBy: '발표 목표일',
      terms: '지원 조건',
      note: '메모',
      amount: '금액',
      contributor: '출연자',
      kind: '구분',
      due: '납입 예정일',
      supplierCap: '업체당 보증 한도',
    },
  },
};

/**
 * Slack parses a message's fallback `text` too (notifications show it, mentions in it ping), so the
 * fallback is escaped like any mrkdwn: a contributor called `<!channel>` pings nobody.
 */
const message = (fallback: string, blocks: readonly KnownBlock[]): Message =>
  blockMessage(escapeMrkdwn(fallback), blocks);

/** The program's standing in one line, plain text (amounts exact, in the locale's units). */
export const capacityLine = (capacity: ProgramCapacity, locale: Locale): string =>
  TEXT[locale].capacityLine({
    confirmed: formatWon(capacity.confirmedCapacity, locale),
    potential: formatWon(capacity.potentialCapacity, locale),
    gap: formatWon(capacity.gap, locale),
    target: formatWon(capacity.target, locale),
    multiple: formatMultiple(capacity.multiple),
  });

const pledgeStatus = (status: PledgeStatus, locale: Locale): string => PLEDGE_STATUS_LABELS[locale][status];
const programStatus = (status: ProgramStatus, locale: Locale): string =>
  PROGRAM_STATUS_LABELS[locale][status];

const reasonParts = (
  reason: string | undefined,
  locale: Locale,
): { plain: string[]; blocks: KnownBlock[] } =>
  reason === undefined
    ? { plain: [], blocks: [] }
    : {
        plain: [`${TEXT[locale].reason}: ${reason}`],
        blocks: [context(`${escapeMrkdwn(TEXT[locale].reason)}: ${escapeMrkdwn(reason)}`)],
      };

export interface PledgeRecordedInput {
  readonly pledge: Pledge;
  readonly program: Program;
  readonly capacity: ProgramCapacity;
  readonly locale: Locale;
}

/** "Recorded pledge P12: Coupang (corporation), 10억 원, verbal intent, to <program>" and the new capacity. */
export const pledgeRecordedMessage = ({
  pledge,
  program,
  capacity,
  locale,
}: PledgeRecordedInput): Message => {
  const t = TEXT[locale];
  const kind = CONTRIBUTOR_KIND_LABELS[locale][pledge.kind];
  const amount = formatWon(pledge.amount, locale);
  const status = pledgeStatus(pledge.status, locale);
  const plain = `${t.recorded(pledge.id)}: ${pledge.contributor} (${kind}), ${amount}, ${status} ${t.to} ${program.name} (${program.slug})`;
  const line = capacityLine(capacity, locale);
  return message(`${plain}\n${line}`, [
    section(
      `:white_check_mark: ${bold(t.recorded(pledge.id))}: ${escapeMrkdwn(pledge.contributor)} (${escapeMrkdwn(kind)}), ${bold(amount)}, ${escapeMrkdwn(status)} ${escapeMrkdwn(t.to)} ${escapeMrkdwn(program.name)} ${code(program.slug)}`,
    ),
    context(escapeMrkdwn(line)),
  ]);
};

export interface PledgeStatusInput extends PledgeRecordedInput {
  readonly from: PledgeStatus;
  readonly reason?: string;
}

/** "P7 Coupang: verbal intent → suspended", the reason and the new capacity. */
export const pledgeStatusMessage = (i: PledgeStatusInput): Message => {
  const change = `${pledgeStatus(i.from, i.locale)} → ${pledgeStatus(i.pledge.status, i.locale)}`;
  const why = reasonParts(i.reason, i.locale);
  const line = capacityLine(i.capacity, i.locale);
  return message(
    [`${i.pledge.id} ${i.pledge.contributor} (${i.program.slug}): ${change}`, ...why.plain, line].join('\n'),
    [
      section(
        `:arrows_counterclockwise: ${bold(i.pledge.id)} ${escapeMrkdwn(i.pledge.contributor)} ${code(i.program.slug)}: ${escapeMrkdwn(change)} (${code(i.from)} → ${code(i.pledge.status)})`,
      ),
      ...why.blocks,
      context(escapeMrkdwn(line)),
    ],
  );
};

export interface PledgeCorrectedInput extends PledgeRecordedInput {
  readonly before: Pledge;
  readonly reason: string;
}

/** "Corrected pledge P7: amount 10억 원 → 25억 원", the reason and the new capacity. */
export const pledgeCorrectedMessage = (i: PledgeCorrectedInput): Message => {
  const t = TEXT[i.locale];
  const change = `${t.fields.amount} ${formatWon(i.before.amount, i.locale)} → ${formatWon(i.pledge.amount, i.locale)}`;
  const why = reasonParts(i.reason, i.locale);
  const line = capacityLine(i.capacity, i.locale);
  return message(
    [`${t.corrected(i.pledge.id)} (${i.pledge.contributor}): ${change}`, ...why.plain, line].join('\n'),
    [
      section(
        `:pencil2: ${bold(t.corrected(i.pledge.id))} (${escapeMrkdwn(i.pledge.contributor)}, ${code(i.program.slug)}): ${escapeMrkdwn(change)}`,
      ),
      ...why.blocks,
      context(escapeMrkdwn(line)),
    ],
  );
};

export interface ProgramStatusInput {
  readonly program: Program;
  readonly from: ProgramStatus;
  readonly reason?: string;
  readonly locale: Locale;
}

/** "autos-hl: announced → launched" and the reason. */
export const programStatusMessage = ({ program, from, reason, locale }: ProgramStatusInput): Message => {
  const change = `${programStatus(from, locale)} → ${programStatus(program.status, locale)}`;
  const why = reasonParts(reason, locale);
  return message([`${program.slug} (${program.name}): ${change}`, ...why.plain].join('\n'), [
    section(
      `:arrows_counterclockwise: ${code(program.slug)} ${escapeMrkdwn(program.name)}: ${escapeMrkdwn(change)} (${code(from)} → ${code(program.status)})`,
    ),
    ...why.blocks,
  ]);
};

export interface ProgramSavedInput {
  readonly program: Program;
  /** True for a new program. */
  readonly created: boolean;
  /** Fields an edit changed (Program keys); empty when nothing did. */
  readonly changed: readonly string[];
  readonly capacity: ProgramCapacity;
  readonly locale: Locale;
}

/** "Created program autos-x: <name>, sector, target at multiple, status" or what an edit changed. */
export const programSavedMessage = ({
  program,
  created,
  changed,
  capacity,
  locale,
}: ProgramSavedInput): Message => {
  const t = TEXT[locale];
  const w = WORDS[locale];
  if (!created && changed.length === 0) {
    const text = t.nothingChanged(program.slug);
    return message(text, [section(`:information_source: ${escapeMrkdwn(text)}`)]);
  }
  const title = created ? t.created(program.slug) : t.saved(program.slug);
  const summary = `${program.name} · ${w.sector} ${program.sector} · ${w.target} ${formatWon(program.target, locale)} · ${w.multiple} ${formatMultiple(program.multiple)} · ${programStatus(program.status, locale)}`;
  const fields = changed.map((f) => t.fields[f] ?? f).join(', ');
  const line = capacityLine(capacity, locale);
  return message(
    [`${title}: ${summary}`, ...(created ? [] : [`${t.changedFields}: ${fields}`]), line].join('\n'),
    [
      section(`:white_check_mark: ${bold(title)}\n${escapeMrkdwn(summary)}`),
      ...(created ? [] : [context(`${escapeMrkdwn(t.changedFields)}: ${escapeMrkdwn(fields)}`)]),
      context(escapeMrkdwn(line)),
    ],
  );
};

/** What a user without the editor role sees instead of the form they submitted (`text`: deps.deniedText). */
export const refusalModal = (locale: Locale, text: string = WORDS[locale].deniedNeedsEditor): ModalView => ({
  type: 'modal',
  title: plainText(TEXT[locale].refusalTitle, LIMITS.modalTitle),
  close: plainText(TEXT[locale].close, LIMITS.modalButton),
  blocks: [section(`:no_entry: ${escapeMrkdwn(text)}`)],
});
