import { type ProgramCapacity, programCapacity, type SectorCapacity, sectorRollup } from './capacity.js';
import { memoFrozen, sameElements, setBounded } from './memo.js';
import { type PledgeGroups, pledgesByProgram, pledgesOf } from './pledge-groups.js';
import { programRiskFlags, type RiskFlag, type RiskOptions } from './risk.js';
import type { ResolvedTarget } from './targets.js';
import {
  PLEDGE_STATUSES,
  type Pledge,
  type PledgeStatus,
  type Program,
  type Sector,
  type State,
  type WinwinEvent,
} from './types.js';

/** A program's pledges grouped by status, each group in the order the pledges were recorded. */
export type PledgesByStatus = Readonly<Record<PledgeStatus, readonly Pledge[]>>;

/** Where one program stands on a day: everything a status, home or digest view needs. Data only. */
export interface ProgramStanding {
  readonly program: Program;
  readonly sector: Sector;
  /** Every pledge of the program, in the order recorded. */
  readonly pledges: readonly Pledge[];
  readonly byStatus: PledgesByStatus;
  readonly capacity: ProgramCapacity;
  readonly risks: readonly RiskFlag[];
}

/** A program's risk flag tagged with the program's slug (sector rollups). */
export interface TaggedRisk {
  readonly program: string;
  readonly flag: RiskFlag;
}

/**
 * Where a sector stands: each of its programs (closed ones included, so views can list them) and the
 * rollup (closed programs left out of the totals, see sectorCapacity).
 */
export interface SectorStanding {
  readonly sector: Sector;
  /** Every program of the sector, in the order created, closed ones too. */
  readonly programs: readonly ProgramStanding[];
  readonly capacity: SectorCapacity;
  readonly risks: readonly TaggedRisk[];
}

/**
 * The standing of what a command named. `lastChange` is the newest event of the target: events live in
 * the store, not the state, so the caller passes it in (store.recentEvents(1, filter)).
 */
export type Standing =
  | {
      readonly kind: 'program';
      readonly today: string;
      readonly program: ProgramStanding;
      /** Reached through a sector that has only this program. */
      readonly viaSector: boolean;
      readonly lastChange?: WinwinEvent;
    }
  | {
      readonly kind: 'sector';
      readonly today: string;
      readonly sector: SectorStanding;
      readonly lastChange?: WinwinEvent;
    }
  | {
      readonly kind: 'all';
      readonly today: string;
      /** Every sector, in state order. */
      readonly sectors: readonly SectorStanding[];
      readonly lastChange?: WinwinEvent;
    };

export interface StandingOptions {
  readonly lastChange?: WinwinEvent;
  readonly risk?: RiskOptions;
}

const groupByStatus = (pledges: readonly Pledge[]): PledgesByStatus => {
  const groups = Object.fromEntries(PLEDGE_STATUSES.map((s) => [s, [] as Pledge[]])) as Record<
    PledgeStatus,
    Pledge[]
  >;
  for (const p of pledges) groups[p.status].push(p);
  return groups;
};

const sectorOf = (state: State, name: string): Sector =>
  state.sectors.find((s) => s.name === name) ?? { name };

const NONE: readonly Pledge[] = Object.freeze([]);

/*
 * Standings are remembered per committed (frozen) input, see memo.ts, and only with the default risk
 * options (every caller's): a status, home or digest view between two commits computes nothing, and
 * the first one after a commit recomputes only the programs whose pledges, record or sector changed.
 */

const defaultRisk = (risk: RiskOptions): boolean =>
  risk.withinDays === undefined && risk.concentrationShare === undefined && risk.multipleLimit === undefined;

/** A committed state: frozen, and so are the arrays it holds. */
const committed = (state: State): boolean =>
  Object.isFrozen(state) &&
  Object.isFrozen(state.pledges) &&
  Object.isFrozen(state.programs) &&
  Object.isFrozen(state.sectors);

const computeProgram = (
  program: Program,
  sector: Sector,
  pledges: readonly Pledge[],
  today: string,
  risk: RiskOptions,
): ProgramStanding => {
  const capacity = programCapacity(program, pledges);
  return {
    program,
    sector,
    pledges,
    byStatus: groupByStatus(pledges),
    capacity,
    risks: programRiskFlags(program, pledges, capacity, today, risk),
  };
};

interface ProgramEntry {
  readonly sector: Sector;
  readonly pledges: readonly Pledge[];
  readonly today: string;
  readonly standing: ProgramStanding;
}
/** Per program record: the last standings computed, with what they were computed from. */
const programCache = new WeakMap<Program, readonly ProgramEntry[]>();
const ENTRIES_PER_PROGRAM = 2;

