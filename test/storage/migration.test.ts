import { cp, mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/domain/types.js';
import { tempPathOf } from '../../src/storage/durable-file.js';
import { StoreOpenError } from '../../src/storage/errors.js';
import { CURRENT_VERSION, MIGRATIONS, type Migrations } from '../../src/storage/migrations.js';
import { openStore } from '../../src/storage/open-store.js';
import { recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let dir: string;
let file: string;
eachTempStore((paths) => ({ dir, file } = paths));

/** A made-up format 0: the state at the top level, no events, and `keys` instead of `submissions`. */
const v0 = { version: 0, ...emptyState(), submissions: undefined, keys: ['old-1', 'old-2'] };
const fromV0: Migrations = {
  ...MIGRATIONS,
  0: ({ keys, version: _version, ...state }) => ({
    archivedThrough: 0,
    state: { ...state, submissions: keys },
    events: [],
  }),
};

describe('migrations', () => {
  it('upgrades an older file stepwise before validating it, and writes the new format on open', async () => {
    await writeFile(file, JSON.stringify(v0));
    const store = await openStore(file, { migrations: fromV0 });
    expect(store.read().submissions).toEqual(['old-1', 'old-2']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: CURRENT_VERSION });
    await store.mutate(recordKey('new'));
    await store.close();

    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: CURRENT_VERSION });
    const again = await openStore(file);
    expect(again.read().submissions).toEqual(['old-1', 'old-2', 'new']);
    await again.close();
  });

  it('refuses an older file it has no migration for, untouched', async () => {
    await writeFile(file, JSON.stringify(v0));
    const before = await readFile(file);
    await expect(openStore(file, { migrations: {} })).rejects.toMatchObject({
      code: 'VERSION',
      message: expect.stringContaining('no migration from it'),
    });
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('opens a version-1 file (events in the main file) with the default migrations', async () => {
    const v1 = {
      version: 1,
      archivedThrough: 0,
      state: { ...emptyState(), nextEvent: 2, submissions: ['v1'] },
      events: [
        {
          id: 1,
          at: '2026-01-02T03:04:05.000Z',
          actor: 'U0TEST',
          type: 'program.edited',
          target: 'v1',
          before: null,
          after: { key: 'v1' },
        },
      ],
    };
    await writeFile(file, JSON.stringify(v1));
    const store = await openStore(file);
    expect(store.read().submissions).toEqual(['v1']);
    expect(await store.mutate(recordKey('v2'))).toMatchObject({ ok: true, value: 2 });
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 3, lastEventId: 2 });
    const again = await openStore(file);
    expect((await again.eventsSince(0)).map((event) => event.target)).toEqual(['v1', 'v2']);
    await again.close();
  });

  it('refuses a file written by a newer version', async () => {
    await writeFile(file, JSON.stringify({ version: 99 }));
    const error = await openStore(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ code: 'VERSION', message: expect.stringMatching(/newer Winwin.*99/) });
  });

  it('validates what a migration produced', async () => {
    await writeFile(file, JSON.stringify(v0));
    const broken: Migrations = { ...MIGRATIONS, 0: () => ({ archivedThrough: 0, state: {}, events: [] }) };
    await expect(openStore(file, { migrations: broken })).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe('a version-2 store left by a kill before compaction (test/fixtures/v2-wal-store)', () => {
  const FIXTURE = fileURLToPath(new URL('../fixtures/v2-wal-store/', import.meta.url));
  const expected = async () =>
    JSON.parse(await readFile(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
      pledgeIds: string[];
      contributors: string[];
      nextEvent: number;
      lastEventId: number;
      eventCount: number;
    };
  const copyFixture = () => cp(path.join(FIXTURE, 'store'), dir, { recursive: true });
  const walSegments = async () =>
    (await readdir(dir)).filter((name) => /^winwin\.wal\.\d+\.jsonl$/.test(name));

  it('opens with every pledge its log held, converted once into the new format', async () => {
    await copyFixture();
    expect(await walSegments()).toEqual(['winwin.wal.1.jsonl']);
    const want = await expected();
    const store = await openStore(file);
    const { pledges, nextEvent } = store.read();
    expect(pledges.map((p) => p.id)).toEqual(want.pledgeIds);
    expect(pledges.map((p) => p.contributor)).toEqual(want.contributors);
    expect(pledges).toHaveLength(71);
    expect(nextEvent).toBe(want.nextEvent);
    expect(store.lastEventId()).toBe(want.lastEventId);
    const events = await store.eventsSince(0);
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: want.eventCount }, (_, i) => i + 1));
    // Written in the new format: the main file alone holds every pledge; the log is gone.
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json).toMatchObject({ version: CURRENT_VERSION, lastEventId: want.lastEventId });
    expect(json.state.pledges.map((p: { id: string }) => p.id)).toEqual(want.pledgeIds);
    expect(await walSegments()).toEqual([]);
    const lines = (await readFile(path.join(dir, 'winwin.events.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(want.eventCount);
    expect(await store.mutate(recordKey('after migration'))).toMatchObject({
      ok: true,
      value: want.nextEvent,
    });
    await store.close();

    const again = await openStore(file);
    expect(again.read().pledges.map((p) => p.id)).toEqual(want.pledgeIds);
    expect((await again.eventsSince(0)).length).toBe(want.eventCount + 1);
    await again.close();
  });

  it('keeps the old files until the new ones are durable: a failed conversion leaves them as they were', async () => {
    await copyFixture();
    const before = await readFile(file);
    const log = await readFile(path.join(dir, 'winwin.wal.1.jsonl'));
    await mkdir(tempPathOf(file)); // the new main file cannot be written
    await expect(openStore(file)).rejects.toThrow();
    expect((await readFile(file)).equals(before)).toBe(true);
    expect((await readFile(path.join(dir, 'winwin.wal.1.jsonl'))).equals(log)).toBe(true);
    await rmdir(tempPathOf(file));
    const store = await openStore(file);
    expect(store.read().pledges.map((p) => p.id)).toEqual((await expected()).pledgeIds);
    await store.close();
  });
});
