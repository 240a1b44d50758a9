import { describe, expect, test } from 'vitest';
import { createDerived, sameData } from '../../src/derived.js';
import { Decimal } from '../../src/domain/decimal.js';
import { recordPledge } from '../../src/domain/pledges.js';
import type { State, WinwinEvent } from '../../src/domain/types.js';
import type { EventFilter, Snapshot } from '../../src/storage/store.js';
import { changed, ctx, eok, withProgram } from '../domain/fixtures.js';

/** A store stand-in: snapshots set by the test, recentEvents counted (and held back when asked). */
const fakeStore = (state: State) => {
  let current: Snapshot = { state, revision: 1 };
  let events: WinwinEvent[] = [];
  const calls = { recentEvents: 0 };
  let gate: Promise<void> | undefined;
  return {
    calls,
    snapshot: () => current,
    commit(next: State, newEvents: WinwinEvent[] = []): Snapshot {
      current = { state: next, revision: current.revision + 1 };
      events = [...events, ...newEvents];
      return current;
    },
    hold(until: Promise<void>) {
      gate = until;
    },
    async recentEvents(limit: number, _filter?: EventFilter): Promise<WinwinEvent[]> {
      calls.recentEvents++;
      const found = events.slice(-limit).reverse();
      if (gate !== undefined) await gate;
      return found;
    },
  };
};

const pledged = (state: State, contributor: string, status: 'verbal' | 'committed' = 'committed'): State =>
  changed(
    recordPledge(
      state,
      {
        program: 'autos-hyundai',
        contributor,
        kind: 'corporation',
        amount: eok(100),
        status,
      },
      ctx,
    ),
  ).state;

const event = (id: number): WinwinEvent => ({
  id,
  at: '2025-12-01T09:00:00.000Z',
  actor: 'U0EDITOR',
  type: 'pledge.recorded',
  target: `P${id}`,
  program: 'autos-hyundai',
  sector: 'autos',
  before: null,
  after: { contributor: 'Kia' },
});

const TODAY = '2025-12-01';
const AUTOS = { kind: 'sector', sector: { name: 'autos' }, programs: [] } as const;
const request = {
  target: 'autos',
  audience: { role: 'editor' },
  locale: 'en',
  today: TODAY,
  timeZone: 'Asia/Seoul',
  interactive: true,
} as const;

