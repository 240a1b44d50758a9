import { parseAmount } from './amount.js';
import { Decimal } from './decimal.js';
import { err, ok, type Result } from './result.js';
import { EVENT_KINDS, type Subscription, type WinwinEvent, type Won } from './types.js';

export { EVENT_KINDS };

/**
 * What a subscription lets through: `only:` kinds of change, `min:` an amount. A kind is the prefix of
 * an event type, so event types added later (payments, guarantees) fall into their kind by name.
 * Access changes (`access.*`) are never posted to channels, whatever the filters.
 */

export type EventKind = (typeof EVENT_KINDS)[number];

const PREFIXES: Readonly<Record<EventKind, string>> = {
  programs: 'program.',
  pledges: 'pledge.',
  payments: 'payment.',
  guarantees: 'guarantee.',
};

/** The kind of an event type (`pledge.status` → pledges), if it is one channels report. */
export const eventKindOf = (type: string): EventKind | undefined =>
  EVENT_KINDS.find((kind) => type.startsWith(PREFIXES[kind]));

const DIGITS = /^\d+$/;

/** The amount a change is about: its new `amount`, or the one it had (digit strings), if any. */
export const eventAmount = (event: Pick<WinwinEvent, 'before' | 'after'>): Won | undefined => {
  for (const fields of [event.after, event.before]) {
    const amount = fields?.amount;
    if (typeof amount === 'string' && DIGITS.test(amount)) return new Decimal(amount);
  }
  return undefined;
};

export type EventFilters = Pick<Subscription, 'only' | 'min'>;

/**
 * Whether the filters let a change through: its kind is among `only` (when set), and its amount is
 * at least `min` (when set; a change that names no amount, such as a program's status, passes).
 */
export const passesFilters = (
  filters: EventFilters,
  event: { readonly type: string } & Pick<WinwinEvent, 'before' | 'after'>,
): boolean => {
  const kind = eventKindOf(event.type);
  if (kind === undefined) return false;
  if (filters.only !== undefined && filters.only.length > 0 && !filters.only.includes(kind)) return false;
  if (filters.min !== undefined) {
    const amount = eventAmount(event);
    if (amount?.lt(filters.min) === true) return false;
  }
  return true;
};

/** Whether the subscription has any filter. */
export const hasFilters = (filters: EventFilters): boolean =>
  (filters.only !== undefined && filters.only.length > 0) || filters.min !== undefined;

/**
 * `only:` as typed: a comma list of kinds (`pledges,payments`), in any case and order, repeats allowed.
 * Returns the kinds in their canonical order, or SUBSCRIPTION.INVALID with `{ field: 'only', word }`.
 */
export const parseOnly = (text: string): Result<EventKind[]> => {
  const words = text
    .split(/[,，、]/u)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  if (words.length === 0) {
    return err('SUBSCRIPTION.INVALID', { field: 'only', word: '' });
  }
  for (const word of words) {
    if (!(EVENT_KINDS as readonly string[]).includes(word)) {
      return err('SUBSCRIPTION.INVALID', { field: 'only', word });
    }
  }
  return ok(EVENT_KINDS.filter((kind) => words.includes(kind)));
};

/** `min:` as typed: any amount parseAmount reads (`10억`, `1bn`, `KRW 5,000,000`). */
export const parseMin = (text: string): Result<Won> => parseAmount(text);
