/**
 * One edit of an array, in the coordinates of the array being built: at index `at` of the result,
 * drop the next `remove` elements of the old array and put `insert` there.
 */
export type Splice<T> = readonly [at: number, remove: number, insert: readonly T[]];

/** How far ahead a run of replaced elements is looked for before the general (indexed) path. */
const LOOKAHEAD = 8;

/**
 * The splices that turn `before` into `after`, comparing elements with `===`. Committed state is
 * immutable and a mutation returns new objects only for what it changes, so identity tells what
 * changed: replacing one pledge among 10,000 gives one splice of one element, found in one linear
 * pass. Reorderings and other unusual edits are still described exactly, only less compactly.
 */
export const diffArray = <T>(before: readonly T[], after: readonly T[]): Splice<T>[] => {
  const splices: Splice<T>[] = [];
  let i = 0;
  let j = 0;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > i && endAfter > j && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  let pending: { at: number; remove: number; insert: T[] } | undefined;
  const edit = () => {
    pending ??= { at: j, remove: 0, insert: [] };
    return pending;
  };
  /** First index of each old element from where it was built; found lazily, only for odd edits. */
  let positions: Map<T, number> | undefined;

  while (i < endBefore || j < endAfter) {
    if (i < endBefore && j < endAfter && before[i] === after[j]) {
      if (pending !== undefined) splices.push([pending.at, pending.remove, pending.insert]);
      pending = undefined;
      i++;
      j++;
      continue;
    }
    if (j >= endAfter) {
      edit().remove += endBefore - i;
      i = endBefore;
      continue;
    }
    if (i >= endBefore) {
      edit().insert.push(...after.slice(j, endAfter));
      j = endAfter;
      continue;
    }
    // Elements replaced in place: the two arrays line up again after `run` elements.
    let run = 1;
    while (
      run <= LOOKAHEAD &&
      i + run < endBefore &&
      j + run < endAfter &&
      before[i + run] !== after[j + run]
    )
      run++;
    if (run <= LOOKAHEAD && i + run < endBefore && j + run < endAfter) {
      const splice = edit();
      splice.remove += run;
      splice.insert.push(...after.slice(j, j + run));
      i += run;
      j += run;
      continue;
    }
    if (positions === undefined) {
      positions = new Map();
      for (let k = endBefore - 1; k >= i; k--) positions.set(before[k] as T, k);
    }
    const found = positions.get(after[j] as T);
    if (found !== undefined && found > i) {
      // Old elements up to the next one kept are gone.
      edit().remove += found - i;
      i = found;
    } else {
      edit().insert.push(after[j] as T);
      j++;
    }
  }
  if (pending !== undefined) splices.push([pending.at, pending.remove, pending.insert]);
  return splices;
};

/**
 * `before` with `splices` (as `diffArray` makes them: in increasing order) applied, in one pass.
 * Throws a RangeError when they do not fit the array.
 */
export const applySplices = <T>(before: readonly T[], splices: readonly Splice<T>[]): T[] => {
  const result: T[] = [];
  let read = 0;
  for (const [at, remove, insert] of splices) {
    const keep = at - result.length;
    if (!Number.isInteger(at) || !Number.isInteger(remove) || keep < 0 || remove < 0) {
      throw new RangeError(`splice at ${at} removing ${remove} is out of order`);
    }
    if (read + keep + remove > before.length) {
      throw new RangeError(`splice at ${at} removing ${remove} goes past the end (${before.length})`);
    }
    for (let k = 0; k < keep; k++) result.push(before[read + k] as T);
    read += keep + remove;
    for (const value of insert) result.push(value);
  }
  for (let k = read; k < before.length; k++) result.push(before[k] as T);
  return result;
};
