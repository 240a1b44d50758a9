import { describe, expect, test } from 'vitest';
import {
  AMOUNT_EXAMPLES,
  formatMultiple,
  formatWon,
  formatWonCompact,
  MAX_WON,
  parseAmount,
  parseMultiple,
} from '../../src/domain/amount.js';
import { Decimal } from '../../src/domain/decimal.js';
import type { ErrorCode } from '../../src/domain/result.js';
import { english } from '../domain/fixtures.js';

const won = (digits: string) => new Decimal(digits);

describe('parseAmount reads every form staff write', () => {
  test.each([
    ['2000000000', '2000000000'],
    ['2,000,000,000', '2000000000'],
    ['2bn', '2000000000'],
    ['2 billion', '2000000000'],
    ['1.5b', '1500000000'],
    ['KRW 630bn', '630000000000'],
    ['krw630BN', '630000000000'],
    ['630bn KRW', '630000000000'],
    ['₩2bn', '2000000000'],
    ['630 billion won', '630000000000'],
    ['630 Billion Won', '630000000000'],
    ['W630 billion', '630000000000'],
    ['20억', '2000000000'],
    ['20억원', '2000000000'],
    ['20억 원', '2000000000'],
    ['6,300억', '630000000000'],
    ['6300억원', '630000000000'],
    ['6300억 원', '630000000000'],
    ['6천300억원', '630000000000'],
    ['4천억', '400000000000'],
    ['천억', '100000000000'],
    ['1조2630억원', '1263000000000'],
    ['1조 2,630억원', '1263000000000'],
    ['1.2조', '1200000000000'],
    ['7.9兆', '7900000000000'],
    ['4000만원', '40000000'],
    ['5천만', '50000000'],
    ['2조2000억원', '2200000000000'],
    ['3백만', '3000000'],
    ['2천5백만 원', '25000000'],
    ['1억 2,345만 6,789원', '123456789'],
    ['1조 2,630억 5,000만 원', '1263050000000'],
    ['40m', '40000000'],
    ['40 million won', '40000000'],
    ['40 million', '40000000'],
    ['1.2tn', '1200000000000'],
    ['1.2 trillion', '1200000000000'],
    ['KRW 2,000,000,000', '2000000000'],
    ['１，０００억', '100000000000'],
    ['２０억　원', '2000000000'],
    ['  20억  ', '2000000000'],
    ['\t630bn\n', '630000000000'],
    ['1.23456789억', '123456789'],
    ['1,000조', '1000000000000000'],
    ['1000000', '1000000'],
    ['300원', '300'],
    ['₩5,000', '5000'],
    ['1억 5000원', '100005000'],
  ])('%j → %s won', (text, expected) => {
    const result = parseAmount(text);
    expect(result).toEqual({ ok: true, value: won(expected) });
  });
});

describe('parseAmount refuses, saying why and showing accepted forms', () => {
  test.each<[string, ErrorCode]>([
    ['', 'AMOUNT.EMPTY'],
    ['   ', 'AMOUNT.EMPTY'],
    ['-5억', 'AMOUNT.NEGATIVE'],
    ['−5억', 'AMOUNT.NEGATIVE'],
    ['₩-2bn', 'AMOUNT.NEGATIVE'],
    ['-300', 'AMOUNT.NEGATIVE'],
    ['0', 'AMOUNT.ZERO'],
    ['0억 원', 'AMOUNT.ZERO'],
    ['0bn', 'AMOUNT.ZERO'],
    ['1.5', 'AMOUNT.FRACTION'],
    ['0.5원', 'AMOUNT.FRACTION'],
    ['1.234567891억', 'AMOUNT.FRACTION'],
    ['1.0000000000000000000000000000000000000000000000000000000000000000001억', 'AMOUNT.FRACTION'],
    ['1,000조 1원', 'AMOUNT.TOO_LARGE'],
    ['1001조', 'AMOUNT.TOO_LARGE'],
    ['1000000000000001', 'AMOUNT.TOO_LARGE'],
    ['1.1 quadrillion', 'AMOUNT.INVALID'],
    ['20억원원', 'AMOUNT.INVALID'],
    ['2bnn', 'AMOUNT.INVALID'],
    ['abc', 'AMOUNT.INVALID'],
    ['억', 'AMOUNT.INVALID'],
    ['만원', 'AMOUNT.INVALID'],
    ['1억2억', 'AMOUNT.INVALID'],
    ['2 bn bn', 'AMOUNT.INVALID'],
    ['300억2조', 'AMOUNT.INVALID'],
    ['1조 12,000억', 'AMOUNT.INVALID'],
    ['20,00억', 'AMOUNT.INVALID'],
    ['2 000 000 000', 'AMOUNT.INVALID'],
    ['2bn억', 'AMOUNT.INVALID'],
    ['KRW 630bn won', 'AMOUNT.INVALID'],
    ['630bn ₩', 'AMOUNT.INVALID'],
    ['20-억', 'AMOUNT.INVALID'],
    ['12천억', 'AMOUNT.INVALID'],
    ['6천3000억', 'AMOUNT.INVALID'],
    ['3백6천', 'AMOUNT.INVALID'],
    ['1.5.3억', 'AMOUNT.INVALID'],
    ['20억!', 'AMOUNT.INVALID'],
    ['원', 'AMOUNT.INVALID'],
    ['-', 'AMOUNT.INVALID'],
    ['9'.repeat(201), 'AMOUNT.INVALID'],
    ['300', 'AMOUNT.AMBIGUOUS'],
    ['999,999', 'AMOUNT.AMBIGUOUS'],
    ['6천300', 'AMOUNT.AMBIGUOUS'],
    ['1억 5000', 'AMOUNT.AMBIGUOUS'],
  ])('%j → %s', (text, code) => {
    const result = parseAmount(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    // The domain returns what was typed; the words, with every accepted form, come from the view.
    expect(result.error.details).toMatchObject({ input: text });
    for (const example of AMOUNT_EXAMPLES) expect(english(result.error)).toContain(example);
  });

  test('a bare number below a million suggests 억', () => {
    const result = parseAmount('300');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(english(result.error)).toContain('did you mean 300억?');
    expect(result.error.details).toMatchObject({ suggestion: '300억' });
  });

  test('a unitless last group after 억 suggests 만', () => {
    const result = parseAmount('1억 5000');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details).toMatchObject({ suggestion: '1억 5000만' });
  });

  test('a fraction says what it comes to', () => {
    const result = parseAmount('1.234567891억');
    expect(result.ok || english(result.error)).toContain('123,456,789.1 won');
  });

  test('exactly 1,000조 is the largest amount accepted', () => {
    expect(parseAmount('1,000조')).toEqual({ ok: true, value: MAX_WON });
    expect(MAX_WON.toFixed()).toBe('1000000000000000');
  });

  test('a result is the app-wide Decimal, so later arithmetic keeps its precision', () => {
    const result = parseAmount('1.2조');
    if (!result.ok) throw new Error(english(result.error));
    expect(result.value.constructor).toBe(Decimal);
  });
});

