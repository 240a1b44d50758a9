import { Decimal } from './decimal.js';
import type { Won } from './types.js';

export type Locale = 'en' | 'ko';

/** `1234567.5` → `1,234,567.5`; accepts a plain decimal string with an optional minus sign. */
export const groupThousands = (plain: string): string => {
  const [whole = '', fraction] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign === '' ? whole : whole.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
};

const EN_UNITS = [
  { exponent: 12, word: 'trillion', short: 'tn' },
  { exponent: 9, word: 'billion', short: 'bn' },
  { exponent: 6, word: 'million', short: 'm' },
] as const;
const KO_UNITS = [
  { exponent: 12, word: '조' },
  { exponent: 8, word: '억' },
  { exponent: 4, word: '만' },
] as const;

/** 10^0 … 10^15, made once at load (an immutable table): Decimal's pow is slow, and views format thousands of amounts. */
const POWERS: readonly Decimal[] = Object.freeze(Array.from({ length: 16 }, (_, e) => new Decimal(`1e${e}`)));
const powerOfTen = (exponent: number): Decimal => POWERS[exponent] ?? new Decimal(`1e${exponent}`);

/**
 * An amount for people, exact: parseAmount(formatWon(x, locale)) equals x for every whole won.
 *
 * en: the largest of trillion/billion/million that is ≤ the amount, with at most 3 decimals
 *     (`630 billion won`, `2.5 billion won`, `1.263 trillion won`). When 3 decimals cannot hold the
 *     amount exactly, it is written in full instead of being rounded (`2,000,000,001 won`): a reader
 *     sees either a round figure that is exact or every digit. Below a million: `2,000 won`.
 * ko: exact 조/억/만 groups, a space between groups (`1조 2,630억 5,000만 원`); a trailing group of
 *     plain won carries 원 directly (`1억 2,345만 6,789원`, `5,000원`), otherwise ` 원` closes it.
 */
export const formatWon = (won: Won, locale: Locale): string => {
  if (won.isNegative() && !won.isZero()) return `-${formatWon(won.negated(), locale)}`;
  // Whole won (every stored amount) are cut into units as digit strings, without dividing.
  if (won.isInteger() && !won.isNegative())
    return locale === 'en' ? englishDigits(won.toFixed()) : koreanDigits(won.toFixed());
  return locale === 'en' ? formatEnglish(won) : formatKorean(won);
};

/** `digits`: a whole number ≥ 0 without leading zeros. */
const englishDigits = (digits: string): string => {
  for (const unit of EN_UNITS) {
    if (digits.length <= unit.exponent) continue;
    const cut = digits.length - unit.exponent;
    const fraction = digits.slice(cut).replace(/0+$/, '');
    if (fraction.length > 3) break;
    const scaled = fraction === '' ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${fraction}`;
    return `${groupThousands(scaled)} ${unit.word} won`;
  }
  return `${groupThousands(digits)} won`;
};

/** `digits`: a whole number ≥ 0 without leading zeros. */
const koreanDigits = (digits: string): string => {
  const parts: string[] = [];
  let from = 0;
  for (const unit of KO_UNITS) {
    // This unit's count: the digits above its exponent that a larger unit has not taken.
    const to = Math.max(from, digits.length - unit.exponent);
    const count = digits.slice(from, to).replace(/^0+/, '');
    if (count !== '') parts.push(`${groupThousands(count)}${unit.word}`);
    from = to;
  }
  const rest = digits.slice(from).replace(/^0+/, '');
  if (rest !== '' || parts.length === 0) return [...parts, `${groupThousands(rest || '0')}원`].join(' ');
  return `${parts.join(' ')} 원`;
};

const formatEnglish = (won: Won): string => {
  for (const unit of EN_UNITS) {
    const scaled = won.div(powerOfTen(unit.exponent));
    if (scaled.gte(1)) {
      if (scaled.decimalPlaces() <= 3) return `${groupThousands(scaled.toFixed())} ${unit.word} won`;
      break;
    }
  }
  return `${groupThousands(won.toFixed())} won`;
};

const formatKorean = (won: Won): string => {
  const parts: string[] = [];
  let rest = won;
  for (const unit of KO_UNITS) {
    const size = powerOfTen(unit.exponent);
    const count = rest.div(size).floor();
    if (!count.isZero()) parts.push(`${groupThousands(count.toFixed())}${unit.word}`);
    rest = rest.minus(count.times(size));
  }
  if (!rest.isZero() || parts.length === 0)
    return [...parts, `${groupThousands(rest.toFixed())}원`].join(' ');
  return `${parts.join(' ')} 원`;
};

/**
 * A short form for table cells: `₩630bn`, `₩2.5bn`, `₩1.26tn`, `₩40m` · `6,300억`, `1.26조`, `4,000만`.
 * It ROUNDS: to a whole unit from 100 units up, else to 3 significant digits (error ≤ 0.5 %). Use
 * formatWon wherever the exact figure matters. The output parses back with parseAmount.
 */
export const formatWonCompact = (won: Won, locale: Locale): string => {
  if (won.isNegative() && !won.isZero()) return `-${formatWonCompact(won.negated(), locale)}`;
  const units = locale === 'en' ? EN_UNITS : KO_UNITS;
  const index = units.findIndex((u) => won.gte(powerOfTen(u.exponent)));
  const unit = units[index];
  if (unit === undefined) {
    const plain = groupThousands(won.toDecimalPlaces(0).toFixed());
    return locale === 'en' ? `₩${plain}` : `${plain}원`;
  }
  let rounded = roundForTable(won.div(powerOfTen(unit.exponent)));
  let shown: (typeof units)[number] = unit;
  const larger = units[index - 1];
  // 9,999.6억 rounds to 10,000억: say 1조 instead.
  if (larger !== undefined && rounded.gte(powerOfTen(larger.exponent - unit.exponent))) {
    rounded = rounded.div(powerOfTen(larger.exponent - unit.exponent));
    shown = larger;
  }
  const figure = groupThousands(rounded.toFixed());
  return 'short' in shown ? `₩${figure}${shown.short}` : `${figure}${shown.word}`;
};

const roundForTable = (scaled: Decimal): Decimal =>
  scaled.gte(100) ? scaled.toDecimalPlaces(0) : scaled.toSignificantDigits(3);
