import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

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
