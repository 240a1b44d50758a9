import { addDays, weekdayOf } from './dates.js';

/**
 * Korean business days. Pure: the public holidays come in as an argument (the shell loads them from
 * `@hyunbinseo/holidays-kr`), with the years they cover. A day of a year the calendar does not cover
 * counts as a business day unless it is a weekend: reminders then come on a holiday rather than
 * silently never (the shell logs a warning for such a year).
 */
export interface HolidayCalendar {
  /** YYYY-MM-DD dates that are public holidays. */
  readonly holidays: ReadonlySet<string>;
  /** Years (e.g. 2026) the holiday list covers. */
  readonly years: ReadonlySet<number>;
}

export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), years: new Set() };

export const isWeekend = (date: string): boolean => {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
};

/** Whether the calendar knows this date's year. */
export const coversYear = (calendar: HolidayCalendar, date: string): boolean =>
  calendar.years.has(Number(date.slice(0, 4)));

/** Monday to Friday and not a public holiday. */
export const isBusinessDay = (date: string, calendar: HolidayCalendar): boolean =>
  !isWeekend(date) && !calendar.holidays.has(date);

/** The first business day on or after `date`. */
export const businessDayOnOrAfter = (date: string, calendar: HolidayCalendar): string => {
  let day = date;
  // A year holds no run of more than ~10 days off (Chuseok + weekends); 31 is a safe bound.
  for (let i = 0; i < 31 && !isBusinessDay(day, calendar); i++) day = addDays(day, 1);
  return day;
};

/** `n` business days after `date` (n ≥ 0; 0 is `date` itself, even if it is a day off). */
export const addBusinessDays = (date: string, n: number, calendar: HolidayCalendar): string => {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day, calendar)) left--;
  }
  return day;
};
