import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDayOnOrAfter,
  coversYear,
  type HolidayCalendar,
  isBusinessDay,
  NO_HOLIDAYS,
} from '../../src/domain/business-days.js';
import { addDays, parseDay, weekdayOf } from '../../src/domain/dates.js';

/** The package's 2025–2027 holidays, as the shell loads them (src/channels/holidays.ts). */
let korea: HolidayCalendar;
beforeAll(async () => {
  const years = [2025, 2026, 2027];
  const presets = await Promise.all(years.map((y) => getHolidayPreset(String(y))));
  korea = { holidays: new Set(presets.flatMap((p) => Object.keys(p))), years: new Set(years) };
});

describe('Korean business days', () => {
  it('skips weekends and public holidays', () => {
    expect(isBusinessDay('2026-12-24', korea)).toBe(true); // Thursday
    expect(isBusinessDay('2026-12-25', korea)).toBe(false); // Christmas (기독탄신일), a Friday
    expect(isBusinessDay('2026-12-26', korea)).toBe(false); // Saturday
    expect(isBusinessDay('2026-12-27', korea)).toBe(false); // Sunday
    expect(isBusinessDay('2026-12-28', korea)).toBe(true);
    expect(businessDayOnOrAfter('2026-12-25', korea)).toBe('2026-12-28');
  });

  it('crosses a year end: New Year holiday and the weekend after it', () => {
    // 2026-12-31 Thursday → 2027-01-01 holiday (Friday) → weekend → Monday 2027-01-04.
    expect(addBusinessDays('2026-12-31', 1, korea)).toBe('2027-01-04');
    expect(addBusinessDays('2025-12-31', 1, korea)).toBe('2026-01-02');
  });

  it('crosses Seollal and Chuseok with their substitute days', () => {
    // 설날 2026: 2026-02-16 … 2026-02-18 (Mon–Wed).
    expect(['2026-02-16', '2026-02-17', '2026-02-18'].every((d) => !isBusinessDay(d, korea))).toBe(true);
    expect(addBusinessDays('2026-02-13', 1, korea)).toBe('2026-02-19');
    expect(businessDayOnOrAfter('2025-10-03', korea)).toBe('2025-10-10'); // 2025's long Chuseok week
  });

  it('in a year the calendar does not cover, only weekends are off (fail safe: reminders still come)', () => {
    expect(coversYear(korea, '2031-12-25')).toBe(false);
    expect(isBusinessDay('2031-12-25', korea)).toBe(true);
    expect(isBusinessDay('2031-12-27', korea)).toBe(false); // Saturday
  });

  it('property: n business days later is a business day, after every day off in between', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 - 40 }), fc.integer({ min: 1, max: 20 }), (offset, n) => {
        const start = addDays('2025-01-01', offset);
        const end = addBusinessDays(start, n, korea);
        expect(isBusinessDay(end, korea)).toBe(true);
        let counted = 0;
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isBusinessDay(d, korea)) counted++;
        expect(counted).toBe(n);
        expect([0, 6]).not.toContain(weekdayOf(end));
      }),
    );
  });

  it('without holidays, five business days are a week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (offset) => {
        const start = businessDayOnOrAfter(addDays('2024-01-01', offset), NO_HOLIDAYS);
        expect(addBusinessDays(start, 5, NO_HOLIDAYS)).toBe(addDays(start, 7));
      }),
    );
  });
});

describe('parseDay', () => {
  const today = '2026-11-20';
  it.each([
    ['2026-12-15', '2026-12-15'],
    ['12/15', '2026-12-15'],
    ['12월 15일', '2026-12-15'],
    ['1/5', '2027-01-05'],
    ['tomorrow', '2026-11-21'],
    ['내일', '2026-11-21'],
    ['today', '2026-11-20'],
    ['+7d', '2026-11-27'],
    ['+2w', '2026-12-04'],
    ['+45d', '2027-01-04'],
  ])('%s → %s', (text, date) => {
    expect(parseDay(text, today)).toEqual({ ok: true, value: date });
  });

  it.each(['2026-02-30', '13/1', 'someday', '', '+d', '2월 30일'])('refuses %s with DATE.INVALID', (text) => {
    const r = parseDay(text, today, 'next');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'DATE.INVALID', details: { field: 'next' } });
  });

  it('property: a month/day is never before today and within a year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (o, m, d) => {
          const t = addDays('2024-01-01', o);
          const r = parseDay(`${m}/${d}`, t);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value >= t).toBe(true);
          expect(r.value < addDays(t, 366)).toBe(true);
        },
      ),
    );
  });
});