describe('formatWon for people, exact', () => {
  test.each([
    ['630000000000', '630 billion won', '6,300억 원'],
    ['400000000000', '400 billion won', '4,000억 원'],
    ['2500000000', '2.5 billion won', '25억 원'],
    ['40000000000', '40 billion won', '400억 원'],
    ['40000000', '40 million won', '4,000만 원'],
    ['2000000000', '2 billion won', '20억 원'],
    ['1263000000000', '1.263 trillion won', '1조 2,630억 원'],
    ['1000000000000', '1 trillion won', '1조 원'],
    ['1263050000000', '1,263,050,000,000 won', '1조 2,630억 5,000만 원'],
    ['2000000001', '2,000,000,001 won', '20억 1원'],
    ['123456789', '123,456,789 won', '1억 2,345만 6,789원'],
    ['354000000000', '354 billion won', '3,540억 원'],
    ['1000000', '1 million won', '100만 원'],
    ['1000000000000000', '1,000 trillion won', '1,000조 원'],
    ['2000', '2,000 won', '2,000원'],
    ['5000', '5,000 won', '5,000원'],
    ['0', '0 won', '0원'],
    ['-20000000000', '-20 billion won', '-200억 원'],
  ])('%s → %j / %j', (digits, en, ko) => {
    expect(formatWon(won(digits), 'en')).toBe(en);
    expect(formatWon(won(digits), 'ko')).toBe(ko);
  });
});

describe('formatWonCompact for tables, rounded', () => {
  test.each([
    ['630000000000', '₩630bn', '6,300억'],
    ['2500000000', '₩2.5bn', '25억'],
    ['40000000', '₩40m', '4,000만'],
    ['1263000000000', '₩1.26tn', '1.26조'],
    ['123456789', '₩123m', '1.23억'],
    ['15750000000', '₩15.8bn', '158억'],
    ['999999999', '₩1bn', '10억'],
    ['999960000000', '₩1tn', '1조'],
    ['1000000000000000', '₩1,000tn', '1,000조'],
    ['5000', '₩5,000', '5,000원'],
    ['-2500000000', '-₩2.5bn', '-25억'],
  ])('%s → %j / %j', (digits, en, ko) => {
    expect(formatWonCompact(won(digits), 'en')).toBe(en);
    expect(formatWonCompact(won(digits), 'ko')).toBe(ko);
  });
});

describe('multiples', () => {
  test.each([
    ['15.75', '15.75'],
    ['15.75x', '15.75'],
    ['15.75X', '15.75'],
    ['15.75배', '15.75'],
    ['x20', '20'],
    ['20×', '20'],
    ['20 x', '20'],
    ['1000', '1000'],
    ['0.000001', '0.000001'],
    ['12.500000000', '12.5'],
  ])('%j → %s', (text, expected) => {
    expect(parseMultiple(text)).toEqual({ ok: true, value: new Decimal(expected) });
  });

  test.each(['', '0', '0x', '-15', '1000.01', '1.1234567', 'x20x', 'abc', '15.75%', '1,000', '20xx'])(
    '%j is refused',
    (text) => {
      const result = parseMultiple(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('MULTIPLE.INVALID');
      expect(english(result.error)).toContain('15.75x');
    },
  );

  test.each([
    ['15.75', '15.75x'],
    ['20', '20x'],
    ['12.5', '12.5x'],
    ['14.285714', '14.29x'],
    ['17.7', '17.7x'],
  ])('%s shows as %s', (value, shown) => {
    expect(formatMultiple(new Decimal(value))).toBe(shown);
  });

  test('the shipbuilding multiple, 400bn ÷ 28bn, shows as 14.29x', () => {
    expect(formatMultiple(new Decimal('400000000000').div('28000000000'))).toBe('14.29x');
  });
});
