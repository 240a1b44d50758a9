import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import type { Logger } from '@slack/bolt';
import type { HolidayCalendar } from '../domain/business-days.js';

/**
 * Korean public holidays from `@hyunbinseo/holidays-kr`: the official gazette's calendar (월력요항),
 * one preset per year, maintained and published each year for the next. A year the installed version
 * does not cover yet (it throws RangeError) counts only weekends as days off, and a warning says so once
 * per year, so reminders come on a holiday rather than never; upgrading the package fixes it.
 */
export type HolidayLoader = (year: number) => Promise<HolidayCalendar>;

export const packageHolidays = (logger: Logger): HolidayLoader => {
  const years = new Map<number, Promise<ReadonlySet<string> | undefined>>();
  const yearOf = (year: number): Promise<ReadonlySet<string> | undefined> => {
    let loaded = years.get(year);
    if (loaded === undefined) {
      loaded = getHolidayPreset(String(year)).then(
        (preset) => new Set(Object.keys(preset)),
        (error: unknown) => {
          logger.warn(
            `reminders: no Korean holiday calendar for ${year} in @hyunbinseo/holidays-kr (${error instanceof Error ? error.message : String(error)}); only weekends count as days off that year. Upgrade the package.`,
          );
          return undefined;
        },
      );
      years.set(year, loaded);
    }
    return loaded;
  };
  return async (year) => {
    const holidays = await yearOf(year);
    return holidays === undefined
      ? { holidays: new Set(), years: new Set() }
      : { holidays, years: new Set([year]) };
  };
};
