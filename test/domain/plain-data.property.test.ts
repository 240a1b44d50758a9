import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createDerived } from '../../src/derived.js';
import { sectorCapacity } from '../../src/domain/capacity.js';
import { isoDateIn, zoneOf } from '../../src/domain/dates.js';
import { Decimal } from '../../src/domain/decimal.js';
import { confidentialNames } from '../../src/domain/digest.js';
import { pledgesByProgram, pledgesOf } from '../../src/domain/pledge-groups.js';
import { correctPledge, recordPledge, setPledgeStatus } from '../../src/domain/pledges.js';
import { createProgram, editProgram, setProgramStatus } from '../../src/domain/programs.js';
import { ok } from '../../src/domain/result.js';
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
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { changed, ctx, eok } from './fixtures.js';

/*
 * The domain remembers nothing: its functions are plain functions of their arguments. For random
 * histories committed through a real store, what the shell gets through the store's snapshots (and
 * src/derived.ts, which remembers derived data by revision) equals what the domain gives for the same
 * data built as plain, unfrozen objects, as tests and the console build them.
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

/** A deep copy of plain, unfrozen objects (Decimals copied as Decimals): nothing the store made. */
const thaw = <T>(value: T): T => {
  if (value instanceof Decimal) return new Decimal(value) as T;
  if (Array.isArray(value)) return value.map(thaw) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, thaw(v)])) as T;
  }
  return value;
};

const AUDIENCES = [{ role: 'viewer' }, { role: 'editor' }, { role: 'viewer', channelNames: true }] as const;

/** Everything derived from the store's snapshot equals what the domain gives for a plain copy of it. */
const checkStore = (store: Store, derived: ReturnType<typeof createDerived>): void => {
  const snapshot = store.snapshot();
  const { state } = snapshot;
  const plain = thaw(state);
  expect(Object.isFrozen(plain.pledges)).toBe(false);
  expect(plain).toEqual(state);
  expect([...derived.pledgeGroups(snapshot)]).toEqual([...pledgesByProgram(plain.pledges)]);
  for (const text of ['autos', '자동차', ' 철강 ', 'RETAIL', '유통', 'steel', 'nothing', '']) {
    expect(findSector(state, text)).toEqual(findSector(plain, text));
  }
  for (const audience of AUDIENCES) {
    expect(derived.confidentialNames(snapshot, audience)).toEqual(confidentialNames(plain.pledges, audience));
  }
  for (const today of TODAYS) {
    expect(derived.standing(snapshot, 'all', today)).toEqual(standingOf(plain, 'all', today));
    // Asked twice: the second answer is the one remembered for the revision.
    expect(derived.overall(snapshot, today)).toEqual(overallStanding(plain, today));
    expect(overallStanding(state, today)).toEqual(overallStanding(plain, today));
    for (const sector of plain.sectors) {
      const standing = sectorStanding(plain, sector, today);
      const through = derived.standing(snapshot, { kind: 'sector', sector, programs: [] }, today);
      expect(through.kind === 'sector' && through.sector).toEqual(standing);
      expect(standing.capacity).toEqual(sectorCapacity(sector, state.programs, state.pledges));
    }
    for (const program of plain.programs) {
      const standing = programStanding(plain, program, today);
      const sector = { name: program.sector };
      const through = derived.standing(
        snapshot,
        { kind: 'program', program, sector, viaSector: false },
        today,
      );
      expect(through.kind === 'program' && through.program).toEqual(standing);
      expect(standing.pledges).toEqual(pledgesOf(state.pledges, program.slug));
      expect(standing.risks).toEqual(riskFlags(program, plain.pledges, today));
    }
  }
};

/** A store in a fresh temp folder holding `state`; removed after `use`. */
const withStore = async (state: State, use: (store: Store) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-plain-'));
  const store = await openStore(path.join(dir, 'winwin.json'));
  try {
    await store.replaceAll(state, []);
    await use(store);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
};

describe('domain functions on plain data answer as the store and its derived data do', () => {
  test('over random histories committed through a real store, checked after every commit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 15 }), (programs, ops) =>
        withStore(initial(programs), async (store) => {
          const derived = createDerived(store);
          checkStore(store, derived);
          for (const o of ops) {
            await store.mutate((state) => ok({ state: apply(state, o), events: [], value: undefined }));
            checkStore(store, derived);
          }
        }),
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('isoDateIn with a zone made once equals a fresh formatting', () => {
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

  test('by name and by zone, instants close to midnight included', () => {
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
                expect(isoDateIn(now, zoneOf(zoneAsked))).toBe(fresh(now, zoneAsked));
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
