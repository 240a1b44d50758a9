import { type ProgramCapacity, programCapacity, type SectorCapacity, sectorCapacity } from './capacity.js';
import { programPledges } from './pledges.js';
import { type RiskFlag, type RiskOptions, riskFlags } from './risk.js';
import { sectorPrograms } from './sectors.js';
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

/** The pledges of each program, in the order recorded: one pass over every pledge. */
const pledgesByProgram = (state: State): Map<string, Pledge[]> => {
  const groups = new Map<string, Pledge[]>();
  for (const p of state.pledges) {
    const group = groups.get(p.program);
    if (group === undefined) groups.set(p.program, [p]);
    else group.push(p);
  }
  return groups;
};

const standingWith = (
  state: State,
  program: Program,
  pledges: readonly Pledge[],
  today: string,
  risk: RiskOptions,
): ProgramStanding => ({
  program,
  sector: sectorOf(state, program.sector),
  pledges,
  byStatus: groupByStatus(pledges),
  capacity: programCapacity(program, pledges),
  risks: riskFlags(program, pledges, today, risk),
});

const sectorWith = (
  state: State,
  sector: Sector,
  grouped: ReadonlyMap<string, Pledge[]>,
  today: string,
  risk: RiskOptions,
): SectorStanding => {
  const programs = sectorPrograms(state, sector.name).map((p) =>
    standingWith(state, p, grouped.get(p.slug) ?? [], today, risk),
  );
  return {
    sector,
    programs,
    capacity: sectorCapacity(
      sector,
      programs.map((p) => p.program),
      programs.flatMap((p) => p.pledges),
    ),
    risks: programs.flatMap((p) => p.risks.map((flag) => ({ program: p.program.slug, flag }))),
  };
};

/** One program on `today` (YYYY-MM-DD in the ministry's time zone). */
export const programStanding = (
  state: State,
  program: Program,
  today: string,
  risk: RiskOptions = {},
): ProgramStanding => standingWith(state, program, programPledges(state, program.slug), today, risk);

/** One sector on `today`: its programs and the rollup. */
export const sectorStanding = (
  state: State,
  sector: Sector,
  today: string,
  risk: RiskOptions = {},
): SectorStanding => sectorWith(state, sector, pledgesByProgram(state), today, risk);

/** Every sector on `today`, in state order. */
export const overallStanding = (state: State, today: string, risk: RiskOptions = {}): SectorStanding[] => {
  const grouped = pledgesByProgram(state);
  return state.sectors.map((s) => sectorWith(state, s, grouped, today, risk));
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
