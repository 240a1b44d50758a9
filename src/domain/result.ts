import type { AmountProblem } from './amount-grammar.js';
import type { Sector } from './types.js';

/**
 * Business failures are values with stable codes, never thrown strings and never sentences: the domain
 * says what went wrong (`code`) and with what (`details`, typed per code); `src/views/error-text.ts`
 * turns that into words, one exhaustive table per language.
 *
 * To add a code: add it to `ErrorDetails` below with the type of its details, return it with
 * `err('X.Y', { … })`, and run `npm run typecheck`: it fails until the en and ko tables in
 * src/views/error-text.ts both say it. Codes are public (users and tests script against them): never
 * rename one.
 */

/** Where an amount came from: what the user typed (`input`) or the name of a checked field. */
export interface AmountSource {
  readonly input?: string;
  readonly field?: string;
}

/** A refused status change: the allowed next statuses (none: `from` is final). */
export interface TransitionDetails {
  readonly from: string;
  readonly to: string;
  readonly allowed: readonly string[];
  /** What was refused (a pledge id, a program slug), when the reply should name it. */
  readonly subject?: string;
}

/** A choice outside its list (a status, a kind): the allowed values and what was given. */
export interface ChoiceDetails<F extends string = string> {
  readonly field: F;
  readonly allowed: readonly string[];
  readonly input?: string;
}

export type MultipleProblem = 'empty' | 'not_a_number' | 'not_positive' | 'too_large' | 'too_precise';

