import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sectorCapacity } from '../../src/domain/capacity.js';
import { isoDateIn } from '../../src/domain/dates.js';
import { Decimal } from '../../src/domain/decimal.js';
import { confidentialNames } from '../../src/domain/digest.js';
import { memoFrozen, sameElements, setBounded } from '../../src/domain/memo.js';
import { pledgesByProgram, pledgesOf } from '../../src/domain/pledge-groups.js';
import { correctPledge, recordPledge, setPledgeStatus } from '../../src/domain/pledges.js';
import { createProgram, editProgram, setProgramStatus } from '../../src/domain/programs.js';
import { riskFlags } from '../../src/domain/risk.js';
import { findSector } from '../../src/domain/sectors.js';
import { overallStanding, programStanding, sectorStanding, standingOf } from '../../src/domain/standing.js';
import {
  CONTRIBUTOR_KINDS,
  emptyState,
  PLEDGE_STATUSES,
  PROGRAM_STATUSES,
  type State,
} from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, eok } from './fixtures.js';

/*
 * The caches of derived data (memo.ts, pledge-groups.ts, standing.ts) must never change an answer: for
 * random histories of small states, what a committed (frozen) state gives equals what the same data
 * gives uncached (arrays not frozen are always computed afresh).
 */

const SECTORS = ['autos', 'steel', 'retail'];
const NAMES = ['Hyundai', 'HYUNDAI', '(주)쿠팡', '쿠팡', 'Hana Bank', 'Shinhan', 'Kia Corp.'];
const TODAYS = ['2025-12-01', '2025-12-20'];

type Op =
  | { kind: 'pledge'; program: number; name: number; amount: number; status: number; contributor: number }
  | { kind: 'status'; pledge: number; to: number }
  | { kind: 'correct'; pledge: number; amount: number }
  | { kind: 'programStatus'; program: number; to: number }
  | { kind: 'edit'; program: number; sector: number; target: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('pledge' as const),
      program: fc.nat(9),
      name: fc.nat(NAMES.length - 1),
      amount: fc.integer({ min: 1, max: 5000 }),
      status: fc.nat(2),
      contributor: fc.nat(CONTRIBUTOR_KINDS.length - 1),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('status' as const), pledge: fc.nat(40), to: fc.nat(4) }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      pledge: fc.nat(40),
      amount: fc.integer({ min: 1, max: 5000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('programStatus' as const), program: fc.nat(9), to: fc.nat(4) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      program: fc.nat(9),
      sector: fc.nat(SECTORS.length - 1),
      target: fc.integer({ min: 1, max: 20_000 }),
    }),
    weight: 1,
  },
);

const initial = (programs: number): State => {
  let state = emptyState();
  for (let i = 0; i < programs; i++) {
    state = changed(
      createProgram(
        state,
        {
          sector: SECTORS[i % SECTORS.length] as string,
          slug: `p-${i}`,
          name: `Program ${i}`,
          target: eok(1000 * (i + 1)),
          multiple: new Decimal(10 + i),
          announceBy: '2025-12-24',
        },
        ctx,
      ),
    ).state;
  }
  return state;
};

const apply = (state: State, o: Op): State => {
  const pick = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
  const program = pick(
    state.programs,
    o.kind === 'pledge' || o.kind === 'programStatus' || o.kind === 'edit' ? o.program : 0,
  );
  const pledge = pick(state.pledges, o.kind === 'status' || o.kind === 'correct' ? o.pledge : 0);
  const result =
    o.kind === 'pledge' && program !== undefined
      ? recordPledge(
          state,
          {
            program: program.slug,
            contributor: NAMES[o.name] as string,
            kind: CONTRIBUTOR_KINDS[o.contributor] ?? 'corporation',
            amount: eok(o.amount),
            status: (['verbal', 'committed', 'paid'] as const)[o.status] ?? 'verbal',
          },
          ctx,
        )
      : o.kind === 'status' && pledge !== undefined
        ? setPledgeStatus(state, pledge.id, PLEDGE_STATUSES[o.to] as string, undefined, ctx)
        : o.kind === 'correct' && pledge !== undefined
          ? correctPledge(state, pledge.id, { amount: eok(o.amount) }, 'fix', ctx)
          : o.kind === 'programStatus' && program !== undefined
            ? setProgramStatus(state, program.slug, PROGRAM_STATUSES[o.to] as string, undefined, ctx)
            : o.kind === 'edit' && program !== undefined
              ? editProgram(
                  state,
                  program.slug,
                  { sector: SECTORS[o.sector] as string, target: eok(o.target) },
                  ctx,
                )
              : undefined;
  return result?.ok === true ? result.value.state : state;
};

/** The same data with arrays that are not frozen: never served from a cache. */
const uncached = (state: State): State => ({
  ...state,
  sectors: [...state.sectors],
  programs: [...state.programs],
  pledges: [...state.pledges],
});

