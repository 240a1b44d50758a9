import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSubcommand, splitArgs } from '../../src/commands/router.js';
import { decodeSlackEntities, quoteToken, type Token, tokenize } from '../../src/commands/tokenize.js';
import type { Subcommand } from '../../src/shell/deps.js';
import { english } from '../domain/fixtures.js';

const texts = (input: string): string[] => {
  const result = tokenize(input);
  if (!result.ok) throw new Error(english(result.error));
  return result.value.map((t) => t.text);
};

describe('tokenize', () => {
  it('splits on any whitespace, including the ideographic space a Korean IME types', () => {
    expect(texts('status  retail')).toEqual(['status', 'retail']);
    expect(texts('  status\tretail\n')).toEqual(['status', 'retail']);
    expect(texts('status\u3000유통')).toEqual(['status', '유통']);
    expect(texts('status\u00a0retail')).toEqual(['status', 'retail']);
    expect(texts('')).toEqual([]);
    expect(texts('   ')).toEqual([]);
  });

  it('groups double-quoted text, ASCII or curly', () => {
    expect(texts('pledge retail "1조 2,630억" Coupang')).toEqual([
      'pledge',
      'retail',
      '1조 2,630억',
      'Coupang',
    ]);
    expect(texts('pledge retail “1조 2,630억” Coupang')).toEqual([
      'pledge',
      'retail',
      '1조 2,630억',
      'Coupang',
    ]);
    expect(texts('set P7 suspended ”data leak”')).toEqual(['set', 'P7', 'suspended', 'data leak']);
    expect(texts('note ""')).toEqual(['note', '']);
  });

  it('joins quoted and unquoted runs that touch, as a shell does', () => {
    expect(texts('note:"two words" x')).toEqual(['note:two words', 'x']);
    expect(texts('a"b c"d')).toEqual(['ab cd']);
  });

  it("keeps apostrophes: single quotes are part of names (Kia's)", () => {
    expect(texts("pledge autos 10억 Kia's fund")).toEqual(['pledge', 'autos', '10억', "Kia's", 'fund']);
  });

  it('marks key:value tokens as options', () => {
    const result = tokenize('pledge retail 20억 Coupang kind:bank status:paid note:"in talks"');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const options = result.value.filter((t) => t.option !== undefined).map((t) => t.option);
    expect(options).toEqual([
      { key: 'kind', value: 'bank' },
      { key: 'status', value: 'paid' },
      { key: 'note', value: 'in talks' },
    ]);
  });

  it('does not take quoted text, URLs with uppercase schemes or mentions as options', () => {
    const result = tokenize('"kind:bank" <@U123|kim> 12:30 Kind:bank');
    expect(result.ok && result.value.map((t) => t.option)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reports an unterminated quote with its position', () => {
    const result = tokenize('pledge retail "1조 2,630억 Coupang');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('COMMAND.INVALID');
    expect(result.error.details).toMatchObject({ reason: 'unterminated_quote', position: 14 });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = tokenize(text);
        if (result.ok) for (const token of result.value) expect(typeof token.text).toBe('string');
        else expect(result.error.code).toBe('COMMAND.INVALID');
      }),
      { numRuns: 1000 },
    );
  });

  it('never produces a token containing unquoted whitespace, and is ok exactly when quotes balance', () => {
    const alphabet = fc.constantFrom('a', '억', ' ', '\u3000', '"', '“', '”', ':', 'k');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        const quotes = chars.filter((c) => c === '"' || c === '“' || c === '”').length;
        expect(tokenize(text).ok).toBe(quotes % 2 === 0);
      }),
    );
  });

  it('round-trips any tokens without quote characters through quoteToken', () => {
    const token = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((t) => !/["“”]/.test(t));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        const line = tokens.map(quoteToken).join(' ');
        expect(texts(line)).toEqual(tokens);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decodeSlackEntities', () => {
  it('undoes the escaping Slack applies to command text, & last', () => {
    expect(decodeSlackEntities('AT&amp;T &lt;b&gt;')).toBe('AT&T <b>');
    expect(decodeSlackEntities('&amp;lt;')).toBe('&lt;');
  });
});

const pledge: Subcommand = {
  name: 'pledge',
  aliases: ['p', '출연'],
  usage: { en: '', ko: '' },
  summary: { en: '', ko: '' },
  options: ['kind', 'status'],
  run: async () => {},
};

const tokensOf = (text: string): Token[] => {
  const result = tokenize(text);
  if (!result.ok) throw new Error('bad');
  return result.value;
};

describe('dispatch helpers', () => {
  it('finds a subcommand by name or alias, case-insensitively', () => {
    expect(findSubcommand([pledge], 'PLEDGE')).toBe(pledge);
    expect(findSubcommand([pledge], '출연')).toBe(pledge);
    expect(findSubcommand([pledge], 'status')).toBeUndefined();
  });

  it('takes only declared options; other key:value tokens stay positional', () => {
    const split = splitArgs(pledge, tokensOf('retail 20억 Coupang kind:bank note:x https://x.kr'));
    expect(split).toEqual({
      ok: true,
      value: { args: ['retail', '20억', 'Coupang', 'note:x', 'https://x.kr'], options: { kind: 'bank' } },
    });
  });

  it('refuses an option given twice', () => {
    const split = splitArgs(pledge, tokensOf('retail kind:bank kind:corporation'));
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.error.details).toMatchObject({ reason: 'duplicate_option', key: 'kind' });
  });
});
