import { formatWon } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import type { IssuedGuarantee } from '../domain/guarantees.js';
import { type Audience, supplierVisible } from '../domain/permissions.js';
import type { Guarantee, GuaranteeStatus, Program } from '../domain/types.js';
import type { ProgramUtilization, UtilizationFigures } from '../domain/utilization.js';
import { GUARANTEE_STATUS_LABELS, type Locale, type Localized } from '../i18n/common.js';
import { context, header, type KnownBlock, type Message, message, section } from './blocks.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';
import { packRows, type Row } from './pages.js';

/**
 * Guarantees in words: the confirmation of a recorded or ended guarantee, the list of the latest, and
 * the utilization lines status, App Home, digests and cards show. Suppliers are named only for
 * audiences that may see them (editors, admins, `names` channels); others see counts and amounts.
 */

const T: Localized<{
  recorded: (id: string) => string;
  launched: (slug: string, day: string) => string;
  to: string;
  reason: string;
  listTitle: (target: string) => string;
  none: string;
  shown: (shown: number, total: number) => string;
  supplierHidden: string;
  undisclosed: string;
  guarantees: string;
  utilization: string;
  line: (u: {
    count: number;
    suppliers: number;
    issued: string;
    outstanding: string;
    share: string;
    capacity: string;
    basis: string;
    remaining: string;
  }) => string;
  paidIn: (capacity: string, remaining: string) => string;
  basis: Record<'operating' | 'headline' | 'sum', string>;
  short: (count: number, outstanding: string, share: string) => string;
}> = {
  en: {
    recorded: (id) => `Recorded guarantee ${id}`,
    launched: (slug, day) => `${slug} is now launched: its first guarantee, ${day}.`,
    to: 'from',
    reason: 'Reason',
    listTitle: (target) => `Guarantees: ${target}`,
    none: 'No guarantees recorded yet.',
    shown: (shown, total) => `The latest ${shown} of ${total}.`,
    supplierHidden: 'Suppliers are named to editors and admins only.',
    undisclosed: 'undisclosed supplier',
    guarantees: 'Guarantees',
    utilization: 'Utilization',
    line: (u) =>
      `${u.count} issued to ${u.suppliers} supplier${u.suppliers === 1 ? '' : 's'} (${u.issued}) · outstanding ${u.outstanding} = ${u.share} of ${u.basis} ${u.capacity} · remaining ${u.remaining}`,
    paidIn: (capacity, remaining) => `paid-in contributions back ${capacity} (remaining ${remaining})`,
    basis: { operating: 'operating capacity', headline: 'headline capacity', sum: 'capacity' },
    short: (count, outstanding, share) => `${count} guarantees · outstanding ${outstanding} (${share} used)`,
  },
  ko: {
    recorded: (id) => `보증 ${id} 기록 완료`,
    launched: (slug, day) => `${slug} 보증 개시: ${day} 첫 보증.`,
    to: '프로그램',
    reason: '사유',
    listTitle: (target) => `보증: ${target}`,
    none: '기록된 보증이 없습니다.',
    shown: (shown, total) => `전체 ${total}건 중 최근 ${shown}건.`,
    supplierHidden: '업체명은 편집자와 관리자에게만 표시됩니다.',
    undisclosed: '비공개 업체',
    guarantees: '보증',
    utilization: '한도 사용률',
    line: (u) =>
      `${u.count}건 발급, 업체 ${u.suppliers}곳 (${u.issued}) · 잔액 ${u.outstanding} = ${u.basis} ${u.capacity}의 ${u.share} · 잔여 한도 ${u.remaining}`,
    paidIn: (capacity, remaining) => `납입된 출연금 기준 한도 ${capacity} (잔여 ${remaining})`,
    basis: { operating: '운영 규모', headline: '목표 규모', sum: '보증 규모' },
    short: (count, outstanding, share) => `보증 ${count}건 · 잔액 ${outstanding} (사용률 ${share})`,
  },
};

/** A share as a percentage with one decimal: 0.0397 → "4.0%". */
export const formatShare = (share: Decimal): string =>
  `${share.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`;

const basisOf = (u: UtilizationFigures): 'operating' | 'headline' | 'sum' =>
  'basis' in u ? (u as ProgramUtilization).basis : 'sum';

/** Utilization in one line of mrkdwn-safe text (no user strings): counts, amounts, share, remaining. */
export const utilizationLine = (u: UtilizationFigures, locale: Locale): string => {
  const t = T[locale];
  const won = (x: Decimal) => formatWon(x, locale);
  const line = t.line({
    count: u.count,
    suppliers: u.suppliers,
    issued: won(u.issued),
    outstanding: won(u.outstanding),
    share: formatShare(u.utilization),
    capacity: won(u.capacity),
    basis: t.basis[basisOf(u)],
    remaining: won(u.remaining),
  });
  return u.paidInCapacity.gt(0)
    ? `${line} · ${t.paidIn(won(u.paidInCapacity), won(u.remainingPaidIn))}`
    : line;
};

/** "4 guarantees · outstanding 250억 원 (4.0% used)", for tight places (App Home, digests). */
export const utilizationShort = (u: UtilizationFigures, locale: Locale): string =>
  T[locale].short(u.count, formatWon(u.outstanding, locale), formatShare(u.utilization));

/** The utilization as a labelled mrkdwn paragraph: `*Guarantees* …`. */
export const utilizationSection = (u: UtilizationFigures, locale: Locale): string =>
  `*${T[locale].guarantees}*\n${escapeMrkdwn(utilizationLine(u, locale))}`;

const statusLabel = (status: GuaranteeStatus, locale: Locale): string =>
  GUARANTEE_STATUS_LABELS[locale][status];

