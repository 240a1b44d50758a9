import { readAmount } from './amount-grammar.js';
import { Decimal } from './decimal.js';
import { err, ok, type Result } from './result.js';
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
  if (normalized === '') return err('AMOUNT.EMPTY', { input });
  const read = readAmount(normalized);
  if (!read.ok) return err('AMOUNT.INVALID', { input, problem: read.why });
  const { exact, negative, currency, unit, unitlessTail } = read.reading;

  if (exact.isZero()) return err('AMOUNT.ZERO', { input });
  if (negative) return err('AMOUNT.NEGATIVE', { input });
  if (unitlessTail && !currency) {
    return err('AMOUNT.AMBIGUOUS', { input, suggestion: `${normalized}만`, tail: true });
  }
  if (!exact.isInteger()) return err('AMOUNT.FRACTION', { input, won: exact.toFixed() });
  if (exact.gt(MAX_WON)) return err('AMOUNT.TOO_LARGE', { input, max: MAX_WON.toFixed(0) });
  if (!unit && !currency && exact.lt(AMBIGUOUS_BELOW)) {
    return err('AMOUNT.AMBIGUOUS', { input, suggestion: `${normalized}억`, tail: false });
  }
  // Back to the app-wide Decimal: the value is a whole number ≤ 10^15, so this is exact.
  return ok(new Decimal(exact.toFixed(0)));
};
