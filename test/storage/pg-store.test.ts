import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoChange } from '../../src/domain/demo.js';
import { err, ok } from '../../src/domain/result.js';
import { emptyState, type State } from '../../src/domain/types.js';
import { openPgStore, type PgStore } from '../../src/storage/pg/pg-store.js';
import { createTestDatabase, describePg, sql, type TestDatabase } from '../support/pg.js';
import { keyEvent, recordKey, TEST_ACTOR } from '../support/store-fixtures.js';

describePg('PostgreSQL store', (server) => {
  let db: TestDatabase;
  const open: PgStore[] = [];
  const openTracked = async (): Promise<PgStore> => {
    const store = await openPgStore(db.url);
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    db = await createTestDatabase(server);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await sql(db.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('applies its migrations once, records them, and starts empty', async () => {
    const store = await openTracked();
    expect(store.read()).toEqual(emptyState());
    expect(store.lastEventId()).toBe(0);
    const second = await openTracked();
    expect(second.snapshot().revision).toBe(store.snapshot().revision);
    const applied = await sql(db.url, 'SELECT version, name FROM winwin_migrations ORDER BY version');
    expect(applied).toEqual([
      { version: 1, name: '001_initial.sql' },
      { version: 2, name: '002_commit_function.sql' },
    ]);
  });

  it('keeps committed changes across a reopen, with their events', async () => {
    const store = await openTracked();
    expect(await store.mutate(recordKey('a'))).toEqual(ok(1));
    await store.close();
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['a']);
    expect(await again.eventsSince(0)).toEqual([keyEvent(1, 'a')]);
    expect(again.lastEventId()).toBe(1);
  });

  it('lands 200 racing mutations in order, in fewer transactions', async () => {
    const store = await openTracked();
    const keys = Array.from({ length: 200 }, (_, i) => `m${i}`);
    const results = await Promise.all(keys.map((key) => store.mutate(recordKey(key))));
    expect(results).toEqual(keys.map((_, i) => ok(i + 1)));
    expect(store.stats().writes).toBeLessThan(200);
    expect(store.read().submissions).toEqual(keys);
    expect((await store.eventsSince(0)).map((e) => e.id)).toEqual(keys.map((_, i) => i + 1));
  });

  it('stores money as digits and decodes it to Decimal; numeric in SQL', async () => {
    const store = await openTracked();
    const demo = demoChange(new Date('2026-01-05T00:00:00Z'), TEST_ACTOR);
    await store.replaceAll(demo.state, demo.events);
    const again = await openTracked();
    expect(again.read()).toEqual(demo.state);
    const pledge = again.read().pledges[0];
    expect(pledge?.amount.constructor.name).not.toBe('Number');
    expect(typeof pledge?.amount.toFixed).toBe('function');
    const [sum] = await sql<{ total: string }>(
      db.url,
      "SELECT sum(amount)::text AS total FROM winwin_rows WHERE collection = 'pledges'",
    );
    const expected = demo.state.pledges.reduce((t, p) => t.plus(p.amount), new Decimal(0));
    expect(sum?.total).toBe(expected.toFixed(0));
  });

  it('writes only what changed and drops the front of a capped list without rewriting it', async () => {
    const store = await openTracked();
    for (let i = 0; i < 5; i++) await store.mutate(recordKey(`k${i}`));
    const before = await sql<{ pos: string; revision: string }>(
      db.url,
      "SELECT pos, revision FROM winwin_rows WHERE collection = 'submissions' ORDER BY pos",
    );
    await store.mutate((state) =>
      ok({ state: { ...state, submissions: [...state.submissions.slice(2), 'k5'] }, events: [], value: 0 }),
    );
    const after = await sql<{ pos: string; revision: string }>(
      db.url,
      "SELECT pos, revision FROM winwin_rows WHERE collection = 'submissions' ORDER BY pos",
    );
    expect(after.map((r) => Number(r.pos))).toEqual([2, 3, 4, 5]);
    expect(after.slice(0, 3)).toEqual(before.slice(2));
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['k2', 'k3', 'k4', 'k5']);
    await again.mutate((state) =>
      ok({
        state: { ...state, submissions: state.submissions.filter((k) => k !== 'k3') },
        events: [],
        value: 0,
      }),
    );
    await store.refresh();
    expect(store.read().submissions).toEqual(['k2', 'k4', 'k5']);
    const third = await openTracked();
    expect(third.read().submissions).toEqual(['k2', 'k4', 'k5']);
  });

  it('an error result, a throwing mutation and a schema-breaking one change nothing; the others land', async () => {
    const store = await openTracked();
    const revision = store.snapshot().revision;
    const results = await Promise.allSettled([
      store.mutate(recordKey('a')),
      store.mutate(() => err('PLEDGE.UNKNOWN', { id: 'P9' })),
      store.mutate(() => {
        throw new Error('bug');
      }),
      store.mutate((state) =>
        ok({
          state: { ...state, submissions: [...state.submissions, 'x'.repeat(500)] },
          events: [],
          value: 0,
        }),
      ),
      store.mutate(recordKey('b')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(store.read().submissions).toEqual(['a', 'b']);
    expect(store.snapshot().revision).toBe(revision + 1);
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['a', 'b']);
  });

  it('two replicas: no lost update, unique ids in commit order, each follows the other within a second', async () => {
    const a = await openTracked();
    const b = await openTracked();
    const keys = Array.from({ length: 100 }, (_, i) => `r${i}`);
    const ids = await Promise.all(keys.map((key, i) => (i % 2 === 0 ? a : b).mutate(recordKey(key))));
    const values = ids.map((r) => (r.ok ? r.value : 0));
    expect(new Set(values).size).toBe(100);
    await expect.poll(() => b.read().submissions.length, { timeout: 1000, interval: 20 }).toBe(100);
    await expect.poll(() => a.read().submissions.length, { timeout: 1000, interval: 20 }).toBe(100);
    const events = await a.eventsSince(0);
    expect(events.map((e) => e.id)).toEqual([...values].sort((x, y) => x - y));
    expect(b.read()).toEqual(a.read());
    expect(new Set(a.read().submissions)).toEqual(new Set(keys));
    // The order of submissions is the commit order of their events.
    expect(a.read().submissions).toEqual(events.map((e) => e.target));
  });

  it('events: filters, newest first, and nothing the snapshot does not count', async () => {
    const store = await openTracked();
    await store.mutate(recordKey('a'));
    await store.mutate((state) => {
      const id = state.nextEvent;
      return ok({
        state: { ...state, nextEvent: id + 1 },
        events: [{ ...keyEvent(id, 'b'), program: 'steel-posco', sector: 'steel' }],
        value: id,
      });
    });
    await store.mutate(recordKey('c'));
    expect((await store.recentEvents(2)).map((e) => e.target)).toEqual(['c', 'b']);
    expect((await store.eventsSince(0, { sector: 'steel' })).map((e) => e.target)).toEqual(['b']);
    expect((await store.eventsSince(1, { program: 'autos-hyundai' })).map((e) => e.target)).toEqual(['c']);
    expect((await store.recentEvents(5, { target: 'a' })).map((e) => e.id)).toEqual([1]);
  });

  it('answers event queries beyond the events it keeps in memory from the table, the same way', async () => {
    const a = await openTracked();
    const keys = Array.from({ length: 1100 }, (_, i) => `t${i}`);
    await Promise.all(keys.map((key) => a.mutate(recordKey(key))));
    const b = await openTracked();
    for (const store of [a, b]) {
      expect((await store.eventsSince(0)).map((e) => e.id)).toEqual(keys.map((_, i) => i + 1));
      expect((await store.eventsSince(1090)).map((e) => e.target)).toEqual(keys.slice(1090));
      expect((await store.recentEvents(1100)).map((e) => e.id)).toEqual(keys.map((_, i) => 1100 - i));
      expect((await store.recentEvents(3, { target: 't5' })).map((e) => e.id)).toEqual([6]);
    }
    // The other replica's new event reaches this one's memory too.
    await a.mutate(recordKey('last'));
    await expect.poll(() => b.lastEventId(), { timeout: 1000 }).toBe(1101);
    expect((await b.recentEvents(2)).map((e) => e.target)).toEqual(['last', 't1099']);
  });

  it('replaceAll replaces state and history on every replica', async () => {
    const a = await openTracked();
    const b = await openTracked();
    await a.mutate(recordKey('old'));
    const demo = demoChange(new Date('2026-01-05T00:00:00Z'), TEST_ACTOR);
    await a.replaceAll(demo.state, demo.events);
    expect(a.read()).toEqual(demo.state);
    await expect.poll(() => b.read().pledges.length, { timeout: 1000 }).toBe(demo.state.pledges.length);
    expect(b.read()).toEqual(demo.state);
    expect(await b.eventsSince(0)).toEqual(demo.events);
    const state: State = b.read();
    expect(state.submissions).toEqual([]);
  });
});
