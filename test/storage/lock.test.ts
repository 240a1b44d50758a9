import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/storage/errors.js';
import { eventsPathOf } from '../../src/storage/events-file.js';
import { openStore } from '../../src/storage/open-store.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let dir: string;
let file: string;
eachTempStore((paths) => ({ dir, file } = paths));

const CHILD_STORE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../support/child-store.ts');

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Opens and closes: the lock was free (or recovered). */
const opens = async (at = file) => {
  const store = await openStore(at);
  await store.mutate(recordKey(`opened ${Date.now()}`));
  await store.close();
};

/** The pid of a process that has already exited. */
const deadPid = (): number => {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  if (pid === undefined) throw new Error('could not spawn');
  return pid;
};

/** A process's state letter from /proc (Z: a zombie, dead but not yet reaped by its parent). */
const procState = async (pid: number): Promise<string | undefined> => {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return text?.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
};

const aliveByKill0 = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('one owner at a time', () => {
  it('holds a unix socket beside the file, and removes it on close', async () => {
    const store = await openStore(file);
    expect((await stat(`${file}.lock`)).isSocket()).toBe(true);
    await store.close();
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second opener in the same process, naming the file and the holder, then lets it in after close', async () => {
    const first = await openStore(file);
    const error = await refusal(openStore(file));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ code: 'LOCKED' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(`pid ${process.pid} on ${hostname()}`);
    await first.mutate(recordKey('still mine'));
    await first.close();
    const second = await openStore(file);
    expect(second.read().submissions).toEqual(['still mine']);
    await second.close();
  });

  it('lets only one of two simultaneous opens win', async () => {
    const results = await Promise.allSettled([openStore(file), openStore(file), openStore(file)]);
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'LOCKED' });
    await (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openStore>>>).value.close();
  });

  it('refuses this process while a child process holds the store', async () => {
    const holder = spawnChildStore(['hold', file]);
    await holder.waitFor((line) => line === 'open');
    const error = await refusal(openStore(file));
    expect(error).toMatchObject({ code: 'LOCKED' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(`pid ${holder.child.pid}`);
    holder.child.stdin?.end();
    expect(await holder.exited).toEqual({ code: 0, signal: null });
    await opens();
  });

  it('refuses a live second instance, which changes nothing', async () => {
    const store = await openStore(file);
    await store.mutate(recordKey('first'));
    const before = [await readFile(file), await readFile(eventsPathOf(file))];
    const child = spawnChildStore(['hold', file]);
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect(child.lines).toEqual(['refused LOCKED']);
    expect(child.stderr()).toContain(file);
    expect(child.stderr()).toContain(`pid ${process.pid}`);
    expect([await readFile(file), await readFile(eventsPathOf(file))]).toEqual(before);
    expect(await store.mutate(recordKey('second'))).toMatchObject({ ok: true });
    await store.close();
  });

  it('works for a store whose lock path is longer than a unix socket path may be', async () => {
    const deep = path.join(dir, 'a'.repeat(60), 'b'.repeat(60), 'winwin.json');
    await mkdir(path.dirname(deep), { recursive: true });
    const store = await openStore(deep);
    expect(await refusal(openStore(deep))).toMatchObject({ code: 'LOCKED' });
    await store.close();
    await opens(deep);
  });
});

describe('a holder that is gone never blocks the next start', () => {
  it('releases the lock when the owning process exits without closing', async () => {
    const child = spawnChildStore(['exit', file]);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    await opens();
  });

  it('recovers the lock of a process killed with SIGKILL (its socket is left behind)', async () => {
    const holder = spawnChildStore(['hold', file]);
    await holder.waitFor((line) => line === 'open');
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect((await stat(`${file}.lock`)).isSocket()).toBe(true);
    await opens();
  });

  it('recovers the lock of a zombie: a killed holder its parent never reaps, which kill(pid, 0) calls alive', async () => {
    // sh starts the holder in the background, then becomes `sleep`, which never waits for it.
    const parent = spawn(
      'sh',
      [
        '-c',
        `"$0" --import tsx "$1" sit "$2" & echo "pid $!"; exec sleep 120`,
        process.execPath,
        CHILD_STORE,
        file,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      let output = '';
      parent.stdout.setEncoding('utf8');
      await new Promise<void>((resolve) => {
        parent.stdout.on('data', (chunk: string) => {
          output += chunk;
          if (output.includes('open')) resolve();
        });
      });
      const pid = Number(/pid (\d+)/.exec(output)?.[1]);
      // Still holding: refused. Then killed, and never reaped.
      expect(await refusal(openStore(file))).toMatchObject({
        code: 'LOCKED',
        message: expect.stringContaining(`pid ${pid}`),
      });
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && (await procState(pid)) !== 'Z'; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await procState(pid)).toBe('Z');
      expect(aliveByKill0(pid)).toBe(true);
      await opens();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('recovers a version-2 lock file naming a dead pid, a reused pid (ours) or another host', async () => {
    const left = [
      { pid: deadPid(), hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' },
      { pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' },
      { pid: deadPid(), hostname: 'old-container-3f2a', startedAt: '2026-01-01T00:00:00.000Z' },
    ];
    for (const owner of left) {
      await writeFile(`${file}.lock`, JSON.stringify(owner));
      await opens();
    }
    await writeFile(`${file}.lock`, '');
    await opens();
  });
});
