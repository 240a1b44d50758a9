import { programCapacity } from './capacity.js';
import { daysBetween } from './dates.js';
import { Decimal } from './decimal.js';
import { contributorKey } from './text.js';
import type { Pledge, Program, Sector, Won } from './types.js';

export const RISK_CODES = ['deadline', 'suspended', 'concentration', 'unsigned', 'multiple'] as const;
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
  | { readonly code: 'multiple'; readonly multiple: Decimal; readonly limit: Decimal };

export interface RiskOptions {
  /** How near the announce-by date starts to count; default 14 days. */
  readonly withinDays?: number;
  /** Share of counted contributions above which one contributor is a concentration; default 0.5. */
  readonly concentrationShare?: Decimal;
  /** Multiples above this are likely typos; default 100 (fund-wide exposure is 70–90x). */
  readonly multipleLimit?: Decimal;
}

const COUNTED: ReadonlySet<Pledge['status']> = new Set(['verbal', 'committed', 'paid']);
const ZERO = new Decimal(0);

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
  const withinDays = opts.withinDays ?? 14;
  const threshold = opts.concentrationShare ?? new Decimal('0.5');
  const limit = opts.multipleLimit ?? new Decimal(100);
  const mine = pledges.filter((p) => p.program === program.slug);
  const flags: RiskFlag[] = [];

  const inTalks =
    program.status === 'negotiating' || (program.status === 'on_hold' && program.heldFrom === 'negotiating');
  if (inTalks && program.announceBy !== undefined) {
    const gap = programCapacity(program, mine).gap;
    const daysLeft = daysBetween(today, program.announceBy);
    if (gap.gt(0) && daysLeft <= withinDays) {
      flags.push({ code: 'deadline', announceBy: program.announceBy, daysLeft, overdue: daysLeft < 0, gap });
    }
  }

  const suspended = mine.filter((p) => p.status === 'suspended');
  if (suspended.length > 0) {
    flags.push({ code: 'suspended', pledges: ids(suspended), amount: total(suspended) });
  }

  const counted = mine.filter((p) => COUNTED.has(p.status));
  const countedTotal = total(counted);
  if (countedTotal.gt(0)) {
    const groups = new Map<string, Pledge[]>();
    for (const p of counted) {
      const key = contributorKey(p.contributor);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const [largest] = [...groups.values()].sort((a, b) => total(b).cmp(total(a)));
    if (largest !== undefined && largest[0] !== undefined) {
      const amount = total(largest);
      const share = amount.div(countedTotal);
      const unpaid = total(largest.filter((p) => p.status !== 'paid'));
      if (share.gt(threshold) && unpaid.gt(0)) {
        const key = contributorKey(largest[0].contributor);
        flags.push({
          code: 'concentration',
          contributor: largest[0].contributor,
          signed: mine.some((p) => p.signed && contributorKey(p.contributor) === key),
          pledges: ids(largest),
          amount,
          counted: countedTotal,
          share,
          unpaid,
        });
      }
    }
    if (counted.every((p) => p.status === 'verbal') && !mine.some((p) => p.signed)) {
      flags.push({ code: 'unsigned', pledges: ids(counted), pipeline: countedTotal });
    }
  }

  if (program.multiple.gt(limit)) flags.push({ code: 'multiple', multiple: program.multiple, limit });
  return flags;
};

/** Each program's flags in a sector, tagged with the program's slug. */
export const sectorRiskFlags = (
  sector: Pick<Sector, 'name'>,
  programs: readonly Program[],
  pledges: readonly Pledge[],
  today: string,
  opts: RiskOptions = {},
): { program: string; flag: RiskFlag }[] =>
  programs
    .filter((p) => p.sector === sector.name)
    .flatMap((p) => riskFlags(p, pledges, today, opts).map((flag) => ({ program: p.slug, flag })));

const ids = (pledges: readonly Pledge[]): string[] => pledges.map((p) => p.id);
const total = (pledges: readonly Pledge[]): Won => pledges.reduce((a, p) => a.plus(p.amount), ZERO);
