import { err, ok, type Result } from './result.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export const isIsoDate = (text: string): boolean => {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** A YYYY-MM-DD date, trimmed, or DATE.INVALID with `{ field }`. */
export const checkIsoDate = (text: string, field: string): Result<string> => {
  const date = text.trim();
  return isIsoDate(date) ? ok(date) : err('DATE.INVALID', { field, input: date });
};

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const FIELDS = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  minute: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Formatters by precision and time zone: making one costs far more than formatting with it. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** A cached `en-CA` formatter (YYYY-MM-DD, optionally HH:MM) for a time zone. */
export const formatterIn = (timeZone: string, precision: keyof typeof FIELDS): Intl.DateTimeFormat => {
  const key = `${precision} ${timeZone}`;
  let format = FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, ...FIELDS[precision] });
    // Time zones come from configuration: a handful at most.
    if (FORMATS.size >= 32) FORMATS.clear();
    FORMATS.set(key, format);
  }
  return format;
};
/**
 * The last date given per time zone, with the second it was asked for: every zone's offset is a whole
 * number of seconds, so a day never changes within one, and requests in the same second (a burst)
 * skip the formatting, which costs ≈ 0.1 ms.
 */
const LAST = new Map<string, { readonly second: number; readonly date: string }>();

/** The calendar date at `now` in a time zone (the ministry works in Asia/Seoul), as YYYY-MM-DD. */
export const isoDateIn = (now: Date, timeZone = 'Asia/Seoul'): string => {
  const second = Math.floor(now.getTime() / 1000);
  const last = LAST.get(timeZone);
  if (last !== undefined && last.second === second) return last.date;
  const date = formatterIn(timeZone, 'date').format(now);
  if (LAST.size >= 16) LAST.clear();
  LAST.set(timeZone, { second, date });
  return date;
};
