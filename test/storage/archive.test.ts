import { appendFile, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventArchive } from '../../src/storage/event-archive.js';
import { openStore } from '../../src/storage/open-store.js';
import { keyEvent, recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let dir: string;
let file: string;
let archive: string;
eachTempStore((paths) => {
  ({ dir, file } = paths);
  archive = path.join(dir, 'winwin.events.jsonl');
});

const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i + 1}`);
const targets = (events: readonly { target: string }[]) => events.map((event) => event.target);
const archiveIds = async () =>
  (await readFile(archive, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line).id as number);

/**
 * A store with `count` events, one per sequential mutation, keeping 5 in the main file: closed once,
 * so that a compaction has moved the older ones to the archive.
 */
const storeWithHistory = async (count: number) => {
  const first = await openStore(file, { archiveKeep: 5 });
  for (const key of keys(count)) await first.mutate(recordKey(key));
  await first.close();
  return openStore(file, { archiveKeep: 5 });
};

describe('event archive', () => {
  it('moves old events out of the main file into an append-only archive, mode 0600', async () => {
    const store = await storeWithHistory(40);
    const { eventsInMain, archivedThrough } = store.stats();
    expect(eventsInMain).toBe(5);
    expect(archivedThrough + eventsInMain).toBe(40);
    expect(EventArchive.pathFor(file)).toBe(archive);
    expect(await archiveIds()).toEqual(Array.from({ length: archivedThrough }, (_, i) => i + 1));
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    const main = JSON.parse(await readFile(file, 'utf8'));
    expect(main.events.map((event: { id: number }) => event.id)[0]).toBe(archivedThrough + 1);
    await store.close();
  });

  it('reads events across the boundary, from memory and archive, before and after a reopen', async () => {
    let store = await storeWithHistory(40);
    for (let round = 0; round < 2; round++) {
      const through = store.stats().archivedThrough;
      expect(targets(await store.eventsSince(0))).toEqual(keys(40));
      expect(targets(await store.eventsSince(through - 3))).toEqual(keys(40).slice(through - 3));
      expect(targets(await store.eventsSince(through))).toEqual(keys(40).slice(through));
      expect(targets(await store.eventsSince(40))).toEqual([]);
      expect(targets(await store.recentEvents(12))).toEqual(keys(40).slice(-12).reverse());
      expect(targets(await store.recentEvents(100))).toEqual(keys(40).reverse());
      expect(store.lastEventId()).toBe(40);
      await store.close();
      store = await openStore(file, { archiveKeep: 5 });
    }
    await store.close();
  });

  it('filters by target, program and sector on both sides of the boundary', async () => {
    const store = await storeWithHistory(30);
    expect(targets(await store.eventsSince(0, { target: 'k3' }))).toEqual(['k3']);
    expect(targets(await store.recentEvents(2, { target: 'k29' }))).toEqual(['k29']);
    expect(await store.eventsSince(0, { program: 'steel-posco' })).toEqual([]);
    expect(await store.recentEvents(5, { sector: 'ships' })).toEqual([]);
    expect(await store.eventsSince(0, { sector: 'autos', program: 'autos-hyundai' })).toHaveLength(30);
    await store.close();
  });

  it('tolerates a torn last line (a crash mid-append) and cuts it', async () => {
    const first = await storeWithHistory(20);
    const through = first.stats().archivedThrough;
    await first.close();
    await appendFile(archive, '{"id":99,"at":"2026-01-02T0');

    const store = await openStore(file, { archiveKeep: 5 });
    expect(targets(await store.eventsSince(0))).toEqual(keys(20));
    expect(await archiveIds()).toEqual(Array.from({ length: through }, (_, i) => i + 1));
    for (const key of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']) await store.mutate(recordKey(key));
    expect(targets(await store.eventsSince(0))).toEqual([
      ...keys(20),
      'x1',
      'x2',
      'x3',
      'x4',
      'x5',
      'x6',
      'x7',
    ]);
    await store.close();
  });

  it('neither loses nor duplicates events archived just before a crash that kept the old main file', async () => {
    const first = await storeWithHistory(20);
    await first.close();
    const main = JSON.parse(await readFile(file, 'utf8'));
    // The archive got the next events, but the main file that drops them was never written.
    const surplus = main.events.slice(0, 3).map((event: object) => `${JSON.stringify(event)}\n`);
    await appendFile(archive, surplus.join(''));

    const store = await openStore(file, { archiveKeep: 5 });
    const ids = (await store.eventsSince(0)).map((event) => event.id);
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await archiveIds()).toEqual(Array.from({ length: main.archivedThrough }, (_, i) => i + 1));
    await store.close();
  });

  it('refuses to open when the archive lost events the main file counts on', async () => {
    const first = await storeWithHistory(20);
    const through = first.stats().archivedThrough;
    await first.close();
    const lines = (await readFile(archive, 'utf8')).split('\n').filter((line) => line !== '');
    await writeFile(archive, `${lines.slice(0, -2).join('\n')}\n`);
    await expect(openStore(file)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining(`expects E${through}`),
    });
    await rm(archive);
    await expect(openStore(file)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringContaining('is missing'),
    });
  });

  it('names the archive and the byte when a line inside it is damaged', async () => {
    const first = await storeWithHistory(20);
    await first.close();
    const text = await readFile(archive, 'utf8');
    await writeFile(archive, text.replace('"id":2,', '"id":"two",'));
    const store = await openStore(file, { archiveKeep: 5 });
    await expect(store.eventsSince(0)).rejects.toThrow(
      new RegExp(`${archive}: byte \\d+: not a valid event`),
    );
    await store.close();
  });

  it('reads long lines and many chunks back in order', async () => {
    const store = await openStore(file, { archiveKeep: 2 });
    const long = (id: number) => ({ ...keyEvent(id, `e${id}`), reason: '한'.repeat(1500) });
    const events = Array.from({ length: 200 }, (_, i) => long(i + 1));
    await store.replaceAll({ ...store.read(), nextEvent: 201 }, events);
    expect(store.stats().archivedThrough).toBe(198);
    expect(await store.eventsSince(0)).toEqual(events);
    expect(await store.recentEvents(150)).toEqual(events.slice(-150).reverse());
    await store.close();
  });
});
