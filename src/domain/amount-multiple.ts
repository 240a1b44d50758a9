import { Decimal } from './decimal.js';
import { err, type MultipleProblem, ok, type Result } from './result.js';

/** The leverage multiple of a program: guarantee capacity ÷ contributions (autos: 15.75). */

export const MAX_MULTIPLE = new Decimal(1000);
export const MULTIPLE_DECIMALS = 6;
export const MULTIPLE_EXAMPLES: readonly string[] = ['15.75', '15.75x', '15.75배', '20x', 'x20'];

const MULTIPLE = /^(?:[x×]\s*)?(\d+(?:\.\d+)?)\s*(?:[x×]|배)?$/;
const MAX_INPUT_LENGTH = 50;

/** `15.75`, `15.75x`, `15.75배`, `x20`, `20×` → 15.75 / 20: above 0, at most 1000, at most 6 decimals. */
export const parseMultiple = (text: string): Result<Decimal> => {
  const input = typeof text === 'string' ? text : '';
  const normalized = input.normalize('NFKC').trim().toLowerCase();
  const refuse = (problem: MultipleProblem) =>
    err('MULTIPLE.INVALID', { input, problem, max: MAX_MULTIPLE.toFixed(), decimals: MULTIPLE_DECIMALS });
  if (normalized === '') return refuse('empty');
  const match = normalized.length <= MAX_INPUT_LENGTH ? MULTIPLE.exec(normalized) : null;
  const digits = match?.[1];
  if (digits === undefined || (/^[x×]/.test(normalized) && /[x×배]$/.test(normalized))) {
    return refuse('not_a_number');
  }
  const multiple = new Decimal(digits);
  if (multiple.isZero()) return refuse('not_positive');
  if (multiple.gt(MAX_MULTIPLE)) return refuse('too_large');
  if (multiple.decimalPlaces() > MULTIPLE_DECIMALS) return refuse('too_precise');
  return ok(multiple);
};

/** `15.75x`, `20x`, `14.29x`: rounded to 2 decimals for display; the stored value keeps all of them. */
export const formatMultiple = (multiple: Decimal): string => `${multiple.toDecimalPlaces(2).toFixed()}x`;
