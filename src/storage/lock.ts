import { unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { FILE_MODE } from './durable-file.js';
import { errnoCode, StoreOpenError } from './errors.js';

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface StoreLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /**
   * How old an unreadable lock file (a crash between creating and writing it) must be before it is
   * taken over. A readable lock is judged by its pid instead, never by age.
   */
  readonly staleMs?: number;
}

/** Lock files this process holds: a second open in the same process is refused, not taken over. */
const heldHere = new Set<string>();

const parseOwner = (text: string): LockOwner | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, hostname: host, startedAt } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof startedAt !== 'string')
      return undefined;
    return { pid, hostname: host, startedAt };
  } catch {
    return undefined;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(error) !== 'ESRCH';
  }
};

type Verdict = { readonly stale: true } | { readonly stale: false; readonly why: string };

const judge = async (lockPath: string, text: string, staleMs: number): Promise<Verdict> => {
  const owner = parseOwner(text);
  if (owner === undefined) {
    const age = Date.now() - (await stat(lockPath)).mtimeMs;
    return age > staleMs
      ? { stale: true }
      : { stale: false, why: 'is being taken by another process (the lock file is still being written)' };
  }
  const who = `pid ${owner.pid} on ${owner.hostname} (since ${owner.startedAt})`;
  if (owner.hostname !== hostname()) {
    return {
      stale: false,
      why: `is in use by ${who}; another host's process cannot be checked — if it is gone, delete ${lockPath}`,
    };
  }
  if (owner.pid === process.pid) {
    // Our pid, from before this process started: an earlier process had the same pid (containers).
    const thisProcessStarted = Date.now() - process.uptime() * 1000;
    return Date.parse(owner.startedAt) < thisProcessStarted - 1000
      ? { stale: true }
      : { stale: false, why: `is already open in this process (pid ${owner.pid})` };
  }
  return isAlive(owner.pid)
    ? {
        stale: false,
        why: `is in use by ${who}; stop that process first (if that pid is not Winwin, delete ${lockPath})`,
      }
    : { stale: true };
};

const tryCreate = async (lockPath: string, owner: LockOwner): Promise<boolean> => {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, 'wx', FILE_MODE);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
};

/**
 * Moves a stale lock aside and checks that what was moved is the lock judged stale: if another
 * process took it over in the meantime, its fresh lock is put back and we lose the race.
 */
const removeStale = async (lockPath: string, staleText: string): Promise<void> => {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside);
};

/**
 * Takes `<file>.lock` (created with O_EXCL, holding pid, hostname and start time) or refuses with a
 * StoreOpenError('LOCKED') naming the file and its owner. A lock whose process is dead is recovered.
 */
export const acquireLock = async (file: string, options: LockOptions = {}): Promise<StoreLock> => {
  const lockPath = `${file}.lock`;
  const staleMs = options.staleMs ?? 10_000;
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  if (heldHere.has(lockPath)) {
    throw new StoreOpenError('LOCKED', file, `is already open in this process (pid ${process.pid})`);
  }
  // Claimed before the file exists, so that a second open in this process cannot slip in meanwhile.
  heldHere.add(lockPath);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryCreate(lockPath, owner)) return holdLock(lockPath);
      let text: string;
      try {
        text = await readFile(lockPath, 'utf8');
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') continue;
        throw error;
      }
      const verdict = await judge(lockPath, text, staleMs);
      if (!verdict.stale) throw new StoreOpenError('LOCKED', file, verdict.why);
      await removeStale(lockPath, text);
    }
    throw new StoreOpenError(
      'LOCKED',
      file,
      `could not take ${lockPath}: other processes keep racing for it`,
    );
  } catch (error) {
    heldHere.delete(lockPath);
    throw error;
  }
};

const holdLock = (lockPath: string): StoreLock => {
  // On a normal exit (including process.exit) the lock goes with us; after a kill it is recovered by pid.
  const onExit = (): void => {
    try {
      unlinkSync(lockPath);
    } catch {
      // Nothing more can be done while exiting.
    }
  };
  process.once('exit', onExit);
  let released = false;
  return {
    path: lockPath,
    release: async () => {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      heldHere.delete(lockPath);
      await unlink(lockPath).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error;
      });
    },
  };
};
