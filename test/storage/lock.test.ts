import { spawnSync } from 'node:child_process';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/storage/errors.js';
import { openStore } from '../../src/storage/open-store.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let file: string;
eachTempStore((paths) => ({ file } = paths));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** The pid of a process that has already exited. */
const deadPid = (): number => {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  if (pid === undefined) throw new Error('could not spawn');
  return pid;
};

describe('single owner', () => {
  it('writes a lock file naming its owner, mode 0600, and removes it on close', async () => {
    const store = await openStore(file);
    const lock = JSON.parse(await readFile(`${file}.lock`, 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect((await stat(`${file}.lock`)).mode & 0o777).toBe(0o600);
    await store.close();
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second opener in the same process, then lets it in after close', async () => {
    const first = await openStore(file);
    const error = await refusal(openStore(file));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ code: 'LOCKED' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(String(process.pid));
    await first.mutate(recordKey('still mine'));
    await first.close();

    const second = await openStore(file);
    expect(second.read().submissions).toEqual(['still mine']);
    await second.close();
  });

  it('lets only one of two simultaneous opens in the same process win', async () => {
    const results = await Promise.allSettled([openStore(file), openStore(file)]);
    const winners = results.filter((result) => result.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const loser = results.find((result) => result.status === 'rejected');
    expect(loser?.reason).toMatchObject({ code: 'LOCKED' });
    await (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openStore>>>).value.close();
  });

  it('recovers a lock with its own pid left from before this process started (containers reuse pids)', async () => {
    const earlier = { pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' };
    await writeFile(`${file}.lock`, JSON.stringify(earlier));
    const store = await openStore(file);
    await store.close();
  });

  it('releases the lock when the owning process exits without closing', async () => {
    const child = spawnChildStore(['exit', file]);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.lines).toEqual(['open']);
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
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
    const store = await openStore(file);
    await store.close();
  });

  it('refuses a child process while this process holds the store', async () => {
    const store = await openStore(file);
    const child = spawnChildStore(['hold', file]);
    expect(await child.exited).toEqual({ code: 3, signal: null });
    expect(child.lines).toEqual(['refused LOCKED']);
    expect(child.stderr()).toContain(file);
    expect(child.stderr()).toContain(`pid ${process.pid}`);
    await store.close();
  });

  it('recovers the lock of a process that was killed', async () => {
    const holder = spawnChildStore(['hold', file]);
    await holder.waitFor((line) => line === 'open');
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(JSON.parse(await readFile(`${file}.lock`, 'utf8'))).toMatchObject({ pid: holder.child.pid });
    const store = await openStore(file);
    expect(JSON.parse(await readFile(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it('recovers a lock left by a dead pid on this host', async () => {
    const stale = { pid: deadPid(), hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(`${file}.lock`, JSON.stringify(stale));
    const store = await openStore(file);
    await store.close();
  });

  it('refuses a lock held from another host, and says how to clear it', async () => {
    const foreign = { pid: deadPid(), hostname: 'elsewhere.example', startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(`${file}.lock`, JSON.stringify(foreign));
    const error = await refusal(openStore(file));
    expect(error).toMatchObject({ code: 'LOCKED' });
    expect((error as Error).message).toMatch(/elsewhere\.example.*delete/);
  });

  it('takes over an unreadable lock file only once it is older than lockStaleMs', async () => {
    await writeFile(`${file}.lock`, '');
    expect(await refusal(openStore(file, { lockStaleMs: 60_000 }))).toMatchObject({ code: 'LOCKED' });
    const old = new Date(Date.now() - 120_000);
    await utimes(`${file}.lock`, old, old);
    const store = await openStore(file, { lockStaleMs: 60_000 });
    await store.close();
  });
});
