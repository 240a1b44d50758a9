import { parseAmount, parseMultiple } from '../../domain/amount.js';
import { checkIsoDate } from '../../domain/dates.js';
import type { Decimal } from '../../domain/decimal.js';
import { cleanOptionalText, cleanText, TEXT_LIMITS } from '../../domain/text.js';
import { PROGRAM_STATUSES, type ProgramStatus, type Won } from '../../domain/types.js';
import type { Locale } from '../../i18n/common.js';
import { PROGRAM_MODAL } from '../../views/ids.js';
import { FieldCollector, type Parsed, readValues } from './fields.js';

const F = PROGRAM_MODAL.fields;

/** What a submitted program modal says; optional text left empty is undefined. */
export interface ProgramForm {
  /** As typed: a sector name or alias, or a new sector's name (the domain decides). */
  readonly sector: string;
  readonly name: string;
  /** As typed, lowercased; undefined when left empty. */
  readonly slug?: string;
  readonly target: Won;
  readonly multiple: Decimal;
  readonly status: ProgramStatus;
  readonly announceBy?: string;
  readonly terms?: string;
  readonly note?: string;
  readonly supplierCap?: Won;
}

/**
 * The program a submitted program modal describes, or the per-field errors (keyed by block_id). Which
 * statuses are reachable, and whether the slug is free, is the domain's to say.
 */
export const parseProgramValues = (values: unknown, locale: Locale): Parsed<ProgramForm> => {
  const c = new FieldCollector(readValues(values), locale);
  const rawSector = c.required(F.sector);
  const sector =
    rawSector === undefined
      ? undefined
      : c.check(F.sector, cleanText(rawSector, { field: 'sector', max: 40 }));
  const rawName = c.required(F.name);
  const name =
    rawName === undefined
      ? undefined
      : c.check(F.name, cleanText(rawName, { field: 'name', max: TEXT_LIMITS.name }));
  const slug = c.optional(F.slug)?.trim().toLowerCase();
  const rawTarget = c.required(F.target);
  const target = rawTarget === undefined ? undefined : c.check(F.target, parseAmount(rawTarget));
  const rawMultiple = c.required(F.multiple);
  const multiple = rawMultiple === undefined ? undefined : c.check(F.multiple, parseMultiple(rawMultiple));
  const status = c.choice<ProgramStatus>(F.status, PROGRAM_STATUSES);
  const rawDate = c.optional(F.announceBy);
  const announceBy =
    rawDate === undefined ? undefined : c.check(F.announceBy, checkIsoDate(rawDate, 'announce_by'));
  const rawCap = c.optional(F.supplierCap);
  const supplierCap = rawCap === undefined ? undefined : c.check(F.supplierCap, parseAmount(rawCap));
  const terms = c.check(
    F.terms,
    cleanOptionalText(c.optional(F.terms), { field: 'terms', max: TEXT_LIMITS.terms, multiline: true }),
  );
  const note = c.check(
    F.note,
    cleanOptionalText(c.optional(F.note), { field: 'note', max: TEXT_LIMITS.note, multiline: true }),
  );

  if (
    c.failed ||
    sector === undefined ||
    name === undefined ||
    target === undefined ||
    multiple === undefined ||
    status === undefined
  ) {
    return { ok: false, errors: c.errors };
  }
  return {
    ok: true,
    value: {
      sector,
      name,
      target,
      multiple,
      status,
      ...(slug === undefined || slug === '' ? {} : { slug }),
      ...(announceBy === undefined ? {} : { announceBy }),
      ...(terms === undefined ? {} : { terms }),
      ...(note === undefined ? {} : { note }),
      ...(supplierCap === undefined ? {} : { supplierCap }),
    },
  };
};
