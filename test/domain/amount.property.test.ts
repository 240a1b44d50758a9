import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatMultiple,
  formatWon,
  formatWonCompact,
  type Locale,
  MAX_WON,
  parseAmount,
  parseMultiple,
} from '../../src/domain/amount.js';
import { Decimal } from '../../src/domain/decimal.js';
import { english } from '../domain/fixtures.js';

const TOKENS = [
  ...'0123456789',
  ',',
  '.',
  ' ',
  '억',
  '조',
  '만',
  '천',
  '백',
  '십',
  '원',
  '兆',
  'bn',
  'b',
  'm',
  'tn',
  'won',
  'KRW',
  'W',
  '₩',
  '-',
  '−',
  'x',
];
const tokenStrings = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  tokenStrings,
);

/** Whole won in [10^6, 10^15]: uniform, plus round figures (k × 10^e) as staff actually write them. */
const wonInRange = fc
  .oneof(
    fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
    fc
      .tuple(fc.bigInt({ min: 1n, max: 99_999n }), fc.integer({ min: 2, max: 14 }))
      .map(([k, e]) => k * 10n ** BigInt(e))
      .filter((n) => n >= 10n ** 6n && n <= 10n ** 15n),
  )
  .map((n) => new Decimal(n.toString()));

const locale = fc.constantFrom<Locale>('en', 'ko');

describe('parseAmount', () => {
  test('never throws: any text gives a whole amount in (0, 1,000조] or a coded refusal', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseAmount(text);
        if (result.ok) {
          expect(result.value.isInteger()).toBe(true);
          expect(result.value.gt(0) && result.value.lte(MAX_WON)).toBe(true);
        } else {
          expect(result.error.code).toMatch(/^AMOUNT\./);
          expect(result.error.details).toMatchObject({ input: text });
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a currency-marked digit string reads as exactly that many won', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), (n) => {
        const grouped = n.toLocaleString('en-US');
        expect(parseAmount(`${grouped}원`)).toEqual({ ok: true, value: new Decimal(n.toString()) });
        expect(parseAmount(`KRW ${n}`)).toEqual({ ok: true, value: new Decimal(n.toString()) });
      }),
    );
  });
});

describe('formatWon → parseAmount round-trips exactly', () => {
  test('for any whole won from 1,000,000 to 1,000조, in both locales', () => {
    fc.assert(
      fc.property(wonInRange, locale, (won, loc) => {
        const text = formatWon(won, loc);
        const back = parseAmount(text);
        expect(back.ok ? back.value.toFixed() : english(back.error)).toBe(won.toFixed());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatWonCompact', () => {
  test('parses back to within its 0.5 % rounding', () => {
    fc.assert(
      fc.property(wonInRange, locale, (won, loc) => {
        const back = parseAmount(formatWonCompact(won, loc));
        if (!back.ok) throw new Error(english(back.error));
        expect(back.value.minus(won).abs().lte(won.times('0.005'))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('multiples', () => {
  test('parseMultiple never throws and only accepts (0, 1000] with ≤ 6 decimals', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[x×]?\d{1,5}(\.\d{1,8})?[x×배]?$/)), (text) => {
        const result = parseMultiple(text);
        if (result.ok) {
          expect(result.value.gt(0) && result.value.lte(1000)).toBe(true);
          expect(result.value.decimalPlaces()).toBeLessThanOrEqual(6);
        } else {
          expect(result.error.code).toBe('MULTIPLE.INVALID');
        }
      }),
    );
  });

  test('formatMultiple shows what parses back to the value rounded to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (micro) => {
        const multiple = new Decimal(micro).div(1_000_000);
        const back = parseMultiple(formatMultiple(multiple));
        const rounded = multiple.toDecimalPlaces(2);
        if (rounded.isZero()) expect(back.ok).toBe(false);
        else expect(back).toEqual({ ok: true, value: rounded });
      }),
    );
  });
});
