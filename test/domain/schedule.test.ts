import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueAt, isDue, nextSlotAfter, wallClock, zonedInstant } from '../../src/domain/schedule.js';
import type { Subscription } from '../../src/domain/types.js';

const SEOUL = { time: '09:00', tz: 'Asia/Seoul' };
const at = (iso: string): Date => new Date(iso);

const daily = (over: Partial<Subscription> = {}): Subscription => ({
  channel: 'C0AUTOS01',
  target: 'autos',
  cadence: 'daily',
  detail: 'totals',
  createdBy: 'UADMIN001',
  // 2025-12-01 10:00 in Seoul (a Monday)
  createdAt: '2025-12-01T01:00:00.000Z',
  watermark: 0,
  ...over,
});

describe('zoned wall clock', () => {
  it('reads Asia/Seoul as UTC+9 across the UTC date line', () => {
    expect(wallClock(at('2025-12-01T15:30:00Z'), 'Asia/Seoul')).toMatchObject({
      year: 2025,
      month: 12,
      day: 2,
      hour: 0,
      minute: 30,
    });
    expect(zonedInstant({ year: 2025, month: 12, day: 2 }, 0, 0, 'Asia/Seoul').toISOString()).toBe(
      '2025-12-01T15:00:00.000Z',
    );
  });

  it('round-trips any minute in a zone without daylight saving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (minutes) => {
        const instant = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000);
        const c = wallClock(instant, 'Asia/Seoul');
        expect(zonedInstant(c, c.hour, c.minute, 'Asia/Seoul').getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('handles a zone with daylight saving (New York, spring forward)', () => {
    // 2025-03-09: clocks go from 02:00 to 03:00; 09:00 that day is 13:00 UTC (EDT).
    expect(
      nextSlotAfter(at('2025-03-09T06:00:00Z'), 'daily', { time: '09:00', tz: 'America/New_York' }),
    ).toEqual(at('2025-03-09T13:00:00Z'));
    expect(
      nextSlotAfter(at('2025-03-07T06:00:00Z'), 'daily', { time: '09:00', tz: 'America/New_York' }),
    ).toEqual(at('2025-03-07T14:00:00Z'));
  });
});

describe('digest times across daylight-saving changes (America/New_York, 2026)', () => {
  const NY = 'America/New_York';
  const at0230 = { time: '02:30', tz: NY };
  const at0130 = { time: '01:30', tz: NY };
  const sub = (createdAt: string, lastDigestAt?: string): Subscription =>
    daily({ createdAt, ...(lastDigestAt === undefined ? {} : { lastDigestAt }) });

  /** Every digest a tick every 30 s would send between `from` and `to`, the way channels.ts marks them. */
  const fires = (schedule: { time: string; tz: string }, from: string, to: string): string[] => {
    let s = sub(from);
    const out: string[] = [];
    for (let t = at(from).getTime(); t <= at(to).getTime(); t += 30_000) {
      const now = new Date(t);
      if (isDue(s, now, schedule)) {
        out.push(now.toISOString());
        s = { ...s, lastDigestAt: now.toISOString() };
      }
    }
    return out;
  };

  it('spring forward: 02:30 on 2026-03-08 does not exist; it goes out at 03:00 EDT, not an hour early', () => {
    // Clocks jump from 02:00 EST (07:00 UTC) to 03:00 EDT (07:00 UTC).
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 2, 30, NY).toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(nextSlotAfter(at('2026-03-08T05:00:00Z'), 'daily', at0230)).toEqual(at('2026-03-08T07:00:00Z'));
    const s = sub('2026-03-07T12:00:00Z');
    expect(isDue(s, at('2026-03-08T06:30:00Z'), at0230)).toBe(false); // 01:30 EST: an hour early
    expect(isDue(s, at('2026-03-08T06:59:59Z'), at0230)).toBe(false);
    expect(isDue(s, at('2026-03-08T07:00:00Z'), at0230)).toBe(true);
    expect(wallClock(at('2026-03-08T07:00:00Z'), NY)).toMatchObject({ hour: 3, minute: 0 });
  });

  it('spring forward: one digest a day around the gap, at 02:30 EST, 03:00 EDT, then 02:30 EDT', () => {
    expect(fires(at0230, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('spring forward: times next to the gap are where the clock says', () => {
    const day = { year: 2026, month: 3, day: 8 };
    expect(zonedInstant(day, 1, 59, NY).toISOString()).toBe('2026-03-08T06:59:00.000Z'); // EST
    expect(zonedInstant(day, 2, 0, NY).toISOString()).toBe('2026-03-08T07:00:00.000Z'); // skipped
    expect(zonedInstant(day, 3, 0, NY).toISOString()).toBe('2026-03-08T07:00:00.000Z'); // EDT
    expect(zonedInstant(day, 3, 30, NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('fall back: 01:30 on 2026-11-01 happens twice; the digest goes out once, at the first', () => {
    // 01:30 EDT is 05:30 UTC; clocks then go from 02:00 EDT back to 01:00 EST, and 01:30 EST is 06:30 UTC.
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, 1, 30, NY).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(fires(at0130, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('fall back: a digest sent late, between the two 01:30s, is not sent again at the second', () => {
    const late = sub('2026-10-30T12:00:00Z', '2026-11-01T06:10:00Z'); // 01:10 EST, after the first 01:30
    expect(isDue(late, at('2026-11-01T06:30:00Z'), at0130)).toBe(false);
    expect(dueAt(late, at0130)).toEqual(at('2026-11-02T06:30:00Z'));
  });

  it('a gap at midnight (America/Santiago, 2026-09-06: 00:00 → 01:00) goes to 01:00 that day', () => {
    expect(zonedInstant({ year: 2026, month: 9, day: 6 }, 0, 30, 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('every slot reads the digest time on the wall clock, or is the first instant after a gap', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Seoul',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 2 * 366 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (tz, dayOffset, hour, minute) => {
          const d = new Date(Date.UTC(2026, 0, 1 + dayOffset));
          const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
          const slot = zonedInstant(date, hour, minute, tz);
          const c = wallClock(slot, tz);
          const exact = c.year === date.year && c.month === date.month && c.day === date.day;
          if (exact && c.hour === hour && c.minute === minute) {
            // The first instant reading that time: an hour earlier does not read it too.
            const earlier = wallClock(new Date(slot.getTime() - 3_600_000), tz);
            expect(earlier.hour === hour && earlier.minute === minute && earlier.day === date.day).toBe(
              false,
            );
            return;
          }
          // Skipped: the clock jumps at `slot` from before the asked time to after it.
          const wall = (w: ReturnType<typeof wallClock>): number =>
            Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
          const asked = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
          const before = wallClock(new Date(slot.getTime() - 1000), tz);
          expect(wall(before)).toBeLessThan(asked);
          expect(wall(c)).toBeGreaterThan(asked);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('daily slots at 09:00 Asia/Seoul', () => {
  it('is 00:00 UTC of the same Seoul day when asked before 09:00 Seoul', () => {
    // 2025-12-02 08:59 in Seoul
    expect(nextSlotAfter(at('2025-12-01T23:59:00Z'), 'daily', SEOUL)).toEqual(at('2025-12-02T00:00:00Z'));
  });

  it('moves to the next Seoul day exactly at and after the slot', () => {
    expect(nextSlotAfter(at('2025-12-02T00:00:00Z'), 'daily', SEOUL)).toEqual(at('2025-12-03T00:00:00Z'));
    expect(nextSlotAfter(at('2025-12-02T00:00:01Z'), 'daily', SEOUL)).toEqual(at('2025-12-03T00:00:00Z'));
  });

  it('counts the day in Seoul, not in UTC, around Seoul midnight', () => {
    // 23:59 and 00:01 in Seoul are different Seoul days but the same UTC day (14:59Z, 15:01Z)
    expect(nextSlotAfter(at('2025-12-01T14:59:00Z'), 'daily', SEOUL)).toEqual(at('2025-12-02T00:00:00Z'));
    expect(nextSlotAfter(at('2025-12-01T15:01:00Z'), 'daily', SEOUL)).toEqual(at('2025-12-02T00:00:00Z'));
  });

  it('crosses month and year ends', () => {
    expect(nextSlotAfter(at('2025-12-31T01:00:00Z'), 'daily', SEOUL)).toEqual(at('2026-01-01T00:00:00Z'));
  });

  it('honours another digest time', () => {
    expect(nextSlotAfter(at('2025-12-01T01:00:00Z'), 'daily', { time: '17:30', tz: 'Asia/Seoul' })).toEqual(
      at('2025-12-01T08:30:00Z'),
    );
  });
});

describe('weekly slots: Mondays 09:00 Asia/Seoul', () => {
  it('from Monday after 09:00 goes to the next Monday', () => {
    // Mon 2025-12-01 10:00 Seoul → Mon 2025-12-08 09:00 Seoul
    expect(nextSlotAfter(at('2025-12-01T01:00:00Z'), 'weekly', SEOUL)).toEqual(at('2025-12-08T00:00:00Z'));
  });

  it('from Sunday 23:59 Seoul (Sunday 14:59 UTC) is the next morning', () => {
    expect(nextSlotAfter(at('2025-12-07T14:59:00Z'), 'weekly', SEOUL)).toEqual(at('2025-12-08T00:00:00Z'));
  });

  it('from Monday 00:30 Seoul (still Sunday in UTC) is the same Monday', () => {
    expect(nextSlotAfter(at('2025-12-07T15:30:00Z'), 'weekly', SEOUL)).toEqual(at('2025-12-08T00:00:00Z'));
  });

  it('every weekly slot is a Monday at 09:00 in Seoul', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), (minutes) => {
        const after = new Date(Date.UTC(2025, 0, 1) + minutes * 60_000);
        const slot = nextSlotAfter(after, 'weekly', SEOUL);
        const c = wallClock(slot, 'Asia/Seoul');
        expect([c.hour, c.minute]).toEqual([9, 0]);
        expect(new Date(Date.UTC(c.year, c.month - 1, c.day)).getUTCDay()).toBe(1);
        expect(slot.getTime()).toBeGreaterThan(after.getTime());
        expect(slot.getTime() - after.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
      }),
    );
  });
});

describe('dueAt and isDue', () => {
  it('a new subscription waits for the first slot after it was created', () => {
    const sub = daily();
    expect(dueAt(sub, SEOUL)).toEqual(at('2025-12-02T00:00:00Z'));
    expect(isDue(sub, at('2025-12-01T23:59:59Z'), SEOUL)).toBe(false);
    expect(isDue(sub, at('2025-12-02T00:00:00Z'), SEOUL)).toBe(true);
  });

  it('after a digest, the next one is the next day: a restart in between changes nothing', () => {
    // Posted at 09:00:20 Seoul; the process restarts at 12:00 and at 08:59 the next day: not due.
    const sub = daily({ lastDigestAt: '2025-12-02T00:00:20.000Z' });
    expect(isDue(sub, at('2025-12-02T03:00:00Z'), SEOUL)).toBe(false);
    expect(isDue(sub, at('2025-12-02T23:59:00Z'), SEOUL)).toBe(false);
    expect(isDue(sub, at('2025-12-03T00:00:00Z'), SEOUL)).toBe(true);
  });

  it('a digest missed while the app was down is due at start-up, once', () => {
    // Last digest Tuesday; the app was down from Wednesday to Friday noon.
    const sub = daily({ lastDigestAt: '2025-12-02T00:00:05.000Z' });
    const startUp = at('2025-12-05T03:00:00Z');
    expect(isDue(sub, startUp, SEOUL)).toBe(true);
    // Once posted at start-up, it is not due again until Saturday 09:00.
    const posted = { ...sub, lastDigestAt: startUp.toISOString() };
    expect(isDue(posted, at('2025-12-05T23:59:00Z'), SEOUL)).toBe(false);
    expect(dueAt(posted, SEOUL)).toEqual(at('2025-12-06T00:00:00Z'));
  });

  it('weekly: missed Monday is due until posted', () => {
    const sub = daily({ cadence: 'weekly', lastDigestAt: '2025-12-01T00:00:03.000Z' });
    expect(dueAt(sub, SEOUL)).toEqual(at('2025-12-08T00:00:00Z'));
    expect(isDue(sub, at('2025-12-07T23:59:59Z'), SEOUL)).toBe(false);
    expect(isDue(sub, at('2025-12-10T05:00:00Z'), SEOUL)).toBe(true);
  });

  it('realtime and paused subscriptions are never due on a schedule', () => {
    expect(dueAt(daily({ cadence: 'realtime' }), SEOUL)).toBeUndefined();
    expect(isDue(daily({ cadence: 'realtime' }), at('2030-01-01T00:00:00Z'), SEOUL)).toBe(false);
    const paused = daily({ paused: { reason: 'is_archived', at: '2025-12-01T02:00:00.000Z' } });
    expect(isDue(paused, at('2030-01-01T00:00:00Z'), SEOUL)).toBe(false);
  });

  it('refuses a malformed digest time (config validates it first)', () => {
    expect(() =>
      nextSlotAfter(at('2025-12-01T00:00:00Z'), 'daily', { time: '9am', tz: 'Asia/Seoul' }),
    ).toThrow(/HH:MM/);
  });
});
