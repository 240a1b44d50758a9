import { Decimal } from './decimal.js';
import { paidIn as paidInOfPledge } from './payments.js';
import { pledgesByProgram } from './pledge-groups.js';
import type { Pledge, Program, Sector, Won } from './types.js';

/** Figures in whole won shared by a program and a sector rollup. */
export interface CapacityFigures {
  /** Headline target guarantee capacity. */
  readonly target: Won;
  /** Every pledge, whatever its status. */
  readonly total: Won;
  /** Committed + paid: signed money. */
  readonly confirmed: Won;
  readonly committed: Won;
  readonly paid: Won;
  /** Verbal: promised, not signed. */
  readonly pipeline: Won;
  /** Money already in the fund (payments; a paid pledge without payments counts in full). */
  readonly paidIn: Won;
  /** paidIn × multiple: the capacity K-sure can actually use today. */
  readonly paidInCapacity: Won;
  /** Suspended + withdrawn: counted nowhere. */
  readonly excluded: Won;
  readonly suspended: Won;
  readonly withdrawn: Won;
  /** confirmed × multiple. */
  readonly confirmedCapacity: Won;
  /** (confirmed + pipeline) × multiple: if every verbal pledge is signed. */
  readonly potentialCapacity: Won;
  /** max(0, target − confirmedCapacity). */
  readonly gap: Won;
  /** The contribution that closes `gap`: ⌈gap ÷ multiple⌉ won. */
  readonly stillNeeded: Won;
  /** max(0, target − potentialCapacity). */
  readonly potentialGap: Won;
  readonly potentialStillNeeded: Won;
}

export interface ProgramCapacity extends CapacityFigures {
  readonly program: string;
  readonly multiple: Decimal;
  /** Operating capacity when it differs from the headline (steel: 354bn of 400bn). */
  readonly operating?: Won;
  /** max(0, operating − confirmedCapacity), when there is an operating figure. */
  readonly operatingGap?: Won;
}

export interface SectorCapacity extends CapacityFigures {
  readonly sector: string;
  /** Each counted program, in state order. */
  readonly programs: readonly ProgramCapacity[];
  /** Slugs of the sector's closed programs, left out of the totals. */
  readonly closed: readonly string[];
}

const ZERO = new Decimal(0);
const sum = (values: readonly Won[]): Won => values.reduce((a, b) => a.plus(b), ZERO);
const positive = (value: Won): Won => Decimal.max(ZERO, value);

/**
 * Guarantee capacity of contributions in whole won, rounded down: K-sure cannot guarantee a fraction of
 * a won, and rounding down keeps "still needed" honest (it always closes the gap it names).
 */
export const capacityOf = (contributions: Won, multiple: Decimal): Won =>
  contributions.times(multiple).floor();

/**
 * The least whole-won contribution whose capacity covers `gap` at `multiple`: s with
 * s × multiple ≥ gap and (s − 1) × multiple < gap.
 */
export const contributionFor = (gap: Won, multiple: Decimal): Won => {
  if (multiple.lte(0))
    throw new RangeError(`a program's multiple must be above zero, got ${multiple.toString()}`);
  if (gap.lte(0)) return ZERO;
  let needed = gap.div(multiple).ceil();
  // Division is rounded at 60 digits; the products are exact, so settle any doubt with them.
  while (needed.times(multiple).lt(gap)) needed = needed.plus(1);
  while (needed.gt(0) && needed.minus(1).times(multiple).gte(gap)) needed = needed.minus(1);
  return needed;
};

interface Contributions {
  readonly paidIn: Won;
  readonly committed: Won;
  readonly paid: Won;
  readonly pipeline: Won;
  readonly suspended: Won;
  readonly withdrawn: Won;
}

const standing = (program: Program, c: Contributions): ProgramCapacity => {
  const confirmed = c.committed.plus(c.paid);
  const confirmedCapacity = capacityOf(confirmed, program.multiple);
  const potentialCapacity = capacityOf(confirmed.plus(c.pipeline), program.multiple);
  const gap = positive(program.target.minus(confirmedCapacity));
  const potentialGap = positive(program.target.minus(potentialCapacity));
  const figures: ProgramCapacity = {
    program: program.slug,
    multiple: program.multiple,
    target: program.target,
    total: sum([confirmed, c.pipeline, c.suspended, c.withdrawn]),
    confirmed,
    committed: c.committed,
    paid: c.paid,
    pipeline: c.pipeline,
    paidIn: c.paidIn,
    paidInCapacity: capacityOf(c.paidIn, program.multiple),
    excluded: c.suspended.plus(c.withdrawn),
    suspended: c.suspended,
    withdrawn: c.withdrawn,
    confirmedCapacity,
    potentialCapacity,
    gap,
    stillNeeded: contributionFor(gap, program.multiple),
    potentialGap,
    potentialStillNeeded: contributionFor(potentialGap, program.multiple),
  };
  return program.operating === undefined
    ? figures
    : {
        ...figures,
        operating: program.operating,
        operatingGap: positive(program.operating.minus(confirmedCapacity)),
      };
};

