import { capacityOf } from './capacity.js';
import { daysBetween } from './dates.js';
import { Decimal } from './decimal.js';
import { contributorKey } from './text.js';
import type { Guarantee, Program, Won } from './types.js';

/**
 * How much of a program's capacity its guarantees use. Issued counts every guarantee except cancelled
 * ones (a cancelled guarantee never took effect); outstanding is what is active. Utilization is
 * outstanding ÷ the operating capacity, or ÷ the headline target when there is no operating figure.
 */
export interface UtilizationFigures {
  /** Guarantees issued (not cancelled). */
  readonly count: number;
  readonly issued: Won;
  /** Distinct suppliers among the issued guarantees. */
  readonly suppliers: number;
  /** Active guarantees. */
  readonly activeCount: number;
  readonly outstanding: Won;
  /** The capacity utilization is measured against: operating, else the headline target. */
  readonly capacity: Won;
  /** outstanding ÷ capacity (0 when capacity is 0). */
  readonly utilization: Decimal;
  /** max(0, capacity − outstanding). */
  readonly remaining: Won;
  /** The capacity that contributions already paid in back: paid-in × multiple, rounded down. */
  readonly paidInCapacity: Won;
  /** max(0, paidInCapacity − outstanding): what K-sure can still guarantee on money in the fund. */
  readonly remainingPaidIn: Won;
}

export interface ProgramUtilization extends UtilizationFigures {
  readonly program: string;
  /** 'operating' when the program has an operating figure, else 'headline'. */
  readonly basis: 'operating' | 'headline';
  /** The day the program launched: its launchedOn, else its first guarantee's date. */
  readonly launchedOn?: string;
  /** contributorKey of each distinct supplier, for rollups. */
  readonly supplierKeys: readonly string[];
}

export interface SectorUtilization extends UtilizationFigures {
  readonly sector: string;
  readonly programs: readonly ProgramUtilization[];
}

const ZERO = new Decimal(0);
const positive = (value: Won): Won => Decimal.max(ZERO, value);
const ratio = (part: Won, whole: Won): Decimal => (whole.isZero() ? ZERO : part.div(whole));

/**
 * One program's utilization. `guarantees` may hold every guarantee: only the program's count. `paid` is
 * the money paid into the fund for the program (whole won: its payments, see capacity's paidIn).
 */
export const programUtilization = (
  program: Program,
  guarantees: readonly Guarantee[],
  paid: Won,
): ProgramUtilization => {
  let count = 0;
  let activeCount = 0;
  let issued = ZERO;
  let outstanding = ZERO;
  let first: string | undefined;
  const keys = new Set<string>();
  for (const g of guarantees) {
    if (g.program !== program.slug || g.status === 'cancelled') continue;
    count += 1;
    issued = issued.plus(g.amount);
    keys.add(contributorKey(g.supplier));
    if (first === undefined || g.issuedOn < first) first = g.issuedOn;
    if (g.status === 'active') {
      activeCount += 1;
      outstanding = outstanding.plus(g.amount);
    }
  }
  const capacity = program.operating ?? program.target;
  const paidInCapacity = capacityOf(paid, program.multiple);
  const launchedOn = program.launchedOn ?? first;
  return {
    program: program.slug,
    basis: program.operating === undefined ? 'headline' : 'operating',
    ...(launchedOn === undefined ? {} : { launchedOn }),
    supplierKeys: [...keys],
    count,
    issued,
    suppliers: keys.size,
    activeCount,
    outstanding,
    capacity,
    utilization: ratio(outstanding, capacity),
    remaining: positive(capacity.minus(outstanding)),
    paidInCapacity,
    remainingPaidIn: positive(paidInCapacity.minus(outstanding)),
  };
};

/**
 * A sector's programs' utilization summed (the caller leaves closed programs out). Suppliers are the
 * distinct suppliers across the sector; remaining capacities are sums of the programs' own, since one
 * program's spare capacity cannot back another's guarantees.
 */
export const sectorUtilization = (
  sector: string,
  programs: readonly ProgramUtilization[],
): SectorUtilization => {
  const total = (pick: (u: ProgramUtilization) => Won): Won =>
    programs.reduce((a, u) => a.plus(pick(u)), ZERO);
  const keys = new Set(programs.flatMap((u) => u.supplierKeys));
  const outstanding = total((u) => u.outstanding);
  const capacity = total((u) => u.capacity);
  return {
    sector,
    programs,
    count: programs.reduce((a, u) => a + u.count, 0),
    issued: total((u) => u.issued),
    suppliers: keys.size,
    activeCount: programs.reduce((a, u) => a + u.activeCount, 0),
    outstanding,
    capacity,
    utilization: ratio(outstanding, capacity),
    remaining: total((u) => u.remaining),
    paidInCapacity: total((u) => u.paidInCapacity),
    remainingPaidIn: total((u) => u.remainingPaidIn),
  };
};

/** Above this share of capacity used, a program needs more contributions. */
export const HIGH_UTILIZATION = new Decimal('0.9');
/** A program launched this many days ago … */
export const UNDERUSED_AFTER_DAYS = 60;
/** … with less than this share used is slow to reach suppliers. */
export const LOW_UTILIZATION = new Decimal('0.1');

export type UtilizationFlag =
  | {
      readonly code: 'utilization';
      readonly utilization: Decimal;
      readonly outstanding: Won;
      readonly capacity: Won;
    }
  | {
      readonly code: 'underused';
      readonly launchedOn: string;
      /** Days since launch. */
      readonly days: number;
      readonly utilization: Decimal;
    };

/** The utilization risks of a program that is not closed, on `today` (YYYY-MM-DD). */
export const utilizationFlags = (
  program: Program,
  u: ProgramUtilization,
  today: string,
): UtilizationFlag[] => {
  if (program.status === 'closed') return [];
  const flags: UtilizationFlag[] = [];
  if (u.utilization.gt(HIGH_UTILIZATION)) {
    flags.push({
      code: 'utilization',
      utilization: u.utilization,
      outstanding: u.outstanding,
      capacity: u.capacity,
    });
  }
  if (program.status === 'launched' && u.launchedOn !== undefined) {
    const days = daysBetween(u.launchedOn, today);
    if (days >= UNDERUSED_AFTER_DAYS && u.utilization.lt(LOW_UTILIZATION)) {
      flags.push({ code: 'underused', launchedOn: u.launchedOn, days, utilization: u.utilization });
    }
  }
  return flags;
};
