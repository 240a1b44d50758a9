/**
 * Business failures are values with stable codes, never thrown strings.
 * `code` is stable and scriptable; `message` is English for people; `details` carries what a view
 * needs to render the failure in any locale (e.g. the allowed transitions).
 */
export type ErrorCode =
  | 'AMOUNT.EMPTY'
  | 'AMOUNT.NEGATIVE'
  | 'AMOUNT.ZERO'
  | 'AMOUNT.FRACTION'
  | 'AMOUNT.TOO_LARGE'
  | 'AMOUNT.AMBIGUOUS'
  | 'AMOUNT.INVALID'
  | 'MULTIPLE.INVALID'
  | 'DATE.INVALID'
  | 'TEXT.INVALID'
  | 'SECTOR.INVALID'
  | 'SECTOR.UNKNOWN'
  | 'PROGRAM.UNKNOWN'
  | 'PROGRAM.SLUG_TAKEN'
  | 'PROGRAM.SLUG_INVALID'
  | 'PROGRAM.ILLEGAL_TRANSITION'
  | 'PROGRAM.INVALID'
  | 'PLEDGE.UNKNOWN'
  | 'PLEDGE.ILLEGAL_TRANSITION'
  | 'PLEDGE.NOT_PAID'
  | 'PLEDGE.INVALID'
  | 'TARGET.UNKNOWN'
  | 'TARGET.AMBIGUOUS'
  | 'ACCESS.DENIED'
  | 'ACCESS.INVALID'
  | 'SUBSCRIPTION.UNKNOWN'
  | 'SUBSCRIPTION.INVALID'
  | 'COMMAND.INVALID';

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const err = (
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): Result<never, DomainError> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
