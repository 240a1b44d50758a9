import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FULL_SIZES, generateStore } from '../../bench/generate.js';
import { demoChange } from '../../src/domain/demo.js';
import type { State, WinwinEvent } from '../../src/domain/types.js';
import { openStore } from '../../src/storage/open-store.js';
import { exportStore, openAnyStore } from '../../src/storage/store-copy.js';
import { createTestDatabase, describePg, type TestDatabase } from '../support/pg.js';

/** `npm run store:copy` between the JSON file and PostgreSQL, both ways, with the export compared. */

const ROOT = path.resolve(import.meta.dirname, '../..');

const storeCopy = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/store-copy.ts'), ...args],
      { cwd: ROOT, timeout: 240_000, maxBuffer: 1 << 24 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });

const seedFile = async (file: string, state: State, events: readonly WinwinEvent[]): Promise<void> => {
  const store = await openStore(file);
  await store.replaceAll(state, events);
  await store.close();
};

const exportOf = async (where: string): Promise<string> => {
  const store = await openAnyStore(where);
  try {
    return exportStore(store.read(), await store.eventsSince(0));
  } finally {
    await store.close();
  }
};

describePg('npm run store:copy', (server) => {
  let dir: string;
  const dbs: TestDatabase[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-copy-'));
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips the demo store file → PostgreSQL → file with an identical export; refuses a non-empty target without --force', async () => {
    const db = await createTestDatabase(server);
    dbs.push(db);
    const source = path.join(dir, 'demo.json');
    const demo = demoChange(new Date('2026-01-05T00:00:00Z'), 'U0WINWIN');
    await seedFile(source, demo.state, demo.events);
    const original = await exportOf(source);

    const there = await storeCopy(source, db.url);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(there.stdout).toMatch(
      /^Copied .* and checked it: .*pledges.*events \(last E\d+\); pledged \d+ won/,
    );
    expect(await exportOf(db.url)).toBe(original);

    const back = path.join(dir, 'back.json');
    expect((await storeCopy(db.url, back)).code).toBe(0);
    expect(await exportOf(back)).toBe(original);

    // A target that holds data is refused, and left as it was.
    const other = path.join(dir, 'other.json');
    const small = demoChange(new Date('2026-02-01T00:00:00Z'), 'U0OTHER1');
    await seedFile(
      other,
      { ...small.state, pledges: small.state.pledges.slice(0, 1) },
      small.events.slice(0, 1),
    );
    const before = await exportOf(db.url);
    const refused = await storeCopy(other, db.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty .*nothing was changed.*--force/);
    expect(await exportOf(db.url)).toBe(before);
    const forced = await storeCopy(other, db.url, '--force');
    expect(forced.code).toBe(0);
    expect(await exportOf(db.url)).toBe(await exportOf(other));
    expect((await storeCopy(source)).code).toBe(2);
  }, 240_000);

  it('round-trips a 100× store with identical exports', async () => {
    const db = await createTestDatabase(server);
    dbs.push(db);
    const source = path.join(dir, 'big.json');
    const big = generateStore(FULL_SIZES);
    await seedFile(source, big.state, big.events);
    const original = await exportOf(source);
    const there = await storeCopy(source, db.url);
    expect(there.code, there.stderr).toBe(0);
    expect(await exportOf(db.url)).toBe(original);
    const back = path.join(dir, 'big-back.json');
    const again = await storeCopy(db.url, back);
    expect(again.code, again.stderr).toBe(0);
    expect(await exportOf(back)).toBe(original);
  }, 300_000);
});
