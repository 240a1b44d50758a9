import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/domain/change.js';
import { err, ok } from '../../src/domain/result.js';
import { emptyState, type State, type WinwinEvent } from '../../src/domain/types.js';
import type { Store } from '../../src/storage/store.js';

/**
 * The promises every Store adapter keeps, written once. An adapter's test file calls
 * `describeStoreContract(name, makeTarget)`; nothing here knows how or where an adapter keeps its data.
 */

/**
 * Called by the adapter inside each durable write, once part of that write has reached storage but
 * before it counts (lowdb: after the events file is appended, before the state file is renamed into
 * place; PostgreSQL: after the statements, before COMMIT). Returning an Error makes that write fail
 * with it, as a full disk or a lost connection would.
 */
export type WriteFault = () => Error | undefined;

export interface ContractTarget {
  /**
   * Opens the store at this target's location. Called again after `close`, it reopens the same data
   * (a new process would see the same). `fault`, if given, is consulted on every durable write.
   */
  open(options?: { readonly fault?: WriteFault }): Promise<Store>;
}

/** A fresh, empty location for one test, and how to remove it afterwards. */
export type MakeTarget = () => Promise<{ readonly target: ContractTarget; cleanup(): Promise<void> }>;

const ACTOR = 'U0CONTRACT';
const AT = '2026-01-02T03:04:05.000Z';

interface Where {
  readonly program?: string;
  readonly sector?: string;
}

const eventFor = (id: number, key: string, where: Where = {}): WinwinEvent => ({
  id,
  at: AT,
  actor: ACTOR,
  type: 'program.edited',
  target: key,
  program: where.program ?? 'autos-hyundai',
  sector: where.sector ?? 'autos',
  before: null,
  after: { key },
});

/** Records `key` in `submissions` with one event targeting it; its value is the event id. */
const record =
  (key: string, where?: Where): Mutation<number> =>
  (state) => {
    const id = state.nextEvent;
    return ok({
      state: { ...state, nextEvent: id + 1, submissions: [...state.submissions, key] },
      events: [eventFor(id, key, where)],
      value: id,
    });
  };

/** Seen by the mutation: what the state held when it ran. */
const observe =
  (key: string, seen: string[][]): Mutation<number> =>
  (state) => {
    seen.push([...state.submissions]);
    return record(key)(state);
  };

const invalidPledge: Mutation<void> = (state) =>
  ok({
    state: {
      ...state,
      pledges: [...state.pledges, { id: 'P1', program: 'nowhere', amount: 'lots' } as never],
    },
    events: [],
    value: undefined,
  });

const stateWith = (keys: readonly string[]): State => ({
  ...emptyState(),
  nextEvent: keys.length + 1,
  submissions: [...keys],
});

