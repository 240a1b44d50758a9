import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoState } from '../../src/domain/demo.js';
import { openStore } from '../../src/storage/open-store.js';

/**
 * The console driven as a person would: a real child process, lines written to its stdin, its stdout
 * read until the expected text appears.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const WAIT_MS = 20_000;

interface ConsoleProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the output after `from` once it matches; rejects (with the transcript) after a while. */
  waitFor(pattern: string | RegExp, from?: number): Promise<string>;
  send(line: string): void;
  exited: Promise<number | null>;
}

const startConsole = (env: Record<string, string>, args: string[] = []): ConsoleProcess => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('WINWIN_') && !k.startsWith('SLACK_')),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/console/main.ts', ...args], {
    cwd: ROOT,
    env: { ...clean, NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor: (pattern, from = 0) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const seen = out.slice(from);
          const hit = typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen);
          if (hit) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(seen);
          }
          return hit;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `console never printed ${String(pattern)}\n--- stdout ---\n${out}\n--- stderr ---\n${err}`,
            ),
          );
        }, WAIT_MS);
        listeners.add(check);
        void exited.then(() => {
          if (!check()) {
            clearTimeout(timer);
            reject(new Error(`console exited before printing ${String(pattern)}\n${out}\n${err}`));
          }
        });
        check();
      }),
  };
};

const PROMPT = 'UCONSOLE1> ';

describe('npm run console', { timeout: 90_000 }, () => {
  let dir: string;
  let db: string;
  let running: ConsoleProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-console-'));
    db = path.join(dir, 'winwin.json');
  });
  afterEach(async () => {
    if (running !== undefined && running.child.exitCode === null) running.child.kill();
    running = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const seedDemo = async (): Promise<void> => {
    const store = await openStore(db);
    await store.replaceAll(demoState(new Date(), 'U0SEEDER1'), []);
    await store.close();
  };

  it('answers /winwin status, records a pledge through the modal prompts, and exits with 0', async () => {
    await seedDemo();
    const c = startConsole({ WINWIN_DB: db });
    running = c;
    const banner = await c.waitFor(PROMPT);
    expect(banner).toContain(db);
    expect(banner).toContain('admin');
    expect(banner).toMatch(/exit/);

    let mark = c.output().length;
    c.send('/winwin status retail');
    const status = await c.waitFor(PROMPT, mark);
    expect(status).toContain('100 billion won'); // retail's target
    expect(status).toContain('suspended');
    expect(status).toContain('[Share in channel]');

    mark = c.output().length;
    c.send('/winwin pledge retail');
    await c.waitFor(/Program \[[^\]]+\]> $/, mark);
    c.send(''); // keep the preselected retail program
    await c.waitFor(/Contributor> $/, mark);
    c.send('CJ Group');
    await c.waitFor(/Kind \[[^\]]+\]> $/, mark);
    c.send('');
    await c.waitFor(/Amount> $/, mark);
    c.send('a lot'); // the app rejects it; the console asks again
    await c.waitFor(/Status \[[^\]]+\]> $/, mark);
    c.send('2');
    await c.waitFor(/Expected payment> $/, mark);
    c.send('2026-12-31');
    await c.waitFor(/Note> $/, mark);
    c.send('');
    await c.waitFor(/Installments> $/, mark);
    c.send('');
    const rejected = await c.waitFor(/nothing was stored[\s\S]*Amount> $/, mark);
    expect(rejected).toContain("Can't read");
    c.send('30억');
    const recorded = await c.waitFor(PROMPT, mark);
    expect(recorded).toMatch(/Recorded pledge P12/);

    c.send('exit');
    expect(await c.exited).toBe(0);

    // The store file, read back the way the app opens it (the lock is released on exit).
    const store = await openStore(db);
    const pledge = store.read().pledges.find((p) => p.id === 'P12');
    await store.close();
    expect(pledge).toMatchObject({ contributor: 'CJ Group', status: 'committed', due: '2026-12-31' });
    expect(pledge?.amount.toFixed(0)).toBe('3000000000');
  });

  it('seeds an empty store with --demo, acts as another user with --as, and ends at end of input', async () => {
    const c = startConsole({ WINWIN_DB: db, WINWIN_EDITORS: 'U0EDIT001' }, ['--demo', '--as', 'U0VIEW001']);
    running = c;
    const banner = await c.waitFor('U0VIEW001> ');
    expect(banner).toContain('filled with the demo programs');
    expect(banner).toContain('viewer');

    const mark = c.output().length;
    c.send('status retail'); // "/winwin" may be left out
    const status = await c.waitFor('U0VIEW001> ', mark);
    expect(status).toContain('100 billion won');
    expect(status).not.toContain('Coupang'); // unsigned: hidden from viewers
    expect(status).not.toContain('Change status');

    // Start-up work of the console's own app (a reminder day due at start-up writes its watermark)
    // settles before the file is taken as the reference the refused pledge must not change.
    let before = await readFile(db, 'utf8');
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await readFile(db, 'utf8');
      if (now === before) break;
      before = now;
    }
    const mark2 = c.output().length;
    c.send('pledge retail 30억 CJ');
    const refused = await c.waitFor('U0VIEW001> ', mark2);
    expect(refused).toContain('Only editors and admins can change data');
    expect(await readFile(db, 'utf8')).toBe(before);

    c.child.stdin.end();
    expect(await c.exited).toBe(0);
    const store = await openStore(db);
    const state = store.read();
    await store.close();
    expect(state.pledges.map((p) => p.id)).toEqual(
      demoState(new Date(), 'U0SEEDER1').pledges.map((p) => p.id),
    );
  });

  it('says how to load the demo when the store is empty', async () => {
    const c = startConsole({ WINWIN_DB: db });
    running = c;
    const banner = await c.waitFor(PROMPT);
    expect(banner).toContain('npm run seed:demo');
    expect(banner).toContain('--demo');
    c.send('quit');
    expect(await c.exited).toBe(0);
  });
});
