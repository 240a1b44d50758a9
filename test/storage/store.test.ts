import { mkdir, readFile, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../src/domain/result.js';
import { emptyState } from '../../src/domain/types.js';
import { tempPathOf } from '../../src/storage/durable-file.js';
import { CURRENT_VERSION } from '../../src/storage/migrations.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { walSegmentPath } from '../../src/storage/wal.js';
import { keyEvent, recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let file: string;
const open: Store[] = [];

const openTracked = async (options?: Parameters<typeof openStore>[1]) => {
  const store = await openStore(file, options);
  open.push(store);
  return store;
};

eachTempStore((paths) => ({ file } = paths), path.join('data', 'winwin.json'));
// Registered after the folder's: runs before its removal.
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

describe('openStore', () => {
  it('creates the folder and an empty store file readable only by its owner', async () => {
    const store = await openTracked();
    expect(store.read()).toEqual(emptyState());
    expect(store.lastEventId()).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json).toMatchObject({ version: CURRENT_VERSION, archivedThrough: 0, walSeq: 0, events: [] });
  });

  it('keeps committed changes across a reopen', async () => {
    const store = await openTracked();
    expect(await store.mutate(recordKey('a'))).toEqual(ok(1));
    await store.close();
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['a']);
    expect(await again.eventsSince(0)).toEqual([keyEvent(1, 'a')]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('mutate', () => {
  it('lands 200 racing mutations, in the order they were submitted, in fewer writes', async () => {
    const store = await openTracked();
    const writesBefore = store.stats().writes;
    const keys = Array.from({ length: 200 }, (_, i) => `m${i}`);
    const results = await Promise.all(keys.map((key) => store.mutate(recordKey(key))));
    expect(results).toEqual(keys.map((_, i) => ok(i + 1)));
    expect(store.stats().mutations).toBe(200);
    const writes = store.stats().writes - writesBefore;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(200);
    await store.close();

    const again = await openTracked();
    expect(again.read().submissions).toEqual(keys);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(keys);
  });

  it('gives each mutation the state left by the one before it', async () => {
    const store = await openTracked();
    const seen: number[] = [];
    const count = (state: ReturnType<Store['read']>) => {
      seen.push(state.submissions.length);
      return recordKey(`n${state.submissions.length}`)(state);
    };
    await Promise.all([store.mutate(count), store.mutate(count), store.mutate(count)]);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('resolves an error result without changing anything, and keeps the rest of the batch', async () => {
    const store = await openTracked();
    const refused = store.mutate(() => err('PLEDGE.UNKNOWN', { id: 'P9' }));
    const [first, second] = await Promise.all([store.mutate(recordKey('x')), refused]);
    expect(first).toEqual(ok(1));
    expect(second).toEqual(err('PLEDGE.UNKNOWN', { id: 'P9' }));
    expect(store.read().submissions).toEqual(['x']);
  });

  it('rejects only the mutation that throws or breaks the schema', async () => {
    const store = await openTracked();
    const results = await Promise.allSettled([
      store.mutate(recordKey('before')),
      store.mutate(() => {
        throw new Error('bug');
      }),
      store.mutate((state) => ok({ state: { ...state, nextPledge: -1 }, events: [], value: 0 })),
      store.mutate((state) => ok({ state, events: [keyEvent(1, 'reused id')], value: 0 })),
      store.mutate(recordKey('after')),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(store.read().submissions).toEqual(['before', 'after']);
    expect(store.read().nextPledge).toBe(1);
    expect((await store.eventsSince(0)).map((event) => event.id)).toEqual([1, 2]);
  });

  it('rejects only the mutation that puts an invalid element in an array, even among racing ones', async () => {
    const store = await openTracked();
    const tooLong = 'x'.repeat(201); // submissions are at most 200 characters
    const results = await Promise.allSettled([
      store.mutate(recordKey('one')),
      store.mutate((state) =>
        ok({ state: { ...state, submissions: [...state.submissions, tooLong] }, events: [], value: 0 }),
      ),
      store.mutate((state) =>
        ok({ state: { ...state, grants: 'not a list' as never }, events: [], value: 0 }),
      ),
      store.mutate(recordKey('two')),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    // Applied while that batch was being sorted out, on top of it.
    expect(await store.mutate(recordKey('three'))).toEqual(ok(3));
    expect(store.read().submissions).toEqual(['one', 'two', 'three']);
    await store.close();
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['one', 'two', 'three']);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['one', 'two', 'three']);
  });

  it('shows only committed state to read() while a write is in flight', async () => {
    const store = await openTracked();
    const pending = store.mutate(recordKey('later'));
    expect(store.read().submissions).toEqual([]);
    await pending;
    expect(store.read().submissions).toEqual(['later']);
  });

  it('hands out a frozen state, so an in-place edit fails loudly', async () => {
    const store = await openTracked();
    await store.mutate(recordKey('a'));
    expect(() => (store.read().submissions as string[]).push('sneaky')).toThrow(TypeError);
  });

  /**
   * A store with one commit whose next log append must create segment 2, blocked by a folder of
   * that name: the next write fails for real. Close and reopen fold commit 1 into the main file, so
   * the next commit starts a new segment.
   */
  const storeWithBlockedLog = async () => {
    const first = await openTracked();
    await first.mutate(recordKey('kept'));
    await first.close();
    const store = await openTracked();
    await mkdir(walSegmentPath(file, 2));
    return store;
  };

  it('rolls back and rejects the whole batch when the disk write fails, then recovers', async () => {
    const store = await storeWithBlockedLog();
    const failed = await Promise.allSettled([
      store.mutate(recordKey('lost1')),
      store.mutate(recordKey('lost2')),
    ]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain(file);
    expect(store.read().submissions).toEqual(['kept']);
    expect(store.lastEventId()).toBe(1);

    await rmdir(walSegmentPath(file, 2));
    expect(await store.mutate(recordKey('next'))).toEqual(ok(2));
    await store.close();
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['kept', 'next']);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['kept', 'next']);
  });

  it('also rejects mutations applied while the failing write was in flight', async () => {
    const store = await storeWithBlockedLog();
    const inFlight = store.mutate(recordKey('in flight'));
    await null; // the queue starts on a microtask: the first write is now under way
    const appliedMeanwhile = store.mutate(recordKey('applied meanwhile'));
    const results = await Promise.allSettled([inFlight, appliedMeanwhile]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await rmdir(walSegmentPath(file, 2));
    expect(await store.mutate(recordKey('next'))).toEqual(ok(2));
    expect(store.read().submissions).toEqual(['kept', 'next']);
  });

  it('keeps commits durable in the log when the main file cannot be rewritten', async () => {
    const store = await openTracked({ compactAfterBytes: 1 });
    // A folder where the main file's temp file must go: every compaction fails, commits do not.
    await mkdir(tempPathOf(file));
    const keys = Array.from({ length: 30 }, (_, i) => `c${i}`);
    for (const key of keys) await store.mutate(recordKey(key));
    expect(store.read().submissions).toEqual(keys);
    await expect(store.close()).rejects.toThrow(/replayed on the next open/);
    expect(store.stats().compactions).toBe(0);

    await rmdir(tempPathOf(file));
    const again = await openTracked();
    expect(again.read().submissions).toEqual(keys);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(keys);
  });

  it('lets queued mutations finish on close, and refuses new ones', async () => {
    const store = await openTracked();
    const pending = store.mutate(recordKey('queued'));
    await store.close();
    expect(await pending).toEqual(ok(1));
    await expect(store.mutate(recordKey('late'))).rejects.toThrow(/closed/);
  });
});

describe('replaceAll', () => {
  it('replaces state and history, in order with queued mutations', async () => {
    const first = await openTracked({ archiveKeep: 4 });
    for (let i = 0; i < 12; i++) await first.mutate(recordKey(`old${i}`));
    await first.close();
    const store = await openTracked({ archiveKeep: 4 });
    expect(store.stats().archivedThrough).toBeGreaterThan(0);

    const state = { ...emptyState(), nextEvent: 4, submissions: ['s'] };
    const events = [keyEvent(1, 'n1'), keyEvent(2, 'n2'), keyEvent(3, 'n3')];
    const before = store.mutate(recordKey('before'));
    const replaced = store.replaceAll(state, events);
    const after = store.mutate(recordKey('after'));
    expect(await before).toEqual(ok(13));
    await replaced;
    expect(await after).toEqual(ok(4));
    await store.close();

    const again = await openTracked({ archiveKeep: 4 });
    expect(again.read().submissions).toEqual(['s', 'after']);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['n1', 'n2', 'n3', 'after']);
  });

  it('archives a long history it is given', async () => {
    const store = await openTracked({ archiveKeep: 10 });
    const events = Array.from({ length: 100 }, (_, i) => keyEvent(i + 1, `h${i + 1}`));
    await store.replaceAll({ ...emptyState(), nextEvent: 101 }, events);
    expect(store.stats()).toMatchObject({ eventsInMain: 10, archivedThrough: 90 });
    expect(await store.eventsSince(0)).toEqual(events);
  });

  it('refuses a history whose ids do not increase, and changes nothing', async () => {
    const store = await openTracked();
    await store.mutate(recordKey('a'));
    await expect(
      store.replaceAll({ ...emptyState(), nextEvent: 3 }, [keyEvent(2, 'x'), keyEvent(1, 'y')]),
    ).rejects.toThrow(/does not follow/);
    expect(store.read().submissions).toEqual(['a']);
  });
});
