import { type ProgramCapacity, programCapacity, type SectorCapacity, sectorRollup } from './capacity.js';
import { type GuaranteeGroups, guaranteesByProgram, guaranteesOf } from './guarantees.js';
import { type PledgeGroups, pledgesByProgram, pledgesOf } from './pledge-groups.js';
import { programRiskFlags, type RiskFlag, type RiskOptions } from './risk.js';
import type { ResolvedTarget } from './targets.js';
import { contributorKeys } from './text.js';
import {
  type Guarantee,
  PLEDGE_STATUSES,
  type Pledge,
  type PledgeStatus,
  type Program,
  type Sector,
  type State,
  type WinwinEvent,
} from './types.js';
import {
  type ProgramUtilization,
  programUtilization,
  type SectorUtilization,
  sectorUtilization,
} from './utilization.js';

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
  /** The program's guarantees, in the order recorded. */
  readonly guarantees: readonly Guarantee[];
  readonly utilization: ProgramUtilization;
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
  /** Closed programs left out, as in `capacity`. */
  readonly utilization: SectorUtilization;
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
  /** `pledgesByProgram(state.pledges)`, when the caller has it already (the shell keeps it per revision). */
  readonly groups?: PledgeGroups;
  /** `guaranteesByProgram(state.guarantees)`, likewise. */
  readonly guaranteeGroups?: GuaranteeGroups;
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
const NO_GUARANTEES: readonly Guarantee[] = Object.freeze([]);

/**
 * One program's standing from its own pledges and guarantees (in the order recorded) and its sector:
 * what programStanding computes once it has picked them out of a state.
 */
export const programStandingWith = (
  program: Program,
  sector: Sector,
  pledges: readonly Pledge[],
  guarantees: readonly Guarantee[],
  today: string,
  risk: RiskOptions,
): ProgramStanding => {
  const capacity = programCapacity(program, pledges);
  // Paid-in money (payments; a paid pledge without any counts in full) backs usable capacity.
  const utilization = programUtilization(program, guarantees, capacity.paidIn);
  return {
    program,
    sector,
    pledges,
    byStatus: groupByStatus(pledges),
    capacity,
    guarantees,
    utilization,
    risks: programRiskFlags(program, pledges, capacity, today, risk, utilization),
  };
};

/** `mine` are the sector's programs, in the order created. */
const sectorWith = (
  sector: Sector,
  mine: readonly Program[],
  grouped: PledgeGroups,
  guaranteed: GuaranteeGroups,
  today: string,
  risk: RiskOptions,
): SectorStanding =>
  sectorStandingOf(
    sector,
    mine.map((p) =>
      programStandingWith(
        p,
        sector,
        grouped.get(p.slug) ?? NONE,
        guaranteed.get(p.slug) ?? NO_GUARANTEES,
        today,
        risk,
      ),
    ),
  );

/** A sector's standing from the standings of its programs (in the order created, closed ones too). */
export const sectorStandingOf = (sector: Sector, programs: readonly ProgramStanding[]): SectorStanding => {
  const counted = programs.filter((p) => p.program.status !== 'closed');
  return {
    sector,
    programs,
    // Closed programs are listed but left out of the totals (as sectorCapacity does).
    capacity: sectorRollup(
      sector,
      counted.map((p) => p.capacity),
      programs.filter((p) => p.program.status === 'closed').map((p) => p.program.slug),
    ),
    utilization: sectorUtilization(
      sector.name,
      counted.map((p) => p.utilization),
    ),
    risks: programs.flatMap((p) => p.risks.map((flag) => ({ program: p.program.slug, flag }))),
  };
};

/** Names repeat across programs: one memo of their keys for a whole computation. */
const shareKeys = (risk: RiskOptions): RiskOptions => ({ contributorKey: contributorKeys(), ...risk });

/**
 * One program on `today` (YYYY-MM-DD in the ministry's time zone). `groups`: the state's pledges by
 * program, when the caller has them (otherwise the program's are picked out of every pledge).
 */
export const programStanding = (
  state: State,
  program: Program,
  today: string,
  risk: RiskOptions = {},
  groups?: PledgeGroups,
  guaranteeGroups?: GuaranteeGroups,
): ProgramStanding =>
  programStandingWith(
    program,
    sectorOf(state, program.sector),
    groups === undefined ? pledgesOf(state.pledges, program.slug) : (groups.get(program.slug) ?? NONE),
    guaranteeGroups === undefined
      ? guaranteesOf(state).filter((g) => g.program === program.slug)
      : (guaranteeGroups.get(program.slug) ?? NO_GUARANTEES),
    today,
    risk,
  );

/** One sector on `today`: its programs and the rollup. */
export const sectorStanding = (
  state: State,
  sector: Sector,
  today: string,
  risk: RiskOptions = {},
  groups: PledgeGroups = pledgesByProgram(state.pledges),
  guaranteeGroups: GuaranteeGroups = guaranteesByProgram(guaranteesOf(state)),
): SectorStanding =>
  sectorWith(
    sector,
    state.programs.filter((p) => p.sector === sector.name),
    groups,
    guaranteeGroups,
    today,
    shareKeys(risk),
  );

/** Every sector on `today`, in state order. */
export const overallStanding = (
  state: State,
  today: string,
  risk: RiskOptions = {},
  groups: PledgeGroups = pledgesByProgram(state.pledges),
  guaranteeGroups: GuaranteeGroups = guaranteesByProgram(guaranteesOf(state)),
): SectorStanding[] => {
  // Each sector's programs, in the order created, from one pass over the programs.
  const bySector = new Map<string, Program[]>();
  for (const p of state.programs) {
    const list = bySector.get(p.sector);
    if (list === undefined) bySector.set(p.sector, [p]);
    else list.push(p);
  }
  const shared = shareKeys(risk);
  return state.sectors.map((s) =>
    sectorWith(s, bySector.get(s.name) ?? [], groups, guaranteeGroups, today, shared),
  );
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
    return {
      kind: 'all',
      today,
      sectors: overallStanding(state, today, opts.risk, opts.groups, opts.guaranteeGroups),
      ...last,
    };
  }
  if (target.kind === 'program') {
    const program = state.programs.find((p) => p.slug === target.program.slug) ?? target.program;
    return {
      kind: 'program',
      today,
      program: programStanding(state, program, today, opts.risk, opts.groups, opts.guaranteeGroups),
      viaSector: target.viaSector,
      ...last,
    };
  }
  const sector = state.sectors.find((s) => s.name === target.sector.name) ?? target.sector;
  return {
    kind: 'sector',
    today,
    sector: sectorStanding(state, sector, today, opts.risk, opts.groups, opts.guaranteeGroups),
    ...last,
  };
};
