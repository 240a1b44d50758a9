import { parseAmount } from '../../domain/amount.js';
import { checkIsoDate } from '../../domain/dates.js';
import { type PledgeInput, RECORDABLE_STATUSES, type RecordableStatus } from '../../domain/pledges.js';
import { cleanOptionalText, cleanText, TEXT_LIMITS } from '../../domain/text.js';
import { CONTRIBUTOR_KINDS, type ContributorKind, ProgramSlugSchema } from '../../domain/types.js';
import type { Locale } from '../../i18n/common.js';
import { parseInstallments } from '../../shell/follow-args.js';
import { PLEDGE_MODAL } from '../../views/ids.js';
import { FieldCollector, type Parsed, readValues } from './fields.js';

const F = PLEDGE_MODAL.fields;

/**
 * The pledge a submitted pledge modal describes, or the per-field errors (keyed by block_id). Whether the
 * program exists and takes pledges is the domain's to say when it records the pledge.
 */
export const parsePledgeValues = (values: unknown, locale: Locale, today?: string): Parsed<PledgeInput> => {
  const c = new FieldCollector(readValues(values), locale);
  // Option values are slugs Winwin made; anything else was not sent by our form.
  const program = c.shaped(F.program, c.required(F.program), (v) => ProgramSlugSchema.safeParse(v).success);
  const rawContributor = c.required(F.contributor);
  const contributor =
    rawContributor === undefined
      ? undefined
      : c.check(
          F.contributor,
          cleanText(rawContributor, { field: 'contributor', max: TEXT_LIMITS.contributor }),
        );
  const kind = c.choice<ContributorKind>(F.kind, CONTRIBUTOR_KINDS);
  const rawAmount = c.required(F.amount);
  const amount = rawAmount === undefined ? undefined : c.check(F.amount, parseAmount(rawAmount));
  const status = c.choice<RecordableStatus>(F.status, RECORDABLE_STATUSES);
  const rawDue = c.optional(F.due);
  const due = rawDue === undefined ? undefined : c.check(F.due, checkIsoDate(rawDue, 'due'));
  const rawSchedule = c.optional(F.schedule);
  const schedule =
    rawSchedule === undefined
      ? undefined
      : c.check(
          F.schedule,
          parseInstallments(
            rawSchedule.split(/\s+/u).filter((t) => t !== ''),
            today ?? new Date().toISOString().slice(0, 10),
          ),
        );
  const note = c.check(
    F.note,
    cleanOptionalText(c.optional(F.note), { field: 'note', max: TEXT_LIMITS.note, multiline: true }),
  );

  if (
    c.failed ||
    program === undefined ||
    contributor === undefined ||
    kind === undefined ||
    amount === undefined ||
    status === undefined
  ) {
    return { ok: false, errors: c.errors };
  }
  return {
    ok: true,
    value: {
      program,
      contributor,
      kind,
      amount,
      status,
      ...(due === undefined ? {} : { due }),
      ...(note === undefined ? {} : { note }),
      ...(schedule === undefined || schedule.length === 0 ? {} : { schedule }),
    },
  };
};
