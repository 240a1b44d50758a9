import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

const SEED_SCRIPT = fileURLToPath(new URL('../../scripts/seed-demo.ts', import.meta.url));

let file: string;
eachTempStore((paths) => ({ file } = paths), path.join('data', 'winwin.json'));

const seed = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SEED_SCRIPT, ...args], {
      env: { ...process.env, WINWIN_DB: file },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('npm run seed:demo', () => {
  it('loads the demo programs into an empty store', async () => {
    const { code, stdout } = await seed();
    expect(code).toBe(0);
    expect(stdout).toContain(file);
    const store = await openStore(file);
    const state = store.read();
    expect(state.programs.map((program) => program.slug)).toContain('autos-hyundai');
    expect(state.sectors.map((sector) => sector.name)).toEqual(
      expect.arrayContaining(['autos', 'steel', 'shipbuilding', 'retail']),
    );
    expect(state.pledges.length).toBeGreaterThan(0);
    await store.close();
  });

  it('refuses to overwrite a store that holds data, unless --force', async () => {
    const store = await openStore(file);
    await store.mutate(recordKey('real work'));
    await store.close();
    const before = await readFile(file);

    const refused = await seed();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--force/);
    expect((await readFile(file)).equals(before)).toBe(true);

    expect((await seed('--force')).code).toBe(0);
    const replaced = await openStore(file);
    expect(replaced.read().submissions).toEqual([]);
    expect(replaced.read().programs.length).toBeGreaterThan(0);
    await replaced.close();
  });

  it('rejects unknown arguments', async () => {
    const { code, stderr } = await seed('--frce');
    expect(code).toBe(2);
    expect(stderr).toContain('--frce');
  });
});
