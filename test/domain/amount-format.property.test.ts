import fc from 'fast-check';
import { expect, test } from 'vitest';
import { formatWon, type Locale } from '../../src/domain/amount.js';
import { Decimal } from '../../src/domain/decimal.js';

/*
 * formatWon cuts whole won into units as digit strings; this is the Decimal arithmetic it replaced
 * (divide by each unit, floor, subtract), kept as the reference it must agree with.
 */
const TEN = new Decimal(10);
const groupThousands = (plain: string): string => {
  const [whole = '', fraction] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign === '' ? whole : whole.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
};
const reference = (won: Decimal, locale: Locale): string => {
  if (won.isNegative() && !won.isZero()) return `-${reference(won.negated(), locale)}`;
  if (locale === 'en') {
    for (const [exponent, word] of [
      [12, 'trillion'],
      [9, 'billion'],
      [6, 'million'],
    ] as const) {
      const scaled = won.div(TEN.pow(exponent));
      if (scaled.gte(1)) {
        if (scaled.decimalPlaces() <= 3) return `${groupThousands(scaled.toFixed())} ${word} won`;
        break;
      }
    }
    return `${groupThousands(won.toFixed())} won`;
  }
  const parts: string[] = [];
  let rest = won;
  for (const [exponent, word] of [
    [12, '조'],
    [8, '억'],
    [4, '만'],
  ] as const) {
    const size = TEN.pow(exponent);
    const count = rest.div(size).floor();
    if (!count.isZero()) parts.push(`${groupThousands(count.toFixed())}${word}`);
    rest = rest.minus(count.times(size));
  }
  if (!rest.isZero() || parts.length === 0)
    return [...parts, `${groupThousands(rest.toFixed())}원`].join(' ');
  return `${parts.join(' ')} 원`;
};

// Round figures (many trailing zeros) as well as arbitrary digits, up to 10^20.
const wholeWon = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 20n }),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 99_999n }), fc.integer({ min: 0, max: 16 }))
    .map(([n, zeros]) => n * 10n ** BigInt(zeros)),
);

test('formatWon of whole won (either sign) agrees with the Decimal arithmetic it replaced', () => {
  fc.assert(
    fc.property(wholeWon, fc.boolean(), fc.constantFrom<Locale>('en', 'ko'), (n, negative, locale) => {
      const won = new Decimal(`${negative ? '-' : ''}${n}`);
      expect(formatWon(won, locale)).toBe(reference(won, locale));
    }),
    { numRuns: 2000 },
  );
});

test('formatWon of fractions and negative zero agrees too', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom<Locale>('en', 'ko'),
      (n, places, locale) => {
        const won = new Decimal(n.toString()).div(TEN.pow(places));
        expect(formatWon(won, locale)).toBe(reference(won, locale));
      },
    ),
    { numRuns: 1000 },
  );
  for (const locale of ['en', 'ko'] as const) {
    expect(formatWon(new Decimal('-0'), locale)).toBe(reference(new Decimal('-0'), locale));
    expect(formatWon(new Decimal(0), locale)).toBe(reference(new Decimal(0), locale));
  }
});
