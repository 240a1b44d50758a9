import { readFileSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../src/domain/result.js';
import { emptyState } from '../../src/domain/types.js';
import { tempPathOf } from '../../src/storage/durable-file.js';
import { eventsPathOf, replacementPathOf } from '../../src/storage/events-file.js';
import { CURRENT_VERSION } from '../../src/storage/migrations.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { keyEvent, recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

/** What the JSON-file adapter adds to the contract (test/contract): its files, as an operator sees them. */

let dir: string;
let file: string;
const open: Store[] = [];

const openTracked = async (options?: Parameters<typeof openStore>[1], at = file) => {
  const store = await openStore(at, options);
  open.push(store);
  return store;
};

/** WINWIN_DB read as plain JSON, as a backup script or an operator would. */
const mainJson = async (at = file) => JSON.parse(await readFile(at, 'utf8'));
const eventLines = async (at = file) =>
  (await readFile(eventsPathOf(at), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id: number; target: string });

eachTempStore((paths) => ({ dir, file } = paths), path.join('data', 'winwin.json'));
// Registered after the folder's: runs before its removal.
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

describe('the files', () => {
  it('a new store is a main file and an empty events file, both readable only by their owner', async () => {
    const store = await openTracked();
    expect(store.read()).toEqual(emptyState());
    expect(await mainJson()).toMatchObject({ version: CURRENT_VERSION, lastEventId: 0, state: emptyState() });
    expect(await readFile(eventsPathOf(file), 'utf8')).toBe('');
    for (const name of [file, eventsPathOf(file)]) expect((await stat(name)).mode & 0o777).toBe(0o600);
  });

  it('holds every acknowledged change in WINWIN_DB and the events file the moment it is acknowledged', async () => {
    const store = await openTracked();
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    await Promise.all(
      keys.map(async (key) => {
        const result = await store.mutate(recordKey(key));
        // Read at once, while other mutations are still being written.
        const json = JSON.parse(readFileSync(file, 'utf8'));
        expect(json.state.submissions).toContain(key);
        expect(json.lastEventId).toBeGreaterThanOrEqual(result.ok ? result.value : Number.NaN);
      }),
    );
    expect((await mainJson()).state.submissions).toEqual(keys);
    expect((await eventLines()).map((event) => event.target)).toEqual(keys);
  });

  it('is backed up by copying the two files, while the store is open', async () => {
    const store = await openTracked();
    for (const key of ['a', 'b', 'c']) await store.mutate(recordKey(key));
    const backup = path.join(dir, 'backup', 'winwin.json');
    await mkdir(path.dirname(backup));
    await copyFile(file, backup);
    await copyFile(eventsPathOf(file), eventsPathOf(backup));
    const restored = await openTracked(undefined, backup);
    expect(restored.read()).toEqual(store.read());
    expect(await restored.eventsSince(0)).toEqual(await store.eventsSince(0));
  });

  it('lands 200 racing mutations in fewer writes of the main file (group commit)', async () => {
    const store = await openTracked();
    const writesBefore = store.stats().writes;
    const keys = Array.from({ length: 200 }, (_, i) => `m${i}`);
    const results = await Promise.all(keys.map((key) => store.mutate(recordKey(key))));
    expect(results).toEqual(keys.map((_, i) => ok(i + 1)));
    expect(store.stats().mutations).toBe(200);
    const writes = store.stats().writes - writesBefore;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(50);
  });

  it('appends the events (fsynced) before it writes the main file that counts them', async () => {
    const seen: { events: number; counted: number }[] = [];
    const store = await openTracked({
      writeFault: () => {
        seen.push({
          events: readFileSync(eventsPathOf(file), 'utf8').split('\n').filter(Boolean).length,
          counted: JSON.parse(readFileSync(file, 'utf8')).lastEventId,
        });
        return undefined;
      },
    });
    await store.mutate(recordKey('a'));
    await store.mutate(recordKey('b'));
    expect(seen).toEqual([
      { events: 1, counted: 0 },
      { events: 2, counted: 1 },
    ]);
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
      store.mutate((state) => ok({ state: { ...state, nextPledge: -1 }, events: [], value: 0 })),
      store.mutate(recordKey('two')),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(store.read().submissions).toEqual(['one', 'two']);
    expect((await mainJson()).state.submissions).toEqual(['one', 'two']);
  });

  it('hands out a frozen state, so an in-place edit fails loudly', async () => {
    const store = await openTracked();
    await store.mutate(recordKey('a'));
    expect(() => {
      (store.read() as { nextPledge: number }).nextPledge = 99;
    }).toThrow(TypeError);
  });
});

describe('a write the disk refuses', () => {
  /** A folder where the main file's temp file must go: the next durable write fails for real. */
  const block = () => mkdir(tempPathOf(file));
  const unblock = () => rmdir(tempPathOf(file));

  it('rejects the whole batch naming the file, keeps the files as they were, and recovers', async () => {
    const store = await openTracked();
    await store.mutate(recordKey('kept'));
    const before = await readFile(file);
    await block();
    const inFlight = store.mutate(recordKey('lost1'));
    await null; // the first write is under way: this one is applied meanwhile, on top of it
    const meanwhile = store.mutate(recordKey('lost2'));
    const failed = await Promise.allSettled([inFlight, meanwhile]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toContain(file);
    expect(store.read().submissions).toEqual(['kept']);
    expect(store.lastEventId()).toBe(1);
    expect((await readFile(file)).equals(before)).toBe(true);

    await unblock();
    expect(await store.mutate(recordKey('next'))).toEqual(ok(2));
    expect((await eventLines()).map((event) => event.target)).toEqual(['kept', 'next']);
    await store.close();
    const again = await openTracked();
    expect(again.read().submissions).toEqual(['kept', 'next']);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['kept', 'next']);
  });
});

describe('open after a crash', () => {
  const threeCommits = async () => {
    const store = await openStore(file);
    for (const key of ['a', 'b', 'c']) await store.mutate(recordKey(key));
    await store.close();
  };

  it('cuts a torn last line and events the main file does not count', async () => {
    await threeCommits();
    const committed = await readFile(eventsPathOf(file));
    await appendFile(eventsPathOf(file), `${JSON.stringify(keyEvent(4, 'never counted'))}\n{"id":5,"at":"20`);
    const store = await openTracked();
    expect(store.lastEventId()).toBe(3);
    expect((await store.eventsSince(0)).map((event) => event.target)).toEqual(['a', 'b', 'c']);
    expect((await readFile(eventsPathOf(file))).equals(committed)).toBe(true);
    expect(await store.mutate(recordKey('d'))).toEqual(ok(4));
    expect((await eventLines()).map((event) => event.id)).toEqual([1, 2, 3, 4]);
  });

  it('finishes a replaceAll whose main file was written but whose events file was not yet renamed', async () => {
    const store = await openStore(file);
    await store.mutate(recordKey('old'));
    await store.replaceAll({ ...emptyState(), nextEvent: 3, submissions: ['n'] }, [
      keyEvent(1, 'n1'),
      keyEvent(2, 'n2'),
    ]);
    await store.close();
    const { history } = await mainJson();
    // As a crash would leave it: the new history under its temporary name, the old one in place.
    await rename(eventsPathOf(file), replacementPathOf(file, history));
    await writeFile(eventsPathOf(file), `${JSON.stringify(keyEvent(1, 'old'))}\n`);
    await writeFile(replacementPathOf(file, history + 1), 'an unfinished later replaceAll\n');
    const again = await openTracked();
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['n1', 'n2']);
    expect((await readdir(path.dirname(file))).filter((name) => name.includes('.events.jsonl.'))).toEqual([]);
  });
});

