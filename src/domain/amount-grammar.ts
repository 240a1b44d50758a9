import { Decimal } from './decimal.js';

/**
 * The grammar of amounts as staff write them, read into an exact number. This file only answers
 * "what number does this text spell, and how was it spelled"; amount.ts decides what to accept.
 *
 *   amount   := minus? currency-prefix? minus? body currency-suffix?
 *   body     := number english-unit                         630bn · 2 billion · 1.5b
 *             | group+                                      20억 · 1조 2,630억 · 6천300억 · 1억 2,345만 6,789원
 *   group    := compound (만 | 억 | 조)?                      big units strictly descending; only the last may lack one
 *   compound := (digit? 천)? (digit? 백)? (digit? 십)? number?   6천300 · 천 · 5천 · 2,630 · 1.2
 *
 * Inputs are capped at MAX_INPUT_LENGTH characters and computed in a wide-precision clone, so every
 * number they can spell is exact (no silent rounding of `1.0000…01억`).
 */

export const MAX_INPUT_LENGTH = 200;

const Exact = Decimal.clone({ precision: 1000, toExpPos: 9e15, toExpNeg: -9e15 });
type Exact = Decimal;

/**
 * 10^0 … 10^15, made once at load (an immutable table): Decimal's pow is slow, and amounts are parsed
 * per command. Every unit of the grammar (십 … 조, thousand … trillion) is in it.
 */
const POWERS: readonly Exact[] = Object.freeze(Array.from({ length: 16 }, (_, e) => new Exact(`1e${e}`)));
const powerOfTen = (exponent: number): Exact => POWERS[exponent] ?? new Exact(`1e${exponent}`);

type Token =
  | { readonly kind: 'number'; readonly text: string; readonly value: Exact }
  | { readonly kind: 'small'; readonly text: string; readonly scale: number }
  | { readonly kind: 'big'; readonly text: string; readonly exponent: number }
  | { readonly kind: 'english'; readonly text: string; readonly exponent: number }
  | { readonly kind: 'currency'; readonly text: string; readonly place: 'prefix' | 'suffix' | 'either' }
  | { readonly kind: 'minus'; readonly text: string };

/** How the text spelled its number; `exact` may be negative, fractional or huge: amount.ts judges. */
export interface Reading {
  readonly exact: Exact;
  readonly negative: boolean;
  /** Any currency mark (₩, W, KRW, won, 원): the number is meant in won, so it is not ambiguous. */
  readonly currency: boolean;
  /** Any unit (만, 억, 조, bn, million, …): false for `300` or `6천300`. */
  readonly unit: boolean;
  /** A unitless number after big-unit groups, as in `1억 5000` (5000 won, or 5000만 as said aloud?). */
  readonly unitlessTail: boolean;
}

/** Why a text is not an amount, as data (src/views/error-text.ts says it in each language). */
export type AmountProblem =
  | { readonly reason: 'too_long'; readonly max: number }
  | { readonly reason: 'currency_twice'; readonly first: string; readonly last: string }
  | { readonly reason: 'minus_not_first' }
  | { readonly reason: 'currency_misplaced'; readonly mark: string; readonly place: 'first' | 'last' }
  | { readonly reason: 'no_number' }
  | { readonly reason: 'commas'; readonly number: string }
  | { readonly reason: 'not_a_unit'; readonly word: string }
  | { readonly reason: 'stray_character'; readonly character: string }
  | { readonly reason: 'english_unit_misplaced' }
  | { readonly reason: 'group_too_large'; readonly unit: string; readonly group: string }
  | { readonly reason: 'units_out_of_order'; readonly unit: string; readonly previous: string }
  | { readonly reason: 'cannot_follow'; readonly text: string; readonly after: string }
  | { readonly reason: 'digit_before_unit'; readonly unit: string; readonly text: string }
  | { readonly reason: 'number_missing' }
  | { readonly reason: 'number_before'; readonly text: string };

export type ReadResult =
  | { readonly ok: true; readonly reading: Reading }
  | { readonly ok: false; readonly why: AmountProblem };

