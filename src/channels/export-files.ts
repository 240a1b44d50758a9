import { formatWon, type Locale } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import { fieldChanges, type JsonValue } from '../domain/events.js';
import { ownerOf } from '../domain/follow.js';
import { guaranteesOf } from '../domain/guarantees.js';
import { balanceOf, paidIn } from '../domain/payments.js';
import { covers } from '../domain/subscriptions.js';
import type { State, WinwinEvent } from '../domain/types.js';
import { CONTRIBUTOR_KIND_LABELS, GUARANTEE_STATUS_LABELS, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import type { ExportFile } from '../views/export.js';
import { toCsv } from './csv.js';
import { PAYMENT_COLUMNS, paymentRows, timestampFormatter } from './payment-rows.js';

/**
 * `/winwin export … csv` files: pledges and guarantees as they stand, and the history one row per
 * changed field. Amounts twice: whole won as plain digits (for sums) and as people write them
 * (formatWon). Times are local to WINWIN_TZ (`2025-12-19 14:03`). Only editors and admins export, and
 * they may read every contributor's and supplier's name, so nothing is redacted here.
 */

const WON_FIELDS = new Set(['amount', 'target', 'operating', 'supplierCap', 'paidIn']);

/** The formatter of the last time zone asked for: an export formats thousands of times in one zone. */
let lastZone: { readonly name: string; readonly format: (iso: string) => string } | undefined;

/** An instant as the local `YYYY-MM-DD HH:MM:SS` of `timeZone` (issue 10: not a UTC ISO string). */
export const localTime = (iso: string, timeZone: string): string => {
  if (lastZone?.name !== timeZone) lastZone = { name: timeZone, format: timestampFormatter(timeZone) };
  return lastZone.format(iso);
};

const inScope = (state: State, target: string, slug: string): boolean => {
  const program = state.programs.find((p) => p.slug === slug);
  return program !== undefined && covers({ target }, { program: slug, sector: program.sector });
};

export const PLEDGE_COLUMNS = [
  'pledge',
  'sector',
  'program',
  'program_name',
  'contributor',
  'kind',
  'status',
  'status_label',
  'signed',
  'amount_won',
  'amount',
  'due',
  'note',
  'recorded_by',
  'created_at',
  'updated_at',
  'paid_in_won',
  'balance_won',
  'owner',
  'next_due',
  'next_step',
] as const;

export const pledgeRows = (
  state: State,
  target: string,
  locale: Locale,
  timeZone = 'Asia/Seoul',
): string[][] =>
  state.pledges
    .filter((p) => inScope(state, target, p.program))
    .map((p) => {
      const program = state.programs.find((x) => x.slug === p.program);
      return [
        p.id,
        program?.sector ?? '',
        p.program,
        program?.name ?? '',
        p.contributor,
        CONTRIBUTOR_KIND_LABELS[locale][p.kind],
        p.status,
        PLEDGE_STATUS_LABELS[locale][p.status],
        p.signed ? 'yes' : 'no',
        p.amount.toFixed(0),
        formatWon(p.amount, locale),
        p.due ?? '',
        p.note ?? '',
        p.recordedBy,
        localTime(p.createdAt, timeZone),
        localTime(p.updatedAt, timeZone),
        paidIn(p).toFixed(0),
        balanceOf(p).toFixed(0),
        ownerOf(p),
        p.nextDue ?? '',
        p.nextStep ?? '',
      ];
    });

export const GUARANTEE_COLUMNS = [
  'guarantee',
  'sector',
  'program',
  'supplier',
  'amount_won',
  'amount',
  'issued_on',
  'status',
  'status_label',
  'recorded_by',
  'created_at',
  'updated_at',
] as const;

export const guaranteeRows = (
  state: State,
  target: string,
  locale: Locale,
  timeZone = 'Asia/Seoul',
): string[][] =>
  guaranteesOf(state)
    .filter((g) => inScope(state, target, g.program))
    .map((g) => [
      g.id,
      state.programs.find((p) => p.slug === g.program)?.sector ?? '',
      g.program,
      g.supplier,
      g.amount.toFixed(0),
      formatWon(g.amount, locale),
      g.issuedOn,
      g.status,
      GUARANTEE_STATUS_LABELS[locale][g.status],
      g.recordedBy,
      localTime(g.createdAt, timeZone),
      localTime(g.updatedAt, timeZone),
    ]);

export const HISTORY_COLUMNS = [
  'event',
  'at',
  'actor',
  'type',
  'target',
  'sector',
  'program',
  'field',
  'before',
  'after',
  'before_human',
  'after_human',
  'reason',
] as const;

const raw = (value: JsonValue | undefined): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);

const human = (field: string, value: JsonValue | undefined, locale: Locale): string =>
  WON_FIELDS.has(field) && typeof value === 'string' && /^\d{1,20}$/.test(value)
    ? formatWon(new Decimal(value), locale)
    : raw(value);

/** One row per changed field (one row for an event that lists none), oldest event first. */
export const historyRows = (
  events: readonly WinwinEvent[],
  target: string,
  locale: Locale,
  timeZone = 'Asia/Seoul',
): string[][] =>
  events
    .filter((e) => covers({ target }, e))
    .flatMap((e) => {
      const head = [
        String(e.id),
        localTime(e.at, timeZone),
        e.actor,
        e.type,
        e.target,
        e.sector ?? '',
        e.program ?? '',
      ];
      const changes = fieldChanges(e);
      const rows = changes.length === 0 ? [{ field: '', before: undefined, after: undefined }] : changes;
      return rows.map((c) => [
        ...head,
        c.field,
        raw(c.before),
        raw(c.after),
        human(c.field, c.before, locale),
        human(c.field, c.after, locale),
        e.reason ?? '',
      ]);
    });

/** The files for `target` (`all`, a sector or a program slug), named with the target and the day. */
export const exportFiles = (
  state: State,
  events: readonly WinwinEvent[],
  target: string,
  today: string,
  locale: Locale,
  timeZone = 'Asia/Seoul',
): ExportFile[] => {
  const pledges = pledgeRows(state, target, locale, timeZone);
  const guarantees = guaranteeRows(state, target, locale, timeZone);
  const history = historyRows(events, target, locale, timeZone);
  const payments = paymentRows(state, target, today, locale, (iso) => localTime(iso, timeZone));
  return [
    {
      filename: `winwin-pledges-${target}-${today}.csv`,
      title: `Winwin pledges · ${target} · ${today}`,
      bytes: toCsv([[...PLEDGE_COLUMNS], ...pledges]),
      rows: pledges.length,
    },
    {
      filename: `winwin-guarantees-${target}-${today}.csv`,
      title: `Winwin guarantees · ${target} · ${today}`,
      bytes: toCsv([[...GUARANTEE_COLUMNS], ...guarantees]),
      rows: guarantees.length,
    },
    {
      filename: `winwin-history-${target}-${today}.csv`,
      title: `Winwin history · ${target} · ${today}`,
      bytes: toCsv([[...HISTORY_COLUMNS], ...history]),
      rows: history.length,
    },
    {
      filename: `winwin-payments-${target}-${today}.csv`,
      title: `Winwin payments and installments · ${target} · ${today}`,
      bytes: toCsv([[...PAYMENT_COLUMNS], ...payments]),
      rows: payments.length,
    },
  ];
};
