import { type ProgramCapacity, programCapacity } from './capacity.js';
import { daysBetween } from './dates.js';
import { Decimal } from './decimal.js';
import { overdueInstallments } from './payments.js';
import { pledgesByProgram } from './pledge-groups.js';
import { contributorKeys } from './text.js';
import type { Pledge, Program, Sector, Won } from './types.js';
import { type ProgramUtilization, type UtilizationFlag, utilizationFlags } from './utilization.js';

export const RISK_CODES = [
  'deadline',
  'suspended',
  'concentration',
  'unsigned',
  'multiple',
  'utilization',
  'underused',
  'installment',
  'nextStep',
  'stale',
] as const;
export type RiskCode = (typeof RISK_CODES)[number];

/** A risk as data; views word it. Pledge ids let a view decide which names its audience may see. */
export type RiskFlag =
  | {
      readonly code: 'deadline';
      readonly announceBy: string;
      /** Days from today to announceBy; negative once it has passed. */
      readonly daysLeft: number;
      readonly overdue: boolean;
      readonly gap: Won;
    }
  | { readonly code: 'suspended'; readonly pledges: readonly string[]; readonly amount: Won }
  | {
      readonly code: 'concentration';
      /** The contributor's name as first recorded. Confidential unless `signed`. */
      readonly contributor: string;
      /** True when any of the contributor's pledges here was ever signed (the name is then public). */
      readonly signed: boolean;
      readonly pledges: readonly string[];
      readonly amount: Won;
      /** Confirmed + pipeline of the whole program. */
      readonly counted: Won;
      /** amount ÷ counted, between 0 and 1. */
      readonly share: Decimal;
      /** Of `amount`, what is verbal or committed: money that could still walk away. */
      readonly unpaid: Won;
    }
  | { readonly code: 'unsigned'; readonly pledges: readonly string[]; readonly pipeline: Won }
  | { readonly code: 'multiple'; readonly multiple: Decimal; readonly limit: Decimal }
  | UtilizationFlag
  /** Installments whose date passed with paid-in short of the schedule: what is missing, in all. */
  | { readonly code: 'installment'; readonly pledges: readonly string[]; readonly short: Won }
  /** Next steps whose date has passed. (Their text is confidential: the flag carries only ids.) */
  | { readonly code: 'nextStep'; readonly pledges: readonly string[] }
  /** Verbal pledges with no change for STALE_DAYS days or more. */
  | { readonly code: 'stale'; readonly pledges: readonly string[]; readonly days: number };

export interface RiskOptions {
  /** How near the announce-by date starts to count; default 14 days. */
  readonly withinDays?: number;
  /** Share of counted contributions above which one contributor is a concentration; default 0.5. */
  readonly concentrationShare?: Decimal;
  /** Multiples above this are likely typos; default 100 (fund-wide exposure is 70–90x). */
  readonly multipleLimit?: Decimal;
  /**
   * How names are reduced to compare contributors: contributorKey, or, for a computation over many
   * programs, one contributorKeys() memo shared by all of them.
   */
  readonly contributorKey?: (name: string) => string;
}

const COUNTED: ReadonlySet<Pledge['status']> = new Set(['verbal', 'committed', 'paid']);
const ZERO = new Decimal(0);
const HALF = new Decimal('0.5');
const HUNDRED = new Decimal(100);
/** Days without a change after which talks are stale (as follow.ts's STALE_DAYS). */
const STALE_DAYS = 30;

/**
 * The risks of one program on `today` (YYYY-MM-DD, in the ministry's time zone). A closed program has
 * none. The deadline flag concerns programs not announced yet (in talks, or on hold from talks): once
 * announced, the announce-by date has been met. Concentration needs part of the big share still unpaid:
 * banks hold most of every program, and money already in the fund cannot walk away, so flagging it
 * would put a warning on every sector and teach staff to ignore warnings.
 */
export const riskFlags = (
  program: Program,
  pledges: readonly Pledge[],
  today: string,
  opts: RiskOptions = {},
): RiskFlag[] => {
  if (program.status === 'closed') return [];
  const mine: Pledge[] = [];
  for (const p of pledges) if (p.program === program.slug) mine.push(p);
  return flagsOf(program, mine, () => programCapacity(program, mine), today, opts);
};

/**
 * riskFlags from the program's own pledges and its capacity, when the caller has both (a standing),
 * plus the utilization flags when its guarantees' utilization is given.
 */
export const programRiskFlags = (
  program: Program,
  mine: readonly Pledge[],
  capacity: ProgramCapacity,
  today: string,
  opts: RiskOptions = {},
  utilization?: ProgramUtilization,
): RiskFlag[] =>
  program.status === 'closed'
    ? []
    : [
        ...flagsOf(program, mine, () => capacity, today, opts),
        ...(utilization === undefined ? [] : utilizationFlags(program, utilization, today)),
      ];

interface ContributorGroup {
  readonly pledges: Pledge[];
  amount: Won;
}

