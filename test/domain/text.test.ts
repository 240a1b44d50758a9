import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cleanOptionalText, cleanText, contributorKey, sanitizeText } from '../../src/domain/text.js';
import { english, errorOf } from './fixtures.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/;

describe('sanitizeText', () => {
  test.each([
    ['  Hana Bank  ', 'Hana Bank'],
    ['Hana\u0000 Bank', 'Hana Bank'],
    ['Coup\u202Eang', 'Coupang'],
    ['\u2066POSCO\u2069', 'POSCO'],
    ['IBK\u200B', 'IBK'],
    ['\uFEFFIBK', 'IBK'],
    ['Hana\tBank\nGroup', 'Hana Bank Group'],
    ['Hana\u0085Bank\u009B', 'HanaBank'],
    ['bad\uD800half', 'badhalf'],
    ['쿠팡 😀', '쿠팡 😀'],
  ])('%j → %j', (raw, clean) => {
    expect(sanitizeText(raw)).toBe(clean);
  });

  test('composes decomposed Hangul (macOS input) to NFC', () => {
    expect(sanitizeText('\u1112\u1161\u11AB')).toBe('한');
  });

  test('keeps line breaks in multiline text, normalizing CRLF and trailing spaces', () => {
    expect(sanitizeText(' line one  \r\nline\u0007 two\r\n\r\n\r\n\r\nend ', true)).toBe(
      'line one\nline two\n\nend',
    );
  });

  test('never leaves a control, bidi or zero-width character, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (raw, multiline) => {
        const text = sanitizeText(raw, multiline);
        expect(text).not.toMatch(FORBIDDEN);
        expect(text).toBe(text.trim());
        if (!multiline) expect(text).not.toContain('\n');
        expect(sanitizeText(text, multiline)).toBe(text);
      }),
    );
  });
});

describe('cleanText', () => {
  const rule = { field: 'contributor', max: 10 };

  test('returns the sanitized text', () => {
    expect(cleanText(' POSCO\u202E ', rule)).toEqual({ ok: true, value: 'POSCO' });
  });

  test('refuses empty text, also when only invisible characters remain', () => {
    const error = errorOf(cleanText('\u202E\u0000  ', rule), 'TEXT.INVALID');
    expect(error.details).toMatchObject({ field: 'contributor', max: 10, reason: 'empty' });
  });

  test('refuses text over the limit with field and max', () => {
    const error = errorOf(cleanText('x'.repeat(11), rule), 'TEXT.INVALID');
    expect(error.details).toMatchObject({ field: 'contributor', max: 10, reason: 'too_long' });
    expect(english(error)).toContain('at most 10');
    expect(cleanText('x'.repeat(10), rule).ok).toBe(true);
  });

  test('a 10 kB name is refused, not truncated silently', () => {
    errorOf(cleanText('가'.repeat(10_000), { field: 'contributor', max: 150 }), 'TEXT.INVALID');
  });

  test('optional text: blank is undefined, the rest as cleanText', () => {
    expect(cleanOptionalText(undefined, rule)).toEqual({ ok: true, value: undefined });
    expect(cleanOptionalText(null, rule)).toEqual({ ok: true, value: undefined });
    expect(cleanOptionalText(' \u200B ', rule)).toEqual({ ok: true, value: undefined });
    expect(cleanOptionalText(' a ', rule)).toEqual({ ok: true, value: 'a' });
    errorOf(cleanOptionalText('x'.repeat(11), rule), 'TEXT.INVALID');
  });
});

describe('contributorKey', () => {
  test.each([
    ['㈜쿠팡', '쿠팡'],
    ['(주) 쿠팡', '쿠팡'],
    ['쿠팡 주식회사', '쿠팡'],
    ['HANA BANK', 'Hana Bank'],
    ['Hana  Bank.', 'Hana Bank'],
    ['POSCO Co., Ltd.', 'posco'],
  ])('%j is the same contributor as %j', (a, b) => {
    expect(contributorKey(a)).toBe(contributorKey(b));
  });

  test('different contributors stay apart', () => {
    expect(contributorKey('Hana Bank')).not.toBe(contributorKey('Hana Financial'));
    expect(contributorKey('Inc.')).not.toBe('');
  });
});