const ENGLISH_UNITS: Readonly<Record<string, number>> = {
  m: 6,
  mn: 6,
  mil: 6,
  million: 6,
  b: 9,
  bn: 9,
  bil: 9,
  billion: 9,
  tn: 12,
  tril: 12,
  trillion: 12,
};
const CURRENCY_WORDS: Readonly<Record<string, 'prefix' | 'suffix' | 'either'>> = {
  w: 'prefix',
  krw: 'either',
  won: 'suffix',
};
const BIG_UNITS: Readonly<Record<string, number>> = { 만: 4, 萬: 4, 억: 8, 億: 8, 조: 12, 兆: 12 };
const SMALL_UNITS: Readonly<Record<string, number>> = { 천: 1000, 백: 100, 십: 10 };
const MINUS_SIGNS = new Set(['-', '\u2212', '\u2013', '\u2014']);

const NUMBER = /\d+(?:,\d+)*(?:\.\d+)?/y;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const WORD = /[a-z]+/y;
const SPACE = /\s/;

const fail = (why: AmountProblem) => ({ ok: false, why }) as const;

/** `text` must already be NFKC-normalized, trimmed and lower-cased. */
export const readAmount = (text: string): ReadResult => {
  if (text.length > MAX_INPUT_LENGTH) return fail({ reason: 'too_long', max: MAX_INPUT_LENGTH });
  const lexed = lex(text);
  if (!Array.isArray(lexed)) return lexed;
  const tokens = [...lexed];

  let negative = false;
  const takeMinus = () => {
    if (tokens[0]?.kind === 'minus' && !negative) {
      negative = true;
      tokens.shift();
    }
  };
  takeMinus();
  let currency = false;
  const first = tokens[0];
  if (first?.kind === 'currency' && first.place !== 'suffix') {
    currency = true;
    tokens.shift();
    takeMinus();
  }
  const last = tokens.at(-1);
  if (last?.kind === 'currency' && last.place !== 'prefix') {
    if (currency) return fail({ reason: 'currency_twice', first: first?.text ?? '', last: last.text });
    currency = true;
    tokens.pop();
  }
  const stray = tokens.find((t) => t.kind === 'currency' || t.kind === 'minus');
  if (stray !== undefined) {
    return fail(
      stray.kind === 'minus'
        ? { reason: 'minus_not_first' }
        : {
            reason: 'currency_misplaced',
            mark: stray.text,
            place: stray.kind === 'currency' && stray.place === 'prefix' ? 'first' : 'last',
          },
    );
  }
  if (tokens.length === 0) return fail({ reason: 'no_number' });

  const body = readBody(tokens);
  if (!body.ok) return body;
  return { ok: true, reading: { ...body.reading, negative, currency } };
};

const lex = (text: string): Token[] | ReadResult => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (SPACE.test(ch)) {
      i += 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text)?.[0];
    if (number !== undefined) {
      if (number.includes(',') && !GROUPED.test(number)) {
        return fail({ reason: 'commas', number });
      }
      tokens.push({ kind: 'number', text: number, value: new Exact(number.replaceAll(',', '')) });
      i += number.length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word !== undefined) {
      const exponent = ENGLISH_UNITS[word];
      const place = CURRENCY_WORDS[word];
      if (exponent !== undefined) tokens.push({ kind: 'english', text: word, exponent });
      else if (place !== undefined) tokens.push({ kind: 'currency', text: word, place });
      else return fail({ reason: 'not_a_unit', word });
      i += word.length;
      continue;
    }
    const big = BIG_UNITS[ch];
    const scale = SMALL_UNITS[ch];
    if (big !== undefined) tokens.push({ kind: 'big', text: ch, exponent: big });
    else if (scale !== undefined) tokens.push({ kind: 'small', text: ch, scale });
    else if (ch === '원') tokens.push({ kind: 'currency', text: ch, place: 'suffix' });
    else if (ch === '₩') tokens.push({ kind: 'currency', text: ch, place: 'prefix' });
    else if (MINUS_SIGNS.has(ch)) tokens.push({ kind: 'minus', text: ch });
    else {
      const cp = text.codePointAt(i) ?? 0;
      return fail({ reason: 'stray_character', character: String.fromCodePoint(cp) });
    }
    i += 1;
  }
  return tokens;
};

