import { z } from 'zod';
import type { Change, Ctx } from '../src/domain/change.js';
import { Decimal } from '../src/domain/decimal.js';
import {
  allowedPledgeTransitions,
  correctPledge,
  recordPledge,
  setPledgeStatus,
} from '../src/domain/pledges.js';
import {
  allowedProgramTransitions,
  createProgram,
  editProgram,
  setProgramStatus,
} from '../src/domain/programs.js';
import type { Result } from '../src/domain/result.js';
import { KNOWN_SECTOR_ALIASES } from '../src/domain/sectors.js';
import {
  type ContributorKind,
  emptyState,
  type Pledge,
  type PledgeStatus,
  type ProgramStatus,
  type State,
  StateSchema,
  type WinwinEvent,
} from '../src/domain/types.js';
import { seededRng } from './prng.js';

export interface StoreSizes {
  readonly sectors: number;
  readonly programs: number;
  readonly pledges: number;
  /** All events, including one per program created and one per pledge recorded. */
  readonly events: number;
}

/** 100× a ministry's store (issue 6). */
export const FULL_SIZES: StoreSizes = { sectors: 20, programs: 200, pledges: 10_000, events: 100_000 };

/** Who acts in the generated history and in the bench: the servers get these as WINWIN_ADMINS / _EDITORS. */
export const BENCH_USERS = {
  admin: 'UBENCHADM1',
  editors: ['UBENCHED01', 'UBENCHED02', 'UBENCHED03', 'UBENCHED04', 'UBENCHED05'],
  viewer: 'UBENCHVW01',
} as const;

export interface GeneratedStore {
  readonly state: State;
  readonly events: WinwinEvent[];
}

const CORPORATIONS = [
  'Hyundai Motor & Kia',
  'HL Group',
  'POSCO',
  'HD Hyundai Heavy Industries',
  'Samsung Electronics',
  'SK hynix',
  'LG Energy Solution',
  'Lotte Shopping',
  'Naver',
  'Kakao',
  'Amorepacific',
  'Hanwha Aerospace',
  'CJ CheilJedang',
  'GS Caltex',
  '삼성중공업',
  '한화오션',
];
const BANKS = [
  'Hana Bank',
  'IBK (Industrial Bank of Korea)',
  'KB Kookmin Bank',
  'Shinhan Bank',
  'Woori Bank',
  'NH NongHyup Bank',
  '산업은행',
];
const PUBLIC_BODIES = ['KODIT', 'Korea Eximbank', '기술보증기금'];
const MULTIPLES = ['10', '12.5', '14.285715', '15.75', '17.7', '20'];

const 억 = (n: number): Decimal => new Decimal(n).times(1e8);

const sectorNames = (count: number): string[] => {
  const known = Object.keys(KNOWN_SECTOR_ALIASES);
  return Array.from({ length: count }, (_, i) => known[i] ?? `sector-${i + 1}`);
};

/**
 * Builds a store of the given sizes from a seed, by running the real domain mutations (createProgram,
 * recordPledge, setPledgeStatus, correctPledge, editProgram, setProgramStatus), so every record and
 * event is one the app itself could have written. Each pledge mutation runs on a state holding only
 * that pledge (the mutations are pure and only look at the pledge they change), which keeps building
 * 100,000 events linear instead of copying 10,000 pledges per event.
 */