export interface ErrorDetails {
  'AMOUNT.EMPTY': AmountSource;
  'AMOUNT.NEGATIVE': AmountSource;
  'AMOUNT.ZERO': AmountSource;
  /** `won`: what the input comes to, when it was read (`1.5원` → "1.5"). */
  'AMOUNT.FRACTION': AmountSource & { readonly won?: string };
  'AMOUNT.TOO_LARGE': AmountSource & { readonly max: string };
  /**
   * A number without a unit: `suggestion` is what it probably meant (`300억`, `1억 5000만`); `tail` when
   * the unitless number follows groups with units (`1억 5000`).
   */
  'AMOUNT.AMBIGUOUS': { readonly input: string; readonly suggestion: string; readonly tail: boolean };
  /** Unreadable input (with the grammar's `problem`), or a stored amount that is not a number. */
  'AMOUNT.INVALID': AmountSource & { readonly problem?: AmountProblem };
  'MULTIPLE.INVALID': {
    readonly input?: string;
    readonly field?: string;
    readonly problem: MultipleProblem;
    readonly max: string;
    readonly decimals: number;
  };
  'DATE.INVALID': { readonly field: string; readonly input: string };
  'TEXT.INVALID':
    | { readonly field: string; readonly max: number; readonly reason: 'empty' }
    | { readonly field: string; readonly max: number; readonly reason: 'too_long'; readonly length: number };
  /** `name`: the sector name (or alias) refused; `reserved` a command word, `format` not a name, … */
  'SECTOR.INVALID': {
    readonly field: 'sector';
    readonly reason: 'reserved' | 'format' | 'program' | 'alias_taken';
    readonly name: string;
  };
  'SECTOR.UNKNOWN': { readonly field: 'sector'; readonly name: string };
  'PROGRAM.UNKNOWN': { readonly wanted: string; readonly known: readonly string[]; readonly field?: string };
  'PROGRAM.SLUG_TAKEN': { readonly field: 'slug'; readonly slug: string; readonly by: 'program' | 'sector' };
  'PROGRAM.SLUG_INVALID': {
    readonly field: 'slug';
    readonly slug: string;
    readonly reason: 'format' | 'reserved';
  };
  'PROGRAM.ILLEGAL_TRANSITION': TransitionDetails;
  'PROGRAM.INVALID': ChoiceDetails<'status'>;
  'PLEDGE.UNKNOWN': { readonly id: string };
  'PLEDGE.ILLEGAL_TRANSITION': TransitionDetails;
  'PLEDGE.NOT_PAID': { readonly id: string };
  /** A kind or status outside its list, or (field `program`) a closed program. */
  'PLEDGE.INVALID':
    | ChoiceDetails<'kind' | 'status'>
    | { readonly field: 'program'; readonly program: string };
  'TARGET.UNKNOWN': {
    readonly target: string;
    readonly known: readonly string[];
    readonly sectors: readonly Sector[];
    readonly programs: readonly string[];
    readonly suggestions: readonly string[];
  };
  /** A sector where a program is needed: its programs (none yet, or several). */
  'TARGET.AMBIGUOUS': { readonly sector: string; readonly programs: readonly string[] };
  /** Without `user`: a role refusal. With: revoking an admin set by configuration. */
  'ACCESS.DENIED': { readonly user?: string };
  'ACCESS.INVALID':
    | { readonly field: 'user' | 'role'; readonly input: string }
    | { readonly field: 'grant'; readonly user: string };
  'SUBSCRIPTION.UNKNOWN': { readonly target: string; readonly subscribed: readonly string[] };
  'SUBSCRIPTION.INVALID':
    | { readonly field: 'channel'; readonly channel: string }
    | { readonly field: 'settings' }
    /** `only:` named something that is not a kind of change (`word` empty: it named nothing). */
    | { readonly field: 'only'; readonly word: string };
  /** A payment on a pledge that is not signed (verbal). */
  'PAYMENT.UNSIGNED': { readonly id: string; readonly status: string };
  /** A payment on a suspended or withdrawn pledge. */
  'PAYMENT.CLOSED': { readonly id: string; readonly status: string };
  /**
   * More than the balance (`balance`, `paidIn`, `amount`: whole won as digits); also a correction that
   * would take the amount below what is paid in (`balance` '0').
   */
  'PAYMENT.EXCEEDS': {
    readonly id: string;
    readonly balance: string;
    readonly paidIn: string;
    readonly amount: string;
    readonly field?: 'amount';
  };
  /** Installments adding up to more than the pledge (whole won as digits). */
  'SCHEDULE.EXCEEDS': {
    readonly id: string;
    readonly total: string;
    readonly amount: string;
    readonly field: 'schedule';
  };
  /** Not `<amount> <date>` pairs, or a withdrawn pledge. */
  'SCHEDULE.INVALID':
    | { readonly reason: 'pairs'; readonly input: string; readonly field: 'schedule' }
    | { readonly reason: 'withdrawn'; readonly id: string };
  /** Not a Slack user (a mention or an id). */
  'OWNER.INVALID': { readonly input: string };
  'COMMAND.INVALID':
    | { readonly reason: 'unterminated_quote'; readonly position: number }
    | { readonly reason: 'unknown_subcommand'; readonly name: string }
    | { readonly reason: 'duplicate_option'; readonly key: string };
  'GUARANTEE.UNKNOWN': { readonly id: string };
  'GUARANTEE.ILLEGAL_TRANSITION': TransitionDetails;
  /** Only announced or launched programs take guarantees. */
  'GUARANTEE.PROGRAM_NOT_OPEN': {
    readonly field: 'program';
    readonly program: string;
    readonly status: string;
  };
  /** One supplier would hold `total` (whole won, digits) of active guarantees, above the program's `cap`. */
  'GUARANTEE.CAP_EXCEEDED': {
    readonly field: 'amount';
    readonly supplier: string;
    readonly program: string;
    readonly cap: string;
    readonly total: string;
    readonly outstanding: string;
  };
  /** The same file (by SHA-256) was imported before. */
  'IMPORT.DUPLICATE': { readonly filename: string; readonly program: string; readonly at: string };
  'IMPORT.TOO_LARGE':
    | { readonly reason: 'bytes'; readonly maxMb: number; readonly got: number }
    | { readonly reason: 'rows'; readonly max: number; readonly got: number };
  'IMPORT.INVALID': {
    readonly reason: 'empty' | 'format' | 'unreadable' | 'no_file' | 'download' | 'expired' | 'bad_rows';
    readonly filename?: string;
  };
}

export type ErrorCode = keyof ErrorDetails;

/** One failure: a discriminated union over `code`, each code with its own details. */
export type DomainError = {
  [C in ErrorCode]: { readonly code: C; readonly details: ErrorDetails[C] };
}[ErrorCode];

/** The failure of one code (`ErrorOf<'PLEDGE.UNKNOWN'>`). */
export type ErrorOf<C extends ErrorCode> = Extract<DomainError, { readonly code: C }>;

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const err = <C extends ErrorCode>(code: C, details: ErrorDetails[C]): Result<never, DomainError> => ({
  ok: false,
  error: { code, details } as DomainError,
});

/** The form field a failure belongs under, when its details name one. */
export const errorField = (error: DomainError): string | undefined => {
  const details: object = error.details;
  return 'field' in details && typeof details.field === 'string' ? details.field : undefined;
};