type BodyResult =
  | { readonly ok: true; readonly reading: Omit<Reading, 'negative' | 'currency'> }
  | { readonly ok: false; readonly why: AmountProblem };

const readBody = (tokens: readonly Token[]): BodyResult => {
  const english = tokens.findIndex((t) => t.kind === 'english');
  if (english !== -1) {
    const [number, unit] = tokens;
    if (tokens.length !== 2 || number?.kind !== 'number' || unit?.kind !== 'english') {
      return fail({ reason: 'english_unit_misplaced' });
    }
    const exact = number.value.times(powerOfTen(unit.exponent));
    return { ok: true, reading: { exact, unit: true, unitlessTail: false } };
  }
  return readGroups(tokens);
};

/** Korean groups: `1조 2,630억 5,000만 6,789`, each big unit smaller than the one before. */
const readGroups = (tokens: readonly Token[]): BodyResult => {
  let exact = new Exact(0);
  let i = 0;
  let previous: Extract<Token, { kind: 'big' }> | undefined;
  let unitlessTail = false;
  let unit = false;
  while (i < tokens.length) {
    const compound = readCompound(tokens, i);
    if (!compound.ok) return compound;
    i = compound.next;
    const after = tokens[i];
    if (previous !== undefined && compound.value.gte(10_000)) {
      return fail({ reason: 'group_too_large', unit: previous.text, group: compound.text });
    }
    if (after?.kind === 'big') {
      if (previous !== undefined && after.exponent >= previous.exponent) {
        return fail({ reason: 'units_out_of_order', unit: after.text, previous: previous.text });
      }
      exact = exact.plus(compound.value.times(powerOfTen(after.exponent)));
      previous = after;
      unit = true;
      i += 1;
      continue;
    }
    if (after !== undefined) return fail({ reason: 'cannot_follow', text: after.text, after: compound.text });
    exact = exact.plus(compound.value);
    unitlessTail = previous !== undefined;
  }
  return { ok: true, reading: { exact, unit, unitlessTail } };
};

type CompoundResult =
  | { readonly ok: true; readonly value: Exact; readonly next: number; readonly text: string }
  | { readonly ok: false; readonly why: AmountProblem };

/** A number below one big unit, in digits (`2,630`, `1.2`) or with 천/백/십 (`6천300`, `천`). */
const readCompound = (tokens: readonly Token[], start: number): CompoundResult => {
  let i = start;
  let value = new Exact(0);
  let smallest: number | undefined;
  for (const scale of [1000, 100, 10]) {
    const t = tokens[i];
    const u = tokens[i + 1];
    if (t?.kind === 'small' && t.scale === scale) {
      value = value.plus(scale);
      smallest = scale;
      i += 1;
    } else if (t?.kind === 'number' && u?.kind === 'small' && u.scale === scale) {
      if (!/^[1-9]$/.test(t.text)) return fail({ reason: 'digit_before_unit', unit: u.text, text: t.text });
      value = value.plus(t.value.times(scale));
      smallest = scale;
      i += 2;
    }
  }
  const t = tokens[i];
  if (t?.kind === 'number') {
    if (smallest !== undefined && !(t.value.isInteger() && t.value.lt(smallest))) {
      return fail({ reason: 'cannot_follow', text: t.text, after: spell(tokens, start, i) });
    }
    value = value.plus(t.value);
    i += 1;
  }
  if (i === start) {
    return fail(t === undefined ? { reason: 'number_missing' } : { reason: 'number_before', text: t.text });
  }
  return { ok: true, value, next: i, text: spell(tokens, start, i) };
};

const spell = (tokens: readonly Token[], from: number, to: number): string =>
  tokens
    .slice(from, to)
    .map((t) => t.text)
    .join('');
