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
