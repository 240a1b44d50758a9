import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Mutation } from '../../src/domain/change.js';
import { ok } from '../../src/domain/result.js';
import type { WinwinEvent } from '../../src/domain/types.js';

export const TEST_ACTOR = 'U0TEST';

/** A fresh temp folder; `cleanup` removes it. */
const tempFolder = async (): Promise<{ dir: string; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/**
 * A fresh temp folder for every test of the calling file, removed after it: `use` gets the folder and
 * the store file in it (`name`, relative to the folder) before each test. Register it before any
 * afterEach that must run first (closing stores): after-hooks run last-registered first.
 */
export const eachTempStore = (
  use: (paths: { dir: string; file: string }) => void,
  name = 'winwin.json',
): void => {
  let cleanup = async (): Promise<void> => {};
  beforeEach(async () => {
    const folder = await tempFolder();
    cleanup = folder.cleanup;
    use({ dir: folder.dir, file: path.join(folder.dir, name) });
  });
  afterEach(() => cleanup());
};

/** An event as a mutation would record it. */
export const keyEvent = (id: number, key: string): WinwinEvent => ({
  id,
  at: '2026-01-02T03:04:05.000Z',
  actor: TEST_ACTOR,
  type: 'program.edited',
  target: key,
  program: 'autos-hyundai',
  sector: 'autos',
  before: null,
  after: { key },
});

/**
 * A mutation that records `key` in `submissions` and causes one event targeting it; resolves with the
 * event id. Enough to check order, durability and the event archive without the domain's rules.
 */
export const recordKey =
  (key: string): Mutation<number> =>
  (state) => {
    const id = state.nextEvent;
    return ok({
      state: { ...state, nextEvent: id + 1, submissions: [...state.submissions, key] },
      events: [keyEvent(id, key)],
      value: id,
    });
  };
