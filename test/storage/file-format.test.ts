import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import type { Pledge, State } from '../../src/domain/types.js';
import { StoreEncoder } from '../../src/storage/file-format.js';

/**
 * The encoder reuses the chunks of an array's last encoding up to the first element that changed.
 * Whatever the sequence of commits (appends, edits in the middle, removals), the bytes it writes are
 * the bytes a fresh encoder writes for the same state.
 */

const NOW = new Date('2026-12-02T03:00:00Z');
const bytesOf = (parts: readonly Buffer[]): string => Buffer.concat(parts).toString('utf8');
const docOf = (state: State) => ({ lastEventId: 0, history: 0, state });

type Step =
  | { kind: 'append'; amount: number }
  | { kind: 'edit'; at: number; amount: number }
  | { kind: 'remove'; at: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), amount: fc.integer({ min: 1, max: 10 ** 9 }) }),
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat(),
    amount: fc.integer({ min: 1, max: 10 ** 9 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
);

/** A new state the way mutations make one: new objects for what changed, the rest kept. */
const apply = (state: State, s: Step, n: number): State => {
  const pledges = state.pledges;
  const template = pledges[0] as Pledge;
  if (s.kind === 'append')
    return { ...state, pledges: [...pledges, { ...template, id: `P9${n}`, amount: new Decimal(s.amount) }] };
  if (pledges.length === 0) return state;
  const at = s.at % pledges.length;
  if (s.kind === 'edit')
    return {
      ...state,
      pledges: pledges.map((p, i) => (i === at ? { ...p, amount: new Decimal(s.amount) } : p)),
    };
  return { ...state, pledges: pledges.filter((_, i) => i !== at) };
};

describe('StoreEncoder', () => {
  it('writes what a fresh encoder writes, after any sequence of commits', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (steps, chunk) => {
        const encoder = new StoreEncoder(chunk);
        let state = demoState(NOW, 'UADMIN');
        encoder.file(docOf(state));
        steps.forEach((s, n) => {
          state = apply(state, s, n);
          const written = bytesOf(encoder.file(docOf(state)));
          expect(written).toBe(bytesOf(new StoreEncoder().file(docOf(state))));
          expect(JSON.parse(written).state.pledges).toHaveLength(state.pledges.length);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('writes an emptied array as [] and a refilled one in full', () => {
    const encoder = new StoreEncoder(3);
    const full = demoState(NOW, 'UADMIN');
    const empty = { ...full, pledges: [] };
    encoder.file(docOf(full));
    expect(JSON.parse(bytesOf(encoder.file(docOf(empty)))).state.pledges).toEqual([]);
    expect(bytesOf(encoder.file(docOf(full)))).toBe(bytesOf(new StoreEncoder().file(docOf(full))));
  });
});