export const describeStoreContract = (name: string, makeTarget: MakeTarget): void => {
  describe(`Store contract: ${name}`, () => {
    let target: ContractTarget;
    let cleanup: () => Promise<void>;
    const opened: Store[] = [];
    let failWith: Error | undefined;
    const fault: WriteFault = () => failWith;

    const open = async (): Promise<Store> => {
      const store = await target.open({ fault });
      opened.push(store);
      return store;
    };
    const reopen = async (store: Store): Promise<Store> => {
      await store.close();
      return open();
    };

    beforeEach(async () => {
      failWith = undefined;
      ({ target, cleanup } = await makeTarget());
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      await cleanup();
    });

    describe('a new store', () => {
      it('is empty, with no events', async () => {
        const store = await open();
        expect(store.read()).toEqual(emptyState());
        expect(store.snapshot().state).toEqual(emptyState());
        expect(store.lastEventId()).toBe(0);
        expect(await store.eventsSince(0)).toEqual([]);
        expect(await store.recentEvents(10)).toEqual([]);
      });
    });

    describe('mutate', () => {
      it('resolves with the mutation value once committed; read and snapshot show the committed state', async () => {
        const store = await open();
        expect(await store.mutate(record('a'))).toEqual(ok(1));
        expect(store.read().submissions).toEqual(['a']);
        expect(store.snapshot().state).toBe(store.read());
        expect(store.lastEventId()).toBe(1);
        expect(await store.eventsSince(0)).toEqual([eventFor(1, 'a')]);
      });

      it('serializes concurrent mutations: each sees the result of the one submitted before it', async () => {
        const store = await open();
        const seen: string[][] = [];
        const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
        const results = await Promise.all(keys.map((key) => store.mutate(observe(key, seen))));
        expect(results).toEqual(keys.map((_, i) => ok(i + 1)));
        expect(seen).toEqual(keys.map((_, i) => keys.slice(0, i)));
        expect(store.read().submissions).toEqual(keys);
        expect((await store.eventsSince(0)).map((event) => event.id)).toEqual(keys.map((_, i) => i + 1));
      });

      it('keeps serializing mutations submitted while earlier ones are being written', async () => {
        const store = await open();
        const first = store.mutate(record('a'));
        await Promise.resolve();
        const second = store.mutate(record('b'));
        setTimeout(() => void store.mutate(record('c')), 0);
        await Promise.all([first, second]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(await store.mutate(record('d'))).toEqual(ok(4));
        expect(store.read().submissions).toEqual(['a', 'b', 'c', 'd']);
      });

      it('makes a change durable before it resolves: a reopened store has it', async () => {
        const store = await open();
        await Promise.all(['a', 'b', 'c'].map((key) => store.mutate(record(key))));
        const again = await reopen(store);
        expect(again.read().submissions).toEqual(['a', 'b', 'c']);
        expect(again.lastEventId()).toBe(3);
        expect(await again.eventsSince(0)).toEqual([eventFor(1, 'a'), eventFor(2, 'b'), eventFor(3, 'c')]);
        expect(await again.mutate(record('d'))).toEqual(ok(4));
      });

      it('an error result changes nothing and does not disturb the mutations around it', async () => {
        const store = await open();
        const before = store.snapshot();
        const refused: Mutation<never> = () => err('PLEDGE.UNKNOWN', { id: 'P9' });
        const [a, no, b] = await Promise.all([
          store.mutate(record('a')),
          store.mutate(refused),
          store.mutate(record('b')),
        ]);
        expect(a).toEqual(ok(1));
        expect(no).toMatchObject({ ok: false, error: { code: 'PLEDGE.UNKNOWN' } });
        expect(b).toEqual(ok(2));
        expect(store.read().submissions).toEqual(['a', 'b']);
        const after = await store.mutate(refused);
        expect(after.ok).toBe(false);
        expect(store.snapshot().revision).toBeGreaterThan(before.revision);
        expect(await reopen(store).then((s) => s.read().submissions)).toEqual(['a', 'b']);
      });

      it('a mutation that throws rejects alone and changes nothing', async () => {
        const store = await open();
        const boom: Mutation<never> = () => {
          throw new Error('boom');
        };
        const results = await Promise.allSettled([
          store.mutate(record('a')),
          store.mutate(boom),
          store.mutate(record('b')),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(store.read().submissions).toEqual(['a', 'b']);
      });

      it('a mutation that produces a state breaking the schema rejects and changes nothing', async () => {
        const store = await open();
        await store.mutate(record('a'));
        const before = store.snapshot();
        const results = await Promise.allSettled([store.mutate(invalidPledge), store.mutate(record('b'))]);
        expect(results[0].status).toBe('rejected');
        expect(results[1]).toEqual({ status: 'fulfilled', value: ok(2) });
        expect(store.read().pledges).toEqual([]);
        expect(store.read().submissions).toEqual(['a', 'b']);
        expect(store.snapshot().revision).toBeGreaterThan(before.revision);
        const again = await reopen(store);
        expect(again.read().pledges).toEqual([]);
        expect(again.read().submissions).toEqual(['a', 'b']);
      });

      it('rejects events that do not continue the ids, or a nextEvent that is not past them', async () => {
        const store = await open();
        await store.mutate(record('a'));
        const reused: Mutation<void> = (state) =>
          ok({ state: { ...state, nextEvent: 3 }, events: [eventFor(1, 'again')], value: undefined });
        const counterBehind: Mutation<void> = (state) =>
          ok({ state, events: [eventFor(2, 'b')], value: undefined });
        await expect(store.mutate(reused)).rejects.toThrow();
        await expect(store.mutate(counterBehind)).rejects.toThrow();
        expect(store.lastEventId()).toBe(1);
        expect(await store.eventsSince(0)).toEqual([eventFor(1, 'a')]);
        expect(await store.mutate(record('b'))).toEqual(ok(2));
      });
    });

    describe('a failed write', () => {
      it('rolls the whole batch back: every mutation in it rejects, memory and storage keep the last commit', async () => {
        const store = await open();
        await store.mutate(record('a'));
        const before = store.snapshot();
        failWith = new Error('disk full (injected)');
        const results = await Promise.allSettled(['b', 'c', 'd'].map((key) => store.mutate(record(key))));
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
        expect(store.read()).toBe(before.state);
        expect(store.snapshot().revision).toBe(before.revision);
        expect(store.lastEventId()).toBe(1);
        expect(await store.eventsSince(0)).toEqual([eventFor(1, 'a')]);
        expect(await store.recentEvents(5)).toEqual([eventFor(1, 'a')]);

        failWith = undefined;
        expect(await store.mutate(record('e'))).toEqual(ok(2));
        expect(store.read().submissions).toEqual(['a', 'e']);
        const again = await reopen(store);
        expect(again.read().submissions).toEqual(['a', 'e']);
        expect(await again.eventsSince(0)).toEqual([eventFor(1, 'a'), eventFor(2, 'e')]);
      });

      it('a failed replaceAll keeps the old state and history', async () => {
        const store = await open();
        await store.mutate(record('a'));
        failWith = new Error('connection lost (injected)');
        await expect(
          store.replaceAll(stateWith(['x', 'y']), [eventFor(1, 'x'), eventFor(2, 'y')]),
        ).rejects.toThrow();
        failWith = undefined;
        expect(store.read().submissions).toEqual(['a']);
        expect(await store.eventsSince(0)).toEqual([eventFor(1, 'a')]);
        const again = await reopen(store);
        expect(again.read().submissions).toEqual(['a']);
        expect(await again.eventsSince(0)).toEqual([eventFor(1, 'a')]);
      });
    });

    describe('snapshot', () => {
      it('has a revision that increases with every commit and stays put between them', async () => {
        const store = await open();
        const revisions = [store.snapshot().revision];
        expect(store.snapshot().revision).toBe(revisions[0]);
        for (const key of ['a', 'b', 'c']) {
          await store.mutate(record(key));
          const snapshot = store.snapshot();
          expect(snapshot.state).toBe(store.read());
          expect(snapshot.state.submissions.at(-1)).toBe(key);
          revisions.push(snapshot.revision);
          expect(store.snapshot()).toEqual(snapshot);
        }
        await store.replaceAll(stateWith(['x']), [eventFor(1, 'x')]);
        revisions.push(store.snapshot().revision);
        for (let i = 1; i < revisions.length; i++) {
          expect(revisions[i]).toBeGreaterThan(revisions[i - 1] as number);
        }
      });

      it('is the committed state, never one still being written', async () => {
        const store = await open();
        await store.mutate(record('a'));
        const seen: string[][] = [];
        const pending = Promise.all(['b', 'c'].map((key) => store.mutate(record(key))));
        seen.push([...store.snapshot().state.submissions]);
        await pending;
        seen.push([...store.snapshot().state.submissions]);
        expect(seen).toEqual([['a'], ['a', 'b', 'c']]);
      });
    });

    describe('event queries', () => {
      const seed = async (store: Store): Promise<void> => {
        const where = (i: number): Where =>
          i % 3 === 0
            ? { program: 'steel-posco', sector: 'steel' }
            : i % 3 === 1
              ? { program: 'autos-hyundai', sector: 'autos' }
              : { program: 'autos-hl', sector: 'autos' };
        await Promise.all(Array.from({ length: 30 }, (_, i) => store.mutate(record(`e${i}`, where(i)))));
      };

      it('eventsSince gives the events after an id, oldest first, filtered by program, sector or target', async () => {
        const store = await open();
        await seed(store);
        expect((await store.eventsSince(0)).map((e) => e.id)).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        expect((await store.eventsSince(25)).map((e) => e.id)).toEqual([26, 27, 28, 29, 30]);
        expect(await store.eventsSince(30)).toEqual([]);
        expect(await store.eventsSince(99)).toEqual([]);
        const steel = await store.eventsSince(10, { program: 'steel-posco' });
        expect(steel.map((e) => e.id)).toEqual([13, 16, 19, 22, 25, 28]);
        const autos = await store.eventsSince(20, { sector: 'autos' });
        expect(autos.map((e) => e.id)).toEqual([21, 23, 24, 26, 27, 29, 30]);
        expect((await store.eventsSince(0, { target: 'e7' })).map((e) => e.id)).toEqual([8]);
        expect(await store.eventsSince(0, { program: 'autos-hl', sector: 'steel' })).toEqual([]);
        expect(await store.eventsSince(0, { target: 'nothing' })).toEqual([]);
      });

      it('recentEvents gives the newest events first, up to the limit, filtered', async () => {
        const store = await open();
        await seed(store);
        expect((await store.recentEvents(4)).map((e) => e.id)).toEqual([30, 29, 28, 27]);
        expect((await store.recentEvents(100)).map((e) => e.id)).toEqual(
          Array.from({ length: 30 }, (_, i) => 30 - i),
        );
        expect((await store.recentEvents(3, { program: 'steel-posco' })).map((e) => e.id)).toEqual([
          28, 25, 22,
        ]);
        expect((await store.recentEvents(2, { sector: 'steel' })).map((e) => e.id)).toEqual([28, 25]);
        expect((await store.recentEvents(5, { target: 'e0' })).map((e) => e.id)).toEqual([1]);
        expect(await store.recentEvents(0)).toEqual([]);
        expect(await store.recentEvents(5, { program: 'nowhere' })).toEqual([]);
      });

      it('answers the same after a reopen', async () => {
        const store = await open();
        await seed(store);
        const since = await store.eventsSince(5, { sector: 'autos' });
        const recent = await store.recentEvents(7, { program: 'autos-hl' });
        const again = await reopen(store);
        expect(await again.eventsSince(5, { sector: 'autos' })).toEqual(since);
        expect(await again.recentEvents(7, { program: 'autos-hl' })).toEqual(recent);
        expect(again.lastEventId()).toBe(30);
      });
    });

    describe('replaceAll', () => {
      it('replaces the whole state and history, durably', async () => {
        const store = await open();
        await Promise.all(['a', 'b', 'c'].map((key) => store.mutate(record(key))));
        const history = [eventFor(1, 'x'), eventFor(2, 'y', { program: 'steel-posco', sector: 'steel' })];
        await store.replaceAll(stateWith(['x', 'y']), history);
        expect(store.read()).toEqual(stateWith(['x', 'y']));
        expect(store.lastEventId()).toBe(2);
        expect(await store.eventsSince(0)).toEqual(history);
        expect(await store.recentEvents(1, { sector: 'steel' })).toEqual([history[1]]);
        expect(await store.mutate(record('z'))).toEqual(ok(3));
        const again = await reopen(store);
        expect(again.read().submissions).toEqual(['x', 'y', 'z']);
        expect((await again.eventsSince(0)).map((e) => e.target)).toEqual(['x', 'y', 'z']);
      });

      it('with no history leaves no events', async () => {
        const store = await open();
        await store.mutate(record('a'));
        await store.replaceAll(stateWith([]), []);
        expect(store.lastEventId()).toBe(0);
        expect(await store.eventsSince(0)).toEqual([]);
        expect((await reopen(store)).lastEventId()).toBe(0);
      });

      it('waits for the mutations queued before it and runs before those queued after it', async () => {
        const store = await open();
        const before = store.mutate(record('a'));
        const replaced = store.replaceAll(stateWith(['x']), [eventFor(1, 'x')]);
        const after = store.mutate(record('b'));
        expect(await before).toEqual(ok(1));
        await replaced;
        expect(await after).toEqual(ok(2));
        expect(store.read().submissions).toEqual(['x', 'b']);
      });

      it('refuses an invalid state or history and changes nothing', async () => {
        const store = await open();
        await store.mutate(record('a'));
        const bad = { ...stateWith(['x']), nextPledge: 0 };
        await expect(store.replaceAll(bad, [eventFor(1, 'x')])).rejects.toThrow();
        await expect(
          store.replaceAll(stateWith(['x']), [eventFor(2, 'x'), eventFor(1, 'y')]),
        ).rejects.toThrow();
        await expect(
          store.replaceAll({ ...stateWith([]), nextEvent: 1 }, [eventFor(1, 'x')]),
        ).rejects.toThrow();
        expect(store.read().submissions).toEqual(['a']);
        expect(await store.eventsSince(0)).toEqual([eventFor(1, 'a')]);
        expect((await reopen(store)).read().submissions).toEqual(['a']);
      });
    });

    describe('close', () => {
      it('waits for queued mutations, then later ones reject; the data stays', async () => {
        const store = await open();
        const queued = ['a', 'b', 'c'].map((key) => store.mutate(record(key)));
        await store.close();
        expect(await Promise.all(queued)).toEqual([ok(1), ok(2), ok(3)]);
        await expect(store.mutate(record('late'))).rejects.toThrow(/closed/);
        await expect(store.replaceAll(stateWith([]), [])).rejects.toThrow(/closed/);
        await store.close(); // twice is fine
        const again = await open();
        expect(again.read().submissions).toEqual(['a', 'b', 'c']);
      });
    });
  });
};
