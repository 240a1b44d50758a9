import { groupThousands } from './amount-format.js';
import { readAmount } from './amount-grammar.js';
import { Decimal } from './decimal.js';
import { type ErrorCode, err, ok, type Result } from './result.js';
import type { Won } from './types.js';

export { formatWon, formatWonCompact, groupThousands, type Locale } from './amount-format.js';
export { formatMultiple, MAX_MULTIPLE, MULTIPLE_EXAMPLES, parseMultiple } from './amount-multiple.js';

/** 1,000조: no program comes near it, so anything larger is a typo. Exactly 1,000조 is allowed. */
export const MAX_WON: Won = new Decimal('1000000000000000');

/** Below this, a number without any unit or currency mark is probably 억 with the unit left off. */
export const AMBIGUOUS_BELOW: Won = new Decimal(1_000_000);

/** Accepted forms, shown in help texts and in every refusal. */
export const AMOUNT_EXAMPLES: readonly string[] = [
  '630억',
  '6,300억 원',
  '1조 2,630억',
  '1.2조',
  '4,000만 원',
  '630bn',
  '630 billion won',
  'KRW 630,000,000,000',
];

/**
 * Reads an amount of won as staff write it (see amount-grammar.ts): `2,000,000,000`, `2bn`,
 * `KRW 630bn`, `₩2bn`, `630 billion won`, `W630 billion`, `20억 원`, `6천300억원`, `1조 2,630억원`,
 * `7.9兆`, `4000만원`, `5천만`. Full-width digits and commas are read too. Never throws.
 *
 * A number without a unit is taken as won only from 1,000,000 up, or when a currency mark says so
 * (`300원`, `₩300`): a bare `300` is refused as AMOUNT.AMBIGUOUS, suggesting `300억`.
 */
export const parseAmount = (text: string): Result<Won> => {
  const input = typeof text === 'string' ? text : '';
  const normalized = input.normalize('NFKC').trim().toLowerCase();
  const refuse = (code: ErrorCode, why: string, extra: Readonly<Record<string, unknown>> = {}) =>
    err(code, `Can't read "${shorten(input.trim())}" as an amount: ${why}. ${acceptedForms}`, {
      input,
      examples: [...AMOUNT_EXAMPLES],
      ...extra,
    });

  if (normalized === '') return refuse('AMOUNT.EMPTY', 'it is empty');
  const read = readAmount(normalized);
  if (!read.ok) return refuse('AMOUNT.INVALID', read.why);
  const { exact, negative, currency, unit, unitlessTail } = read.reading;

  if (exact.isZero()) return refuse('AMOUNT.ZERO', 'it is zero');
  if (negative) return refuse('AMOUNT.NEGATIVE', 'it is negative; amounts are positive');
  if (unitlessTail && !currency) {
    const suggestion = `${normalized}만`;
    return refuse(
      'AMOUNT.AMBIGUOUS',
      `the last number has no unit: did you mean ${suggestion}? For plain won, end with 원`,
      { suggestion },
    );
  }
  if (!exact.isInteger()) {
    return refuse(
      'AMOUNT.FRACTION',
      `it comes to ${groupThousands(exact.toFixed())} won; amounts are whole won`,
    );
  }
  if (exact.gt(MAX_WON)) return refuse('AMOUNT.TOO_LARGE', 'it is above 1,000조 (1,000 trillion won)');
  if (!unit && !currency && exact.lt(AMBIGUOUS_BELOW)) {
    const suggestion = `${normalized}억`;
    return refuse(
      'AMOUNT.AMBIGUOUS',
      `it has no unit: did you mean ${suggestion}? For plain won, write ${normalized}원`,
      { suggestion },
    );
  }
  // Back to the app-wide Decimal: the value is a whole number ≤ 10^15, so this is exact.
  return ok(new Decimal(exact.toFixed(0)));
};

const acceptedForms = `Write it like ${AMOUNT_EXAMPLES.join(', ')}.`;

const shorten = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
