import { describe, expect, test } from 'vitest';
import { andThen } from '../../src/domain/change.js';
import { checkIsoDate, daysBetween, isIsoDate, isoDateIn } from '../../src/domain/dates.js';
import { Decimal } from '../../src/domain/decimal.js';
import { appendEvents, diffFields, fieldChanges, snapshot, toJson } from '../../src/domain/events.js';
import { recordPledge } from '../../src/domain/pledges.js';
import { createProgram } from '../../src/domain/programs.js';
import { EventSchema, emptyState } from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, eok, errorOf, programInput } from './fixtures.js';

describe('JSON snapshots', () => {
  test('money and multiples become digit strings, absent becomes null', () => {
    expect(toJson(eok(6300))).toBe('630000000000');
    expect(toJson(new Decimal('15.75'))).toBe('15.75');
    expect(toJson(undefined)).toBe(null);
    expect(toJson({ a: [new Decimal(1), 'x', true] })).toEqual({ a: ['1', 'x', true] });
  });

  test('snapshot leaves absent fields out; diffFields keeps only what changed', () => {
    const before = { a: eok(1), b: 'same', c: undefined as string | undefined };
    const after = { a: eok(2), b: 'same', c: 'new' };
    expect(snapshot(before, ['a', 'b', 'c'])).toEqual({ a: '100000000', b: 'same' });
    expect(diffFields(before, after, ['a', 'b', 'c'])).toEqual({
      before: { a: '100000000', c: null },
      after: { a: '200000000', c: 'new' },
    });
    expect(diffFields(before, { ...before, a: new Decimal('100000000.0') }, ['a', 'b'])).toBeUndefined();
  });

  test('fieldChanges lists each touched field', () => {
    const [event] = appendEvents(
      emptyState(),
      [
        {
          type: 'pledge.status',
          target: 'P1',
          before: { status: 'verbal' },
          after: { status: 'committed', signed: true },
        },
      ],
      ctx,
    ).events;
    if (!event) throw new Error('no event');
    expect(fieldChanges(event)).toEqual([
      { field: 'status', before: 'verbal', after: 'committed' },
      { field: 'signed', before: undefined, after: true },
    ]);
  });

  test('fieldChanges leaves out a field the snapshot carries unchanged', () => {
    const [event] = appendEvents(
      emptyState(),
      [
        {
          type: 'pledge.status',
          target: 'P1',
          before: { status: 'suspended', signed: false },
          after: { status: 'withdrawn', signed: false },
        },
      ],
      ctx,
    ).events;
    if (!event) throw new Error('no event');
    expect(fieldChanges(event)).toEqual([{ field: 'status', before: 'suspended', after: 'withdrawn' }]);
  });
});

describe('numbering', () => {
  test('events take consecutive ids from nextEvent, and the state moves past them', () => {
    const state = { ...emptyState(), nextEvent: 41 };
    const { state: next, events } = appendEvents(
      deepFreeze(state),
      [
        { type: 'access.granted', target: 'U0A', before: null, after: { role: 'editor' } },
        { type: 'access.granted', target: 'U0B', program: undefined, before: null, after: { role: 'admin' } },
      ],
      ctx,
    );
    expect(events.map((e) => e.id)).toEqual([41, 42]);
    expect(next.nextEvent).toBe(43);
    expect('program' in (events[1] ?? {})).toBe(false);
    for (const e of events) expect(EventSchema.safeEncode(e).success).toBe(true);
  });

  test('andThen chains two mutations into one change, or fails as a whole', () => {
    const both = changed(
      andThen(createProgram(emptyState(), programInput(), ctx), (state) =>
        recordPledge(
          state,
          {
            program: 'autos-hyundai',
            contributor: 'Hana Bank',
            kind: 'bank',
            amount: eok(300),
            status: 'paid',
          },
          ctx,
        ),
      ),
    );
    expect(both.events.map((e) => [e.id, e.type])).toEqual([
      [1, 'program.created'],
      [2, 'pledge.recorded'],
    ]);
    expect(both.value.id).toBe('P1');
    const failed = andThen(createProgram(emptyState(), programInput(), ctx), (state) =>
      recordPledge(
        state,
        { program: 'nope', contributor: 'X', kind: 'bank', amount: eok(1), status: 'paid' },
        ctx,
      ),
    );
    errorOf(failed, 'PROGRAM.UNKNOWN');
  });
});

describe('dates', () => {
  test.each([
    ['2025-12-31', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-1', false],
    ['tomorrow', false],
  ])('isIsoDate(%j) = %s', (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });

  test('checkIsoDate names the field', () => {
    expect(checkIsoDate(' 2025-12-31 ', 'due')).toEqual({ ok: true, value: '2025-12-31' });
    expect(errorOf(checkIsoDate('31.12.2025', 'due'), 'DATE.INVALID').details).toEqual({
      field: 'due',
      input: '31.12.2025',
    });
  });

  test('daysBetween and the date in Seoul', () => {
    expect(daysBetween('2025-12-17', '2025-12-31')).toBe(14);
    expect(daysBetween('2026-01-05', '2025-12-31')).toBe(-5);
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
    // 16:00 UTC on 31 December is already New Year's Day in Seoul.
    expect(isoDateIn(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(isoDateIn(new Date('2025-12-31T14:59:59Z'))).toBe('2025-12-31');
  });
});