export const generateStore = (sizes: StoreSizes, seed = 20251104): GeneratedStore => {
  if (sizes.sectors < 1 || sizes.programs < sizes.sectors) throw new Error('need programs ≥ sectors ≥ 1');
  if (sizes.events < sizes.programs + sizes.pledges) throw new Error('need events ≥ programs + pledges');
  const rng = seededRng(seed);
  const actors = [BENCH_USERS.admin, ...BENCH_USERS.editors];
  let clock = Date.parse('2024-03-01T00:00:00Z');
  const ctx = (): Ctx => {
    clock += rng.int(1, 300) * 1000;
    return { actor: rng.pick(actors), now: new Date(clock) };
  };

  // Everything but the pledges, which live in `pledges` (index = id - 1) while building.
  let base: State = emptyState();
  const pledges: Pledge[] = [];
  const events: WinwinEvent[] = [];
  const apply = <T>(result: Result<Change<T>>, what: string): Change<T> => {
    if (!result.ok)
      throw new Error(`generator: ${what}: ${result.error.code} ${JSON.stringify(result.error.details)}`);
    events.push(...result.value.events);
    return result.value;
  };
  const onPledge = (
    index: number,
    what: string,
    mutation: (state: State, pledge: Pledge) => Result<Change<Pledge>>,
  ): void => {
    const pledge = pledges[index] as Pledge;
    const change = apply(mutation({ ...base, pledges: [pledge] }, pledge), what);
    pledges[index] = change.value;
    base = { ...change.state, pledges: [] };
  };

  const sectors = sectorNames(sizes.sectors);
  for (let i = 0; i < sizes.programs; i++) {
    const sector = sectors[i % sectors.length] as string;
    const corporation = rng.pick(CORPORATIONS);
    const bank = rng.pick(BANKS);
    const target = 억(rng.int(1, 100) * 100);
    const change = apply(
      createProgram(
        base,
        {
          sector,
          slug: `${sector}-${i + 1}`,
          name: `${corporation} + ${bank} win-win guarantee ${i + 1}`,
          target,
          ...(rng.chance(0.1) ? { operating: target.times('0.885').toDecimalPlaces(0) } : {}),
          multiple: new Decimal(rng.pick(MULTIPLES)),
          status: rng.pick<ProgramStatus>(['negotiating', 'announced', 'announced', 'launched', 'launched']),
          ...(rng.chance(0.3) ? { announceBy: `2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}` } : {}),
          ...(rng.chance(0.5)
            ? { terms: `Loan-rate cut up to ${rng.int(1, 30) / 10}%p; guarantee fee 1% → 0.7%.` }
            : {}),
        },
        ctx(),
      ),
      'create program',
    );
    base = change.state;
  }

  const recordOne = (): void => {
    const open = base.programs.filter((p) => p.status !== 'closed');
    const program = rng.pick(open.length > 0 ? open : base.programs);
    const roll = rng.next();
    const kind: ContributorKind = roll < 0.6 ? 'corporation' : roll < 0.9 ? 'bank' : 'public';
    const contributor =
      kind === 'corporation'
        ? rng.pick(CORPORATIONS)
        : kind === 'bank'
          ? rng.pick(BANKS)
          : rng.pick(PUBLIC_BODIES);
    const change = apply(
      recordPledge(
        base,
        {
          program: program.slug,
          contributor,
          kind,
          amount: rng.chance(0.8) ? 억(rng.int(1, 500)) : new Decimal(rng.int(1, 99_999)).times(1e6),
          status: rng.pick(['verbal', 'verbal', 'committed', 'committed', 'paid'] as const),
          ...(rng.chance(0.3) ? { due: `2026-${String(rng.int(1, 12)).padStart(2, '0')}-28` } : {}),
          ...(rng.chance(0.2) ? { note: `Agreement (업무협약) ref ${rng.int(1000, 9999)}` } : {}),
        },
        ctx(),
      ),
      'record pledge',
    );
    pledges.push(change.value);
    base = { ...change.state, pledges: [] };
  };

  const nextPledgeStatus = (pledge: Pledge): PledgeStatus | undefined => {
    const allowed = allowedPledgeTransitions(pledge);
    if (allowed.length === 0) return undefined;
    const roll = rng.next();
    // Mostly forward (verbal → committed → paid, suspended → resumed); now and then a halt or a withdrawal.
    if (roll < 0.85) return allowed[0];
    return roll < 0.96 && allowed.includes('suspended') ? 'suspended' : allowed.at(-1);
  };

  const changeOne = (n: number): void => {
    const roll = rng.next();
    if (roll < 0.01) {
      const program = rng.pick(base.programs);
      // Forward or back from a hold; holds are short and closing is rare (a closed program takes no pledges).
      const [first, ...others] = allowedProgramTransitions(program);
      const to =
        first === 'on_hold'
          ? rng.chance(0.1)
            ? first
            : undefined
          : rng.chance(0.98)
            ? first
            : others.at(-1);
      if (to !== undefined) {
        base = apply(
          setProgramStatus(base, program.slug, to, `Decided at meeting ${n}`, ctx()),
          'program status',
        ).state;
        return;
      }
    }
    if (roll < 0.12) {
      const program = rng.pick(base.programs);
      base = apply(
        editProgram(base, program.slug, { note: `Follow-up talks, round ${n}.` }, ctx()),
        'edit program',
      ).state;
      return;
    }
    const index = rng.int(0, pledges.length - 1);
    const to = roll < 0.5 ? nextPledgeStatus(pledges[index] as Pledge) : undefined;
    if (to !== undefined) {
      onPledge(index, 'pledge status', (state, p) => setPledgeStatus(state, p.id, to, undefined, ctx()));
    } else if (rng.chance(0.7)) {
      onPledge(index, 'correct note', (state, p) =>
        correctPledge(state, p.id, { note: `Confirmed by phone, call ${n}.` }, 'Call notes', ctx()),
      );
    } else {
      onPledge(index, 'correct amount', (state, p) =>
        correctPledge(state, p.id, { amount: p.amount.plus(억(1)) }, 'Board raised the grant', ctx()),
      );
    }
  };

  // After the programs, records and changes interleave; each remaining slot is a record with the
  // probability that spreads the records evenly, so the counts come out exact.
  let slots = sizes.events - sizes.programs;
  let toRecord = sizes.pledges;
  for (let n = 1; slots > 0; n++, slots--) {
    if (toRecord > 0 && (pledges.length === 0 || rng.next() < toRecord / slots)) {
      recordOne();
      toRecord--;
    } else {
      changeOne(n);
    }
  }

  const state: State = { ...base, pledges };
  z.encode(StateSchema, state);
  if (events.length !== sizes.events)
    throw new Error(`generator: ${events.length} events, wanted ${sizes.events}`);
  return { state, events };
};