const NOTHING: Contributions = {
  paidIn: ZERO,
  committed: ZERO,
  paid: ZERO,
  pipeline: ZERO,
  suspended: ZERO,
  withdrawn: ZERO,
};

/** The contributions of the program's pledges among `pledges` (which may hold every pledge), added in order. */
const contributions = (program: Program, pledges: readonly Pledge[]): Contributions => {
  const slug = program.slug;
  let { paidIn, committed, paid, pipeline, suspended, withdrawn } = NOTHING;
  // A plain loop, no filter: status and standing views run this for every program of the store.
  for (const p of pledges) {
    if (p.program !== slug) continue;
    if (p.status === 'paid' || p.payments !== undefined) paidIn = paidIn.plus(paidInOfPledge(p));
    if (p.status === 'committed') committed = committed.plus(p.amount);
    else if (p.status === 'paid') paid = paid.plus(p.amount);
    else if (p.status === 'verbal') pipeline = pipeline.plus(p.amount);
    else if (p.status === 'suspended') suspended = suspended.plus(p.amount);
    else if (p.status === 'withdrawn') withdrawn = withdrawn.plus(p.amount);
  }
  return { paidIn, committed, paid, pipeline, suspended, withdrawn };
};

/** Where one program stands. `pledges` may hold every pledge: only this program's are counted. */
export const programCapacity = (program: Program, pledges: readonly Pledge[]): ProgramCapacity =>
  standing(program, contributions(program, pledges));

export interface WhatIf {
  readonly extra: Won;
  readonly before: ProgramCapacity;
  /** The standing if `extra` were signed (counted as committed) on top of today's pledges. */
  readonly after: ProgramCapacity;
  readonly closesGap: boolean;
}

/** What an extra signed contribution would do to a program. */
export const whatIf = (program: Program, pledges: readonly Pledge[], extra: Won): WhatIf => {
  const now = contributions(program, pledges);
  const after = standing(program, { ...now, committed: now.committed.plus(extra) });
  return { extra, before: standing(program, now), after, closesGap: after.gap.isZero() };
};

/**
 * A sector's programs summed. There is no sector multiple, and one program's surplus does not fill
 * another's gap, so gaps and amounts still needed are sums of the programs' own. Closed programs are
 * left out of the totals (listed in `closed`).
 */
export const sectorCapacity = (
  sector: Pick<Sector, 'name'>,
  programs: readonly Program[],
  pledges: readonly Pledge[],
): SectorCapacity => {
  const mine = programs.filter((p) => p.sector === sector.name);
  const groups = pledgesByProgram(pledges);
  return sectorRollup(
    sector,
    mine.filter((p) => p.status !== 'closed').map((p) => programCapacity(p, groups.get(p.slug) ?? [])),
    mine.filter((p) => p.status === 'closed').map((p) => p.slug),
  );
};

/**
 * The rollup of a sector from its counted programs' capacities, already computed (sectorCapacity, or a
 * standing that has them), and the slugs of its closed programs.
 */
export const sectorRollup = (
  sector: Pick<Sector, 'name'>,
  counted: readonly ProgramCapacity[],
  closed: readonly string[],
): SectorCapacity => {
  const total = (pick: (c: ProgramCapacity) => Won): Won => sum(counted.map(pick));
  return {
    sector: sector.name,
    programs: counted,
    closed,
    target: total((c) => c.target),
    total: total((c) => c.total),
    confirmed: total((c) => c.confirmed),
    committed: total((c) => c.committed),
    paid: total((c) => c.paid),
    pipeline: total((c) => c.pipeline),
    paidIn: total((c) => c.paidIn),
    paidInCapacity: total((c) => c.paidInCapacity),
    excluded: total((c) => c.excluded),
    suspended: total((c) => c.suspended),
    withdrawn: total((c) => c.withdrawn),
    confirmedCapacity: total((c) => c.confirmedCapacity),
    potentialCapacity: total((c) => c.potentialCapacity),
    gap: total((c) => c.gap),
    stillNeeded: total((c) => c.stillNeeded),
    potentialGap: total((c) => c.potentialGap),
    potentialStillNeeded: total((c) => c.potentialStillNeeded),
  };
};
