import type { Pledge } from './types.js';

/** Each program's pledges, by slug, in the order recorded. Programs without pledges are absent. */
export type PledgeGroups = ReadonlyMap<string, readonly Pledge[]>;

/**
 * The pledges of each program, in one pass over every pledge. A plain function of its argument: the
 * shell remembers the groups of a committed state by its revision (src/derived.ts).
 */
export const pledgesByProgram = (pledges: readonly Pledge[]): PledgeGroups => {
  const groups = new Map<string, Pledge[]>();
  for (const p of pledges) {
    const group = groups.get(p.program);
    if (group === undefined) groups.set(p.program, [p]);
    else group.push(p);
  }
  return groups;
};

/** One program's pledges, in the order recorded. */
export const pledgesOf = (pledges: readonly Pledge[], slug: string): readonly Pledge[] =>
  pledges.filter((p) => p.program === slug);
