import { type DomainError, type ErrorCode, errorField } from '../../domain/result.js';
import type { Locale } from '../../i18n/common.js';
import { errorText } from '../../views/error-text.js';
import { type FieldErrors, fieldError } from './fields.js';

/** Which code belongs under which field when the domain's details name none. */
const FIELD_OF_CODE: Readonly<Partial<Record<ErrorCode, string>>> = {
  'PROGRAM.ILLEGAL_TRANSITION': 'status',
  'PROGRAM.SLUG_TAKEN': 'slug',
  'PROGRAM.SLUG_INVALID': 'slug',
  'SECTOR.INVALID': 'sector',
  'SECTOR.UNKNOWN': 'sector',
  'MULTIPLE.INVALID': 'multiple',
  'SCHEDULE.EXCEEDS': 'schedule',
  'SCHEDULE.INVALID': 'schedule',
};

/**
 * A domain refusal of a whole submission as `response_action: errors`: under the field the error names
 * when that field is on the form, else under `fallback` (a block that is always there).
 */
export const fieldErrorsFor = (
  error: DomainError,
  fields: readonly string[],
  fallback: string,
  locale: Locale,
): FieldErrors => {
  const named = errorField(error) ?? FIELD_OF_CODE[error.code];
  const field = named !== undefined && fields.includes(named) ? named : fallback;
  return { [field]: fieldError(errorText(error, locale, 'plain')) };
};
