import { parseAmount } from '../domain/amount.js';
import { ok, type Result } from '../domain/result.js';
import type { Won } from '../domain/types.js';

/** Longest run of tokens tried as one amount (`1조 2,630억 원` is three). */
const MAX_AMOUNT_TOKENS = 4;

/**
 * The amount at the start of `tokens` and the tokens after it, leaving at least `keep` tokens after it.
 * The amount is one token (`630억`, or quoted `"1조 2,630억"`), but people also type it unquoted, so the
 * longest run of up to four tokens that reads as one amount is taken. When nothing reads, the first
 * token's error says what was wrong and lists the accepted forms.
 */
export const leadingAmount = (
  tokens: readonly string[],
  keep = 0,
): Result<{ amount: Won; rest: string[] }> => {
  for (let n = Math.min(MAX_AMOUNT_TOKENS, tokens.length - keep); n >= 2; n--) {
    const joined = parseAmount(tokens.slice(0, n).join(' '));
    if (joined.ok) return ok({ amount: joined.value, rest: tokens.slice(n) });
  }
  const single = parseAmount(tokens[0] ?? '');
  return single.ok ? ok({ amount: single.value, rest: tokens.slice(1) }) : single;
};

/**
 * Splits `<amount> <contributor…>`: the leading amount, leaving at least one token for the contributor:
 * `1조 2,630억 Samsung` is 1조 2,630억 from Samsung, not 1조 from "2,630억 Samsung", and
 * `630 billion won Hyundai` works too.
 */
export const splitAmount = (tokens: readonly string[]): Result<{ amount: Won; rest: string[] }> =>
  leadingAmount(tokens, 1);