/** One guarantee as a line: `G3` DY Auto · 200억 원 · 2025-08-18 · active (supplier hidden when it must be). */
export const guaranteeLine = (
  g: Guarantee,
  audience: Audience,
  locale: Locale,
  withProgram = false,
): string => {
  const supplier = supplierVisible(audience) ? bold(g.supplier) : `_${escapeMrkdwn(T[locale].undisclosed)}_`;
  const where = withProgram ? ` · ${code(g.program)}` : '';
  return `${code(g.id)} ${supplier} · ${formatWon(g.amount, locale)} · ${g.issuedOn} · ${escapeMrkdwn(statusLabel(g.status, locale))}${where}`;
};

export interface GuaranteeIssuedInput {
  readonly issued: readonly IssuedGuarantee[];
  readonly program: Program;
  readonly utilization: ProgramUtilization;
  readonly locale: Locale;
}

/** "Recorded guarantee G6: DY Auto, 200억 원, 2025-08-18, from <program>", the launch and the utilization. */
export const guaranteeIssuedMessage = ({
  issued,
  program,
  utilization,
  locale,
}: GuaranteeIssuedInput): Message => {
  const t = T[locale];
  const lines = issued.map(({ guarantee: g }) => ({
    plain: `${t.recorded(g.id)}: ${g.supplier}, ${formatWon(g.amount, locale)}, ${g.issuedOn}, ${t.to} ${program.name} (${program.slug})`,
    mrkdwn: `:white_check_mark: ${bold(t.recorded(g.id))}: ${escapeMrkdwn(g.supplier)}, ${bold(formatWon(g.amount, locale))}, ${g.issuedOn}, ${escapeMrkdwn(t.to)} ${escapeMrkdwn(program.name)} ${code(program.slug)}`,
  }));
  const launch = issued.find((i) => i.launched);
  const launched = launch === undefined ? undefined : t.launched(program.slug, launch.guarantee.issuedOn);
  const line = utilizationLine(utilization, locale);
  return message(
    escapeMrkdwn([...lines.map((l) => l.plain), ...(launched ? [launched] : []), line].join('\n')),
    [
      section(lines.map((l) => l.mrkdwn).join('\n')),
      ...(launched === undefined ? [] : [section(`:rocket: ${escapeMrkdwn(launched)}`)]),
      context(escapeMrkdwn(line)),
    ],
  );
};

export interface GuaranteeStatusInput {
  readonly guarantee: Guarantee;
  readonly from: GuaranteeStatus;
  readonly reason?: string;
  readonly utilization: ProgramUtilization;
  readonly locale: Locale;
}

/** "G3 DY Auto (autos-hyundai): active → repaid", the reason and the utilization. */
export const guaranteeStatusMessage = (i: GuaranteeStatusInput): Message => {
  const g = i.guarantee;
  const change = `${statusLabel(i.from, i.locale)} → ${statusLabel(g.status, i.locale)}`;
  const line = utilizationLine(i.utilization, i.locale);
  const reason = i.reason === undefined ? [] : [`${T[i.locale].reason}: ${i.reason}`];
  return message(
    escapeMrkdwn([`${g.id} ${g.supplier} (${g.program}): ${change}`, ...reason, line].join('\n')),
    [
      section(
        `:arrows_counterclockwise: ${bold(g.id)} ${escapeMrkdwn(g.supplier)} ${code(g.program)}: ${escapeMrkdwn(change)} (${code(i.from)} → ${code(g.status)})`,
      ),
      ...(i.reason === undefined
        ? []
        : [context(`${escapeMrkdwn(T[i.locale].reason)}: ${escapeMrkdwn(i.reason)}`)]),
      context(escapeMrkdwn(line)),
    ],
  );
};

export interface GuaranteeListInput {
  /** What the list covers, as typed or resolved: a program slug, a sector or `all`. */
  readonly target: string;
  /** Newest first. */
  readonly guarantees: readonly Guarantee[];
  /** How many there are in all for the target. */
  readonly total: number;
  readonly utilization: UtilizationFigures;
  /** The list covers several programs: each line names its program. */
  readonly manyPrograms: boolean;
  readonly audience: Audience;
  readonly locale: Locale;
}

/** `/winwin guarantees <target> [<n>]`: the utilization, then the latest guarantees, newest first. */
export const buildGuaranteeList = (i: GuaranteeListInput): Message => {
  const t = T[i.locale];
  const rows: Row[] =
    i.guarantees.length === 0
      ? [{ text: `_${escapeMrkdwn(t.none)}_` }]
      : i.guarantees.map((g) => ({ text: guaranteeLine(g, i.audience, i.locale, i.manyPrograms) }));
  const notes = [
    ...(i.guarantees.length < i.total ? [t.shown(i.guarantees.length, i.total)] : []),
    ...(supplierVisible(i.audience) ? [] : [t.supplierHidden]),
  ];
  const blocks: KnownBlock[] = [
    header(t.listTitle(i.target)),
    section(utilizationSection(i.utilization, i.locale)),
    ...packRows(rows),
    ...(notes.length === 0 ? [] : [context(escapeMrkdwn(notes.join(' ')))]),
  ];
  const fallback = [
    t.listTitle(i.target),
    utilizationLine(i.utilization, i.locale),
    ...i.guarantees.map(
      (g) =>
        `${g.id} ${supplierVisible(i.audience) ? g.supplier : t.undisclosed} ${formatWon(g.amount, i.locale)} ${g.issuedOn} ${statusLabel(g.status, i.locale)}`,
    ),
  ].join('\n');
  return message(escapeMrkdwn(fallback), blocks);
};
