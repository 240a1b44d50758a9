import type { Pledge } from './types.js';

/** Each program's pledges, by slug, in the order recorded. Programs without pledges are absent. */
export type PledgeGroups = ReadonlyMap<string, readonly Pledge[]>;

const NONE: readonly Pledge[] = Object.freeze([]);

/** One pass over every pledge. */
const groupAll = (pledges: readonly Pledge[]): Map<string, Pledge[]> => {
  const groups = new Map<string, Pledge[]>();
  for (const p of pledges) {
    const group = groups.get(p.program);
    if (group === undefined) groups.set(p.program, [p]);
    else group.push(p);
  }
  return groups;
};

/** A commit touches a few pledges; past this many replaced, regrouping everything is as cheap. */
const MAX_REPLACED = 64;

interface Grouped {
  readonly pledges: readonly Pledge[];
  readonly groups: PledgeGroups;
}

/**
 * The grouping of `after` built from that of `before`, when `after` is `before` with some pledges
 * replaced in place (each by one of the same program: a pledge never changes program) and some
 * appended — what every commit does. Groups of programs none of whose pledges changed are shared.
 * Undefined when `after` is not such a successor; the caller then groups everything.
 */
const regroup = (before: Grouped, after: readonly Pledge[]): PledgeGroups | undefined => {
  const old = before.pledges;
  if (after.length < old.length) return undefined;
  const touched = new Map<string, Pledge[]>();
  const groupFor = (slug: string): Pledge[] => {
    let group = touched.get(slug);
    if (group === undefined) {
      group = [...(before.groups.get(slug) ?? NONE)];
      touched.set(slug, group);
    }
    return group;
  };
  let replaced = 0;
  // A plain loop: this compares every pledge of the store on each commit, by identity only.
  for (let i = 0; i < old.length; i++) {
    const was = old[i] as Pledge;
    const now = after[i] as Pledge;
    if (was === now) continue;
    if (now.program !== was.program || ++replaced > MAX_REPLACED) return undefined;
    const group = groupFor(now.program);
    const at = group.indexOf(was);
    // The same object twice in a group would leave its position ambiguous.
    if (at < 0 || group.lastIndexOf(was) !== at) return undefined;
    group[at] = now;
  }
  for (let i = old.length; i < after.length; i++) {
    const p = after[i] as Pledge;
    groupFor(p.program).push(p);
  }
  if (touched.size === 0) return before.groups;
  const groups = new Map(before.groups);
  for (const [slug, group] of touched) groups.set(slug, Object.freeze(group));
  return groups;
};

const cache = new WeakMap<readonly Pledge[], PledgeGroups>();
/** The last grouping made: the next committed pledges array is nearly always its successor. */
let latest: Grouped | undefined;

/**
 * The pledges of each program. Remembered per frozen pledges array (see memo.ts): a committed state's
 * grouping is computed once, and from the previous commit's grouping when it can be, so that a commit
 * costs one identity scan and the programs it touched, not a regrouping of every pledge. The groups
 * of a frozen array are frozen and shared: never edit them.
 */
export const pledgesByProgram = (pledges: readonly Pledge[]): PledgeGroups => {
  if (!Object.isFrozen(pledges)) return groupAll(pledges);
  const hit = cache.get(pledges);
  if (hit !== undefined) return hit;
  let groups = latest === undefined ? undefined : regroup(latest, pledges);
  if (groups === undefined) {
    const fresh = groupAll(pledges);
    for (const group of fresh.values()) Object.freeze(group);
    groups = fresh;
  }
  cache.set(pledges, groups);
  latest = { pledges, groups };
  return groups;
};

/** One program's pledges, in the order recorded (a frozen shared array when `pledges` is frozen). */
export const pledgesOf = (pledges: readonly Pledge[], slug: string): readonly Pledge[] => {
  if (!Object.isFrozen(pledges)) return pledges.filter((p) => p.program === slug);
  return pledgesByProgram(pledges).get(slug) ?? NONE;
};
