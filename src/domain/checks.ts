import { MAX_MULTIPLE, MAX_WON } from './amount.js';
import { MULTIPLE_DECIMALS } from './amount-multiple.js';
import { Decimal } from './decimal.js';
import { err, ok, type Result } from './result.js';
import type { Won } from './types.js';

/** A positive whole-won amount up to 1,000조, or an AMOUNT.* error with `{ field }`. */
export const checkWon = (amount: Won, field: string): Result<Won> => {
  if (!amount.isFinite()) return err('AMOUNT.INVALID', { field });
  if (amount.isNegative() && !amount.isZero()) {
    return err('AMOUNT.NEGATIVE', { field });
  }
  if (amount.isZero()) return err('AMOUNT.ZERO', { field });
  if (!amount.isInteger()) return err('AMOUNT.FRACTION', { field });
  if (amount.gt(MAX_WON)) {
    return err('AMOUNT.TOO_LARGE', { field, max: MAX_WON.toFixed(0) });
  }
  return ok(amount);
};

const MULTIPLE_LIMITS = { max: MAX_MULTIPLE.toFixed(), decimals: MULTIPLE_DECIMALS } as const;

/** A leverage multiple above zero with at most six decimals, or MULTIPLE.INVALID with `{ field }`. */
export const checkMultiple = (multiple: Decimal, field = 'multiple'): Result<Decimal> => {
  if (!multiple.isFinite() || multiple.lte(0)) {
    return err('MULTIPLE.INVALID', { field, problem: 'not_positive', ...MULTIPLE_LIMITS });
  }
  if (multiple.decimalPlaces() > 6) {
    return err('MULTIPLE.INVALID', { field, problem: 'too_precise', ...MULTIPLE_LIMITS });
  }
  if (multiple.gt(MAX_MULTIPLE)) {
    return err('MULTIPLE.INVALID', { field, problem: 'too_large', ...MULTIPLE_LIMITS });
  }
  return ok(multiple);
};

/**
 * The multiple that turns `contributions` into `capacity`, rounded UP to six decimals so that the
 * contributions × multiple never falls short of the announced capacity (shipbuilding: 400bn ÷ 28bn =
 * 14.2857142… → 14.285715; 14.285714 would leave an 8,000-won gap on a fully funded program).
 */
export const multipleFor = (capacity: Won, contributions: Won): Decimal =>
  capacity.div(contributions).toDecimalPlaces(6, Decimal.ROUND_UP);