describe('derived data by revision', () => {
  test('the same revision reuses what was computed; a new revision computes afresh', () => {
    const store = fakeStore(pledged(withProgram(), 'Hyundai'));
    const derived = createDerived(store);
    let computed = 0;
    const count = (snapshot: Snapshot) =>
      derived.remember(snapshot, 'pledges', () => {
        computed++;
        return snapshot.state.pledges.length;
      });
    const first = store.snapshot();
    expect([count(first), count(first)]).toEqual([1, 1]);
    expect(computed).toBe(1);
    expect(derived.pledgeGroups(first)).toBe(derived.pledgeGroups(first));
    expect(derived.overall(first, TODAY)).toBe(derived.overall(first, TODAY));

    const second = store.commit(pledged(first.state, 'Kia'));
    expect(count(second)).toBe(2);
    expect(computed).toBe(2);
    expect(derived.pledgeGroups(second)).not.toBe(derived.pledgeGroups(first));
    expect(
      derived
        .pledgeGroups(second)
        .get('autos-hyundai')
        ?.map((p) => p.contributor),
    ).toEqual(['Hyundai', 'Kia']);
    const standing = derived.standing(second, AUTOS, TODAY);
    expect(standing.kind === 'sector' && standing.sector.capacity.confirmed).toEqual(eok(200));
    // The previous revision is still kept: an answer computed from it meanwhile finds its entries.
    expect(count(first)).toBe(1);
    expect(computed).toBe(2);
  });

  test('keyed by revision, not by the objects: equal states of two revisions are computed twice', () => {
    const state = pledged(withProgram(), 'Hyundai');
    const store = fakeStore(state);
    const derived = createDerived(store);
    let computed = 0;
    const compute = (snapshot: Snapshot) => derived.remember(snapshot, 'x', () => ++computed);
    compute(store.snapshot());
    compute(store.commit(state));
    expect(computed).toBe(2);
  });

  test('bounded: old revisions are forgotten, and a snapshot older than every kept one is not kept', () => {
    const state = withProgram();
    const store = fakeStore(state);
    const derived = createDerived(store, { revisions: 2, entriesPerRevision: 2 });
    let computed = 0;
    const compute = (snapshot: Snapshot, key = 'x') => derived.remember(snapshot, key, () => ++computed);
    const one = store.snapshot();
    compute(one);
    const two = store.commit(state);
    const three = store.commit(state);
    compute(two);
    compute(three);
    expect(computed).toBe(3);
    compute(one); // older than both kept revisions: computed, not kept
    compute(one);
    expect(computed).toBe(5);
    compute(three);
    expect(computed).toBe(5);
    // At most two entries per revision: the oldest goes first.
    compute(three, 'y');
    compute(three, 'z');
    compute(three, 'x');
    expect(computed).toBe(8);
  });

  test('a status reply is built once per revision, audience and request', async () => {
    const store = fakeStore(pledged(withProgram(), 'Quiet Partner', 'verbal'));
    const derived = createDerived(store);
    const first = await derived.statusReply(store.snapshot(), request);
    expect(await derived.statusReply(store.snapshot(), request)).toBe(first);
    expect(store.calls.recentEvents).toBe(1);
    expect(Object.isFrozen(first.blocks)).toBe(true);
    const viewer = await derived.statusReply(store.snapshot(), { ...request, audience: { role: 'viewer' } });
    expect(viewer).not.toBe(first);
    expect(JSON.stringify(first)).toContain('Quiet Partner');
    expect(JSON.stringify(viewer)).not.toContain('Quiet Partner');

    store.commit(pledged(store.snapshot().state, 'Kia'));
    const after = await derived.statusReply(store.snapshot(), request);
    expect(after).not.toBe(first);
    expect(JSON.stringify(after)).toContain('Kia');
  });

  test('a reply whose last change came with a later commit is not kept', async () => {
    const store = fakeStore(pledged(withProgram(), 'Hyundai'));
    const derived = createDerived(store);
    const before = store.snapshot();
    let release = (): void => {};
    store.hold(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const pending = derived.statusReply(before, request);
    // A commit lands while the last change is read.
    store.commit(pledged(before.state, 'Kia'), [event(before.state.nextEvent)]);
    release();
    await pending;
    store.hold(Promise.resolve());
    await derived.statusReply(before, request);
    expect(store.calls.recentEvents).toBe(2);
  });

  test("a program's standing is reused across revisions while its inputs are equal in value", () => {
    const base = pledged(withProgram(), 'Hyundai');
    const store = fakeStore(base);
    const derived = createDerived(store);
    const program = {
      kind: 'program',
      program: base.programs[0],
      sector: { name: 'autos' },
      viaSector: false,
    };
    const target = program as Parameters<typeof derived.standing>[1];
    const standingAt = (snapshot: Snapshot) => {
      const s = derived.standing(snapshot, target, TODAY);
      return s.kind === 'program' ? s.program : undefined;
    };
    const first = standingAt(store.snapshot());
    // A copy of every record (other objects, same values): the standing is reused.
    const thawed: State = {
      ...base,
      sectors: base.sectors.map((s) => ({ ...s })),
      programs: base.programs.map((p) => ({ ...p })),
      pledges: base.pledges.map((p) => ({ ...p, amount: new Decimal(p.amount) })),
    };
    expect(standingAt(store.commit(thawed))).toBe(first);
    // One changed pledge: computed afresh.
    const next = standingAt(store.commit(pledged(thawed, 'Kia')));
    expect(next).not.toBe(first);
    expect(next?.capacity.confirmed).toEqual(eok(200));
  });
});

describe('sameData', () => {
  test('compares values field by field, Decimals by value, never by identity alone', () => {
    expect(sameData({ a: [1, 'x'], d: new Decimal('1.50') }, { a: [1, 'x'], d: new Decimal('1.5') })).toBe(
      true,
    );
    expect(sameData({ d: new Decimal(1) }, { d: new Decimal(2) })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ d: new Decimal(1) }, { d: { d: [1], e: 0, s: 1 } })).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });
});