const flagsOf = (
  program: Program,
  mine: readonly Pledge[],
  capacity: () => ProgramCapacity,
  today: string,
  opts: RiskOptions,
): RiskFlag[] => {
  const withinDays = opts.withinDays ?? 14;
  const threshold = opts.concentrationShare ?? HALF;
  const limit = opts.multipleLimit ?? HUNDRED;
  const keyOf = opts.contributorKey ?? contributorKeys();
  const flags: RiskFlag[] = [];

  const inTalks =
    program.status === 'negotiating' || (program.status === 'on_hold' && program.heldFrom === 'negotiating');
  if (inTalks && program.announceBy !== undefined) {
    const gap = capacity().gap;
    const daysLeft = daysBetween(today, program.announceBy);
    if (gap.gt(0) && daysLeft <= withinDays) {
      flags.push({ code: 'deadline', announceBy: program.announceBy, daysLeft, overdue: daysLeft < 0, gap });
    }
  }

  const suspended: Pledge[] = [];
  const counted: Pledge[] = [];
  let anySigned = false;
  for (const p of mine) {
    if (p.status === 'suspended') suspended.push(p);
    else if (COUNTED.has(p.status)) counted.push(p);
    if (p.signed) anySigned = true;
  }
  if (suspended.length > 0) {
    flags.push({ code: 'suspended', pledges: ids(suspended), amount: total(suspended) });
  }

  const countedTotal = total(counted);
  if (countedTotal.gt(0)) {
    // Each contributor's pledges and their sum, summed once; the largest is the first of the biggest sums.
    const groups = new Map<string, ContributorGroup>();
    for (const p of counted) {
      const key = keyOf(p.contributor);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { pledges: [p], amount: ZERO.plus(p.amount) });
      else {
        group.pledges.push(p);
        group.amount = group.amount.plus(p.amount);
      }
    }
    let largestKey: string | undefined;
    let largest: ContributorGroup | undefined;
    for (const [key, group] of groups) {
      if (largest === undefined || group.amount.gt(largest.amount)) {
        largestKey = key;
        largest = group;
      }
    }
    const first = largest?.pledges[0];
    if (largest !== undefined && first !== undefined) {
      const amount = largest.amount;
      const share = amount.div(countedTotal);
      const unpaid = total(largest.pledges.filter((p) => p.status !== 'paid'));
      if (share.gt(threshold) && unpaid.gt(0)) {
        flags.push({
          code: 'concentration',
          contributor: first.contributor,
          signed: mine.some((p) => p.signed && keyOf(p.contributor) === largestKey),
          pledges: ids(largest.pledges),
          amount,
          counted: countedTotal,
          share,
          unpaid,
        });
      }
    }
    if (counted.every((p) => p.status === 'verbal') && !anySigned) {
      flags.push({ code: 'unsigned', pledges: ids(counted), pipeline: countedTotal });
    }
  }

  if (program.multiple.gt(limit)) flags.push({ code: 'multiple', multiple: program.multiple, limit });

  const late: Pledge[] = [];
  let short = ZERO;
  const nextLate: Pledge[] = [];
  const stale: Pledge[] = [];
  for (const p of mine) {
    const overdue = overdueInstallments(p, today);
    if (overdue.length > 0) {
      late.push(p);
      short = short.plus(overdue.reduce((a, i) => a.plus(i.short), ZERO));
    }
    if (p.status !== 'withdrawn' && p.nextDue !== undefined && p.nextDue < today) nextLate.push(p);
    // The UTC date of the last change: within a day of the ministry's, which a 30-day rule can bear.
    if (p.status === 'verbal' && daysBetween(p.updatedAt.slice(0, 10), today) >= STALE_DAYS) stale.push(p);
  }
  if (late.length > 0) flags.push({ code: 'installment', pledges: ids(late), short });
  if (nextLate.length > 0) flags.push({ code: 'nextStep', pledges: ids(nextLate) });
  if (stale.length > 0) flags.push({ code: 'stale', pledges: ids(stale), days: STALE_DAYS });
  return flags;
};

/** Each program's flags in a sector, tagged with the program's slug. */
export const sectorRiskFlags = (
  sector: Pick<Sector, 'name'>,
  programs: readonly Program[],
  pledges: readonly Pledge[],
  today: string,
  opts: RiskOptions = {},
): { program: string; flag: RiskFlag }[] => {
  const groups = pledgesByProgram(pledges);
  const shared = { contributorKey: contributorKeys(), ...opts };
  return programs
    .filter((p) => p.sector === sector.name)
    .flatMap((p) =>
      riskFlags(p, groups.get(p.slug) ?? [], today, shared).map((flag) => ({ program: p.slug, flag })),
    );
};

const ids = (pledges: readonly Pledge[]): string[] => pledges.map((p) => p.id);
const total = (pledges: readonly Pledge[]): Won => pledges.reduce((a, p) => a.plus(p.amount), ZERO);
