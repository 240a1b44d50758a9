import { Decimal } from './decimal.js';
import { err, ok, type Result } from './result.js';

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
  const refuse = (why: string) =>
    err(
      'MULTIPLE.INVALID',
      `Can't read "${input.trim().slice(0, 40)}" as a multiple: ${why}. Write it like ${MULTIPLE_EXAMPLES.join(', ')}.`,
      { input, examples: [...MULTIPLE_EXAMPLES] },
    );
  if (normalized === '') return refuse('it is empty');
  const match = normalized.length <= MAX_INPUT_LENGTH ? MULTIPLE.exec(normalized) : null;
  const digits = match?.[1];
  if (digits === undefined || (/^[x×]/.test(normalized) && /[x×배]$/.test(normalized))) {
    return refuse('it is not a number with an optional x or 배');
  }
  const multiple = new Decimal(digits);
  if (multiple.isZero()) return refuse('it must be above 0');
  if (multiple.gt(MAX_MULTIPLE)) return refuse(`it must be at most ${MAX_MULTIPLE.toFixed()}`);
  if (multiple.decimalPlaces() > MULTIPLE_DECIMALS)
    return refuse(`it has more than ${MULTIPLE_DECIMALS} decimals`);
  return ok(multiple);
};

/** `15.75x`, `20x`, `14.29x`: rounded to 2 decimals for display; the stored value keeps all of them. */
export const formatMultiple = (multiple: Decimal): string => `${multiple.toDecimalPlaces(2).toFixed()}x`;
