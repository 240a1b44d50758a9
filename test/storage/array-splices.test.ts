import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySplices, diffArray } from '../../src/storage/array-splices.js';

interface Item {
  readonly n: number;
}

/** Edits a mutation could make to an immutable array: replace, insert, remove, move, append. */
const editsOf = (before: readonly Item[]) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), n: fc.integer() }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), n: fc.integer() }),
        fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
        fc.record({ kind: fc.constant('append' as const), n: fc.integer() }),
      ),
      { maxLength: 12 },
    )
    .map((edits) => {
      const after = [...before];
      for (const edit of edits) {
        const at = after.length === 0 ? 0 : ('at' in edit ? edit.at : 0) % after.length;
        if (edit.kind === 'replace' && after.length > 0) after[at] = { n: edit.n };
        if (edit.kind === 'insert') after.splice(at, 0, { n: edit.n });
        if (edit.kind === 'remove') after.splice(at, 1);
        if (edit.kind === 'append') after.push({ n: edit.n });
        if (edit.kind === 'move' && after.length > 0) {
          const [moved] = after.splice(at, 1);
          after.splice(edit.to % (after.length + 1), 0, moved as Item);
        }
      }
      return after;
    });

const replaceAt = <T>(array: readonly T[], index: number, value: T): T[] => {
  const copy = [...array];
  copy[index] = value;
  return copy;
};

const items = fc.array(
  fc.integer().map((n): Item => ({ n })),
  { maxLength: 40 },
);

describe('diffArray and applySplices', () => {
  it('rebuild exactly the array after any edits, element for element', () => {
    fc.assert(
      fc.property(
        items.chain((before) => fc.tuple(fc.constant(before), editsOf(before))),
        ([before, after]) => {
          const rebuilt = applySplices(before, diffArray(before, after));
          expect(rebuilt).toHaveLength(after.length);
          expect(rebuilt.every((item, index) => item === after[index])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rebuild arrays of primitives with duplicates', () => {
    const values = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 20 });
    fc.assert(
      fc.property(values, values, (before, after) => {
        expect(applySplices(before, diffArray(before, after))).toEqual(after);
      }),
      { numRuns: 500 },
    );
  });

  it('describe one replaced or appended element among 10,000 as one splice of one element', () => {
    const before = Array.from({ length: 10_000 }, (_, n): Item => ({ n }));
    const replaced = replaceAt(before, 5000, { n: -1 });
    expect(diffArray(before, replaced)).toEqual([[5000, 1, [{ n: -1 }]]]);
    const appended = [...before, { n: -2 }];
    expect(diffArray(before, appended)).toEqual([[10_000, 0, [{ n: -2 }]]]);
    const several = replaceAt(replaceAt(replaceAt(before, 10, { n: -3 }), 11, { n: -4 }), 9000, { n: -5 });
    expect(diffArray(before, [...several, { n: -6 }])).toEqual([
      [10, 2, [{ n: -3 }, { n: -4 }]],
      [9000, 1, [{ n: -5 }]],
      [10_000, 0, [{ n: -6 }]],
    ]);
    expect(diffArray(before, before)).toEqual([]);
  });

  it('refuses splices that do not fit the array', () => {
    expect(() => applySplices([1, 2], [[3, 0, [9]]])).toThrow(RangeError);
    expect(() => applySplices([1, 2], [[1, 2, []]])).toThrow(RangeError);
    expect(() =>
      applySplices(
        [1, 2, 3],
        [
          [2, 0, [9]],
          [1, 0, [8]],
        ],
      ),
    ).toThrow(RangeError);
  });
});