/** `pledges` are the program's own, in the order recorded. */
const standingWith = (
  state: State,
  program: Program,
  pledges: readonly Pledge[],
  today: string,
  risk: RiskOptions,
): ProgramStanding => {
  const sector = sectorOf(state, program.sector);
  const cacheable =
    defaultRisk(risk) && Object.isFrozen(program) && Object.isFrozen(pledges) && Object.isFrozen(sector);
  if (!cacheable) return computeProgram(program, sector, pledges, today, risk);
  const entries = programCache.get(program) ?? [];
  const hit = entries.find((e) => e.sector === sector && e.pledges === pledges && e.today === today);
  if (hit !== undefined) return hit.standing;
  const standing = computeProgram(program, sector, pledges, today, risk);
  programCache.set(program, [{ sector, pledges, today, standing }, ...entries].slice(0, ENTRIES_PER_PROGRAM));
  return standing;
};

/** Each sector's programs, in the order created. */
const programsBySector = memoFrozen((programs: readonly Program[]): ReadonlyMap<string, Program[]> => {
  const bySector = new Map<string, Program[]>();
  for (const p of programs) {
    const list = bySector.get(p.sector);
    if (list === undefined) bySector.set(p.sector, [p]);
    else list.push(p);
  }
  return bySector;
});

interface SectorEntry {
  readonly programs: readonly ProgramStanding[];
  readonly standing: SectorStanding;
}
/** Per sector record: the last rollup, with the program standings it was made from. */
const sectorCache = new WeakMap<Sector, SectorEntry>();

const sectorWith = (
  state: State,
  sector: Sector,
  grouped: PledgeGroups,
  today: string,
  risk: RiskOptions,
): SectorStanding => {
  const programs = (programsBySector(state.programs).get(sector.name) ?? []).map((p) =>
    standingWith(state, p, grouped.get(p.slug) ?? NONE, today, risk),
  );
  const cacheable = Object.isFrozen(sector);
  const cached = cacheable ? sectorCache.get(sector) : undefined;
  if (cached !== undefined && sameElements(cached.programs, programs)) return cached.standing;
  const standing: SectorStanding = {
    sector,
    programs,
    // Closed programs are listed but left out of the totals (as sectorCapacity does).
    capacity: sectorRollup(
      sector,
      programs.filter((p) => p.program.status !== 'closed').map((p) => p.capacity),
      programs.filter((p) => p.program.status === 'closed').map((p) => p.program.slug),
    ),
    risks: programs.flatMap((p) => p.risks.map((flag) => ({ program: p.program.slug, flag }))),
  };
  if (cacheable) sectorCache.set(sector, { programs, standing });
  return standing;
};

/** One program on `today` (YYYY-MM-DD in the ministry's time zone). */
export const programStanding = (
  state: State,
  program: Program,
  today: string,
  risk: RiskOptions = {},
): ProgramStanding => standingWith(state, program, pledgesOf(state.pledges, program.slug), today, risk);

/** One sector on `today`: its programs and the rollup. */
export const sectorStanding = (
  state: State,
  sector: Sector,
  today: string,
  risk: RiskOptions = {},
): SectorStanding => sectorWith(state, sector, pledgesByProgram(state.pledges), today, risk);

/** Per committed state: every sector's standing, by day. */
const overallCache = new WeakMap<State, Map<string, readonly SectorStanding[]>>();

/** Every sector on `today`, in state order. */
export const overallStanding = (state: State, today: string, risk: RiskOptions = {}): SectorStanding[] => {
  const compute = (): SectorStanding[] => {
    const grouped = pledgesByProgram(state.pledges);
    return state.sectors.map((s) => sectorWith(state, s, grouped, today, risk));
  };
  if (!defaultRisk(risk) || !committed(state)) return compute();
  let byDay = overallCache.get(state);
  if (byDay === undefined) {
    byDay = new Map();
    overallCache.set(state, byDay);
  }
  const sectors = byDay.get(today) ?? setBounded(byDay, today, compute(), 2);
  return [...sectors];
};

/**
 * The standing of a resolved target, or of every sector for 'all'. Programs and sectors are looked up
 * again in `state` by slug or name, so a target resolved on an older state shows today's figures.
 */
export const standingOf = (
  state: State,
  target: ResolvedTarget | 'all',
  today: string,
  opts: StandingOptions = {},
): Standing => {
  const last = opts.lastChange === undefined ? {} : { lastChange: opts.lastChange };
  if (target === 'all') {
    return { kind: 'all', today, sectors: overallStanding(state, today, opts.risk), ...last };
  }
  if (target.kind === 'program') {
    const program = state.programs.find((p) => p.slug === target.program.slug) ?? target.program;
    return {
      kind: 'program',
      today,
      program: programStanding(state, program, today, opts.risk),
      viaSector: target.viaSector,
      ...last,
    };
  }
  const sector = state.sectors.find((s) => s.name === target.sector.name) ?? target.sector;
  return { kind: 'sector', today, sector: sectorStanding(state, sector, today, opts.risk), ...last };
};
