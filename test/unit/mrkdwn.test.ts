import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bold, code, escapeMrkdwn, italic, mentionUser, stripInvisible } from '../../src/views/mrkdwn.js';

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U999>',
  '<@U999|boss>',
  '<#C123|general>',
  '<!subteam^S123>',
  '<https://evil.example|click here>',
  '<mailto:x@y.z|mail>',
  '&lt;!channel&gt;',
  '<<!channel>>',
  '*bold* _it_ ~strike~ `code`',
  'Coupang\u202e lanruoC',
  'NUL\u0000here',
  '\u2066<!here>\u2069',
];

/** Would Slack form a mention or link from this mrkdwn? Only a literal `<` can start one. */
const formsControlSequence = (mrkdwn: string): boolean => /<[!@#]|<https?:|<mailto:/i.test(mrkdwn);

describe('escapeMrkdwn', () => {
  it.each(HOSTILE)('renders %j as text that forms no mention or link', (text) => {
    const escaped = escapeMrkdwn(text);
    expect(escaped).not.toContain('<');
    expect(escaped).not.toContain('>');
    expect(formsControlSequence(escaped)).toBe(false);
  });

  it('escapes & first, so an entity typed by a user shows as typed', () => {
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
    expect(escapeMrkdwn('AT&T <b>')).toBe('AT&amp;T &lt;b&gt;');
  });

  it('leaves ordinary Korean and English text alone', () => {
    expect(escapeMrkdwn('현대차·기아 + 하나은행 (15.75x)')).toBe('현대차·기아 + 하나은행 (15.75x)');
  });

  it('drops NUL, control characters and bidi overrides, keeps newlines and tabs', () => {
    expect(escapeMrkdwn('a\u0000b\u0007c\u202ed\u2066e')).toBe('abcde');
    expect(escapeMrkdwn('line 1\nline 2\tx')).toBe('line 1\nline 2\tx');
    expect(stripInvisible('\u200bzero-width stays')).toBe('\u200bzero-width stays');
  });

  it('no string whatsoever yields an unescaped < or > (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        // every & starts one of our entities
        expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });

  it('wrapping helpers escape too', () => {
    for (const wrap of [bold, code, italic]) {
      for (const text of HOSTILE) expect(formsControlSequence(wrap(text))).toBe(false);
    }
  });

  it('bold, code and italic keep their span intact when the text holds the marker', () => {
    expect(bold('a*b')).toBe('*a\u2217b*');
    expect(code('a`b')).toBe('`a\u02cbb`');
    expect(italic('snake_case')).toBe('_snake\uff3fcase_');
  });

  it('mentions only real user ids', () => {
    expect(mentionUser('U0123ABCD')).toBe('<@U0123ABCD>');
    expect(mentionUser('U1> <!channel')).toBe('U1&gt; &lt;!channel');
  });
});
