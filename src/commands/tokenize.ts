import { err, ok, type Result } from '../domain/result.js';

/**
 * The `/winwin` text as tokens. Whitespace separates tokens (any Unicode space, so the ideographic
 * space a Korean IME types counts); double quotes group — ASCII `"` and the curly “ ” that phones and
 * macOS substitute — so `"1조 2,630억"` is one token. Quoted and unquoted runs that touch join into one
 * token, as in a shell: `note:"two words"`. There are no backslash escapes: people type these in Slack.
 */
export interface Token {
  readonly text: string;
  /** Some part of the token was quoted; a quoted token is never an option. */
  readonly quoted: boolean;
  /** `key:value` written unquoted up to the colon, e.g. `kind:bank`, `note:"in talks"`. */
  readonly option?: { readonly key: string; readonly value: string };
}

const QUOTES = new Set(['"', '\u201c', '\u201d']);
const OPTION_KEY = /^([a-z][a-z0-9_]*):/;

export const tokenize = (input: string): Result<Token[]> => {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/u.test(input[i] as string)) i += 1;
    if (i >= n) break;
    let text = '';
    let quoted = false;
    // The unquoted text before the first quote decides whether this token is an option.
    let leadingUnquoted: string | undefined;
    while (i < n && !/\s/u.test(input[i] as string)) {
      const ch = input[i] as string;
      if (QUOTES.has(ch)) {
        leadingUnquoted ??= text;
        const start = i;
        i += 1;
        while (i < n && !QUOTES.has(input[i] as string)) {
          text += input[i];
          i += 1;
        }
        if (i >= n) {
          return err('COMMAND.INVALID', { reason: 'unterminated_quote', position: start });
        }
        i += 1;
        quoted = true;
      } else {
        text += ch;
        i += 1;
      }
    }
    const head = leadingUnquoted ?? text;
    const match = OPTION_KEY.exec(head);
    tokens.push(
      match === null
        ? { text, quoted }
        : { text, quoted, option: { key: match[1] as string, value: text.slice(match[0].length) } },
    );
  }
  return ok(tokens);
};

/** Slack escapes `&`, `<` and `>` in command text; user intent is the unescaped text. */
export const decodeSlackEntities = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Renders a token so that `tokenize` reads it back unchanged (when it holds no quote character). */
export const quoteToken = (text: string): string =>
  /[\s"“”]/u.test(text) || text === '' ? `"${text}"` : text;
