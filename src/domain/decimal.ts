import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one Decimal constructor Winwin uses. decimal.js defaults to 20 significant digits, which is
 * too few for 1,000조 × a multiple with fractions; every clone shares one prototype, so `instanceof`
 * works for values from either constructor.
 */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpPos: 60,
  toExpNeg: -60,
});
export type Decimal = DecimalJs;
export const isDecimal = (value: unknown): value is Decimal => value instanceof DecimalJs;
