import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/domain/types.js';
import { StoreOpenError } from '../../src/storage/errors.js';
import { CURRENT_VERSION, MIGRATIONS, type Migrations } from '../../src/storage/migrations.js';
import { openStore } from '../../src/storage/open-store.js';
import { recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let file: string;
eachTempStore((paths) => ({ file } = paths));

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

  it('opens a version-1 file (before the write-ahead log) with the default migrations', async () => {
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
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2, walSeq: 1 });
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