const checkState = (state: State): void => {
  const plain = uncached(state);
  expect([...pledgesByProgram(state.pledges)]).toEqual([...pledgesByProgram(plain.pledges)]);
  for (const text of ['autos', '자동차', ' 철강 ', 'RETAIL', '유통', 'steel', 'nothing', '']) {
    expect(findSector(state, text)).toBe(findSector(plain, text));
  }
  for (const audience of [
    { role: 'viewer' },
    { role: 'editor' },
    { role: 'viewer', channelNames: true },
  ] as const) {
    expect(confidentialNames(state.pledges, audience)).toEqual(confidentialNames(plain.pledges, audience));
  }
  for (const today of TODAYS) {
    expect(standingOf(state, 'all', today)).toEqual(standingOf(plain, 'all', today));
    // Asked twice: the second answer comes from the caches.
    expect(overallStanding(state, today)).toEqual(overallStanding(plain, today));
    for (const sector of state.sectors) {
      const standing = sectorStanding(state, sector, today);
      expect(standing).toEqual(sectorStanding(plain, sector, today));
      expect(standing.capacity).toEqual(sectorCapacity(sector, plain.programs, plain.pledges));
    }
    for (const program of state.programs) {
      const standing = programStanding(state, program, today);
      expect(standing).toEqual(programStanding(plain, program, today));
      expect(standing.pledges).toEqual(pledgesOf(plain.pledges, program.slug));
      expect(standing.risks).toEqual(riskFlags(program, plain.pledges, today));
    }
  }
};

describe('memoized standings equal uncached ones', () => {
  test('over random histories, each committed state checked after every change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 30 }), (programs, ops) => {
        let state = deepFreeze(initial(programs));
        checkState(state);
        for (const o of ops) {
          state = deepFreeze(apply(state, o));
          checkState(state);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a committed state between two unrelated ones still groups its own pledges', () => {
    const a = deepFreeze(
      apply(
        apply(initial(3), { kind: 'pledge', program: 0, name: 0, amount: 5, status: 1, contributor: 0 }),
        { kind: 'pledge', program: 1, name: 1, amount: 7, status: 0, contributor: 0 },
      ),
    );
    const b = deepFreeze(
      apply(initial(2), { kind: 'pledge', program: 1, name: 2, amount: 9, status: 0, contributor: 1 }),
    );
    pledgesByProgram(a.pledges);
    expect([...pledgesByProgram(b.pledges)]).toEqual([...pledgesByProgram([...b.pledges])]);
    expect([...pledgesByProgram(a.pledges)]).toEqual([...pledgesByProgram([...a.pledges])]);
  });

  test('the groups of a committed state are frozen and shared; of a state in the making, fresh', () => {
    const state = deepFreeze(
      apply(initial(2), { kind: 'pledge', program: 0, name: 0, amount: 5, status: 1, contributor: 0 }),
    );
    const group = pledgesOf(state.pledges, 'p-0');
    expect(Object.isFrozen(group)).toBe(true);
    expect(pledgesOf(state.pledges, 'p-0')).toBe(group);
    expect(pledgesOf([...state.pledges], 'p-0')).not.toBe(group);
    expect(programStanding(state, state.programs[0] as never, TODAYS[0] as string)).toBe(
      programStanding(state, state.programs[0] as never, TODAYS[0] as string),
    );
  });
});

describe('memo helpers', () => {
  test('memoFrozen computes once per frozen key and every time for others', () => {
    let calls = 0;
    const length = memoFrozen((list: readonly number[]) => {
      calls++;
      return list.length;
    });
    const frozen = Object.freeze([1, 2]);
    expect([length(frozen), length(frozen)]).toEqual([2, 2]);
    expect(calls).toBe(1);
    const open = [1, 2, 3];
    expect(length(open)).toBe(3);
    open.push(4);
    expect(length(open)).toBe(4);
    expect(calls).toBe(3);
  });

  test('setBounded keeps the newest entries', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'b', 'd'].entries()) setBounded(map, key, i, 3);
    expect([...map]).toEqual([
      ['c', 2],
      ['b', 3],
      ['d', 4],
    ]);
  });

  test('sameElements compares by identity, in order', () => {
    const x = {};
    const y = {};
    expect(sameElements([x, y], [x, y])).toBe(true);
    expect(sameElements([x, y], [y, x])).toBe(false);
    expect(sameElements([x], [x, y])).toBe(false);
    expect(sameElements([{}], [{}])).toBe(false);
  });
});

describe('isoDateIn remembers the last second per time zone', () => {
  const fresh = (now: Date, timeZone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  const zones = ['Asia/Seoul', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Eucla', 'UTC'];
  /** The first instant of the local day holding `ms` in `zone` (found by bisection within ±14 h of UTC's). */
  const localMidnight = (ms: number, zone: string): number => {
    const day = fresh(new Date(ms), zone);
    let low = Date.parse(`${day}T00:00:00Z`) - 15 * 3_600_000;
    let high = Date.parse(`${day}T00:00:00Z`) + 15 * 3_600_000;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (fresh(new Date(mid), zone) < day) low = mid;
      else high = mid;
    }
    return high;
  };

  test('equals a fresh formatting, instants close to midnight and repeated in the same second included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
            fc.constantFrom(...zones),
            fc.integer({ min: -1500, max: 1500 }),
          ),
          { maxLength: 20 },
        ),
        (asks) => {
          for (const [base, zone, offset] of asks) {
            // Near the zone's local midnight: where a cache keyed too coarsely would go wrong.
            const midnight = localMidnight(base, zone);
            for (const ms of [base, midnight + offset, midnight - offset, midnight + offset + 1]) {
              for (const zoneAsked of [zone, 'Asia/Seoul']) {
                const now = new Date(ms);
                expect(isoDateIn(now, zoneAsked)).toBe(fresh(now, zoneAsked));
              }
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