describe('a long history', () => {
  it('answers event queries over 100,000 events without holding them all', async () => {
    const count = 100_000;
    const events = Array.from({ length: count }, (_, i) =>
      i % 1000 === 7
        ? { ...keyEvent(i + 1, `rare${i}`), program: 'steel-posco', sector: 'steel' }
        : keyEvent(i + 1, `h${i}`),
    );
    const first = await openStore(file);
    await first.replaceAll({ ...emptyState(), nextEvent: count + 1 }, events);
    await first.close();
    const started = performance.now();
    const store = await openTracked();
    const openMs = performance.now() - started;
    expect(store.lastEventId()).toBe(count);
    expect((await store.recentEvents(3)).map((event) => event.id)).toEqual([count, count - 1, count - 2]);
    expect((await store.eventsSince(count - 2)).map((event) => event.id)).toEqual([count - 1, count]);
    const rare = await store.recentEvents(1000, { program: 'steel-posco' });
    expect(rare.map((event) => event.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => count - 992 - i * 1000),
    );
    const since = await store.eventsSince(50_000, { sector: 'steel' });
    expect(since).toHaveLength(50);
    expect(since[0]?.id).toBe(50_008);
    expect((await store.eventsSince(0, { target: 'h12345' })).map((event) => event.id)).toEqual([12_346]);
    expect(openMs).toBeLessThan(2000);
  }, 120_000);
});
