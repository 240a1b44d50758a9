/**
 * Caches for data derived from committed states.
 *
 * Why this keeps the domain pure: the store freezes a committed state, its arrays and their elements,
 * and a commit replaces what it changes with new objects instead of editing them (the domain never
 * edits its input either). A frozen object therefore holds the same contents for as long as it lives,
 * so what a pure function computed from it stays true, and caching that result keyed by the object
 * changes no answer, only the time it takes. WeakMaps hold the entries: they go when the state does.
 * Objects that are not frozen (states being built inside a mutation, test fixtures) could still be
 * edited in place, so they are computed afresh every time.
 */

/** `compute(key)`, remembered per frozen `key`. */
export const memoFrozen = <K extends object, V>(compute: (key: K) => V): ((key: K) => V) => {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (!Object.isFrozen(key)) return compute(key);
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
};

/**
 * Sets `key` in `map`, first forgetting the oldest entries (insertion order) so that it holds at most
 * `limit`: for caches keyed by values that vary a little (a day, a page, a locale).
 */
export const setBounded = <K, V>(map: Map<K, V>, key: K, value: V, limit: number): V => {
  map.delete(key);
  while (map.size >= limit) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
  map.set(key, value);
  return value;
};

/** Whether two lists hold the same elements (by identity) in the same order. */
export const sameElements = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
