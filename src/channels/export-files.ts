import { formatWon, type Locale } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import { fieldChanges, type JsonValue } from '../domain/events.js';
import { covers } from '../domain/subscriptions.js';
import type { State, WinwinEvent } from '../domain/types.js';
import { CONTRIBUTOR_KIND_LABELS, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import type { ExportFile } from '../views/export.js';
import { toCsv } from './csv.js';

/**
 * `/winwin export` files: pledges as they stand, and the history one row per changed field. Amounts
 * twice: whole won as plain digits (for sums) and as people write them (formatWon). Only editors and
 * admins export, and they may read every contributor's name, so nothing is redacted here.
 */

const WON_FIELDS = new Set(['amount', 'target', 'operating']);

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
] as const;

export const pledgeRows = (state: State, target: string, locale: Locale): string[][] =>
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
        p.createdAt,
        p.updatedAt,
      ];
    });

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
export const historyRows = (events: readonly WinwinEvent[], target: string, locale: Locale): string[][] =>
  events
    .filter((e) => covers({ target }, e))
    .flatMap((e) => {
      const head = [String(e.id), e.at, e.actor, e.type, e.target, e.sector ?? '', e.program ?? ''];
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

/** Both files for `target` (`all`, a sector or a program slug), named with the target and the day. */
export const exportFiles = (
  state: State,
  events: readonly WinwinEvent[],
  target: string,
  today: string,
  locale: Locale,
): ExportFile[] => {
  const pledges = pledgeRows(state, target, locale);
  const history = historyRows(events, target, locale);
  return [
    {
      filename: `winwin-pledges-${target}-${today}.csv`,
      title: `Winwin pledges · ${target} · ${today}`,
      bytes: toCsv([[...PLEDGE_COLUMNS], ...pledges]),
      rows: pledges.length,
    },
    {
      filename: `winwin-history-${target}-${today}.csv`,
      title: `Winwin history · ${target} · ${today}`,
      bytes: toCsv([[...HISTORY_COLUMNS], ...history]),
      rows: history.length,
    },
  ];
};
