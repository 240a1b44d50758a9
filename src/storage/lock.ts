import { createHash, randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, rename, stat, symlink, unlink } from 'node:fs/promises';
import net from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { errnoCode, StoreOpenError } from './errors.js';

/**
 * The store's lock is a unix socket, `<file>.lock`, that the holder listens on. A newcomer connects
 * to it: a live holder answers with who it is, and the newcomer is refused; a holder that died in any
 * way (kill -9, OOM kill, a zombie whose parent never reaps it, a container restarted with a new
 * hostname or pid) had its socket closed by the kernel, so the connection is refused (ECONNREFUSED)
 * and the newcomer replaces the dead socket. No pid, hostname or age is ever judged.
 *
 * The socket is bound under a unique temporary name and hard-linked to `<file>.lock`: link(2) fails
 * if the name exists, so exactly one of several racing processes takes it. A dead lock is moved aside
 * before it is removed and probed again there, so a lock another newcomer took meanwhile is put back.
 */

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface StoreLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Longest socket path the kernel takes (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;
const PROBE_TIMEOUT_MS = 2000;

/**
 * A path to `target` short enough to bind or connect: itself, or the same name through a symlink to
 * its folder in the temp folder (a socket bound through a symlinked folder lives in the real folder).
 */
const reachable = async (target: string): Promise<string> => {
  if (Buffer.byteLength(target) <= MAX_SOCKET_PATH) return target;
  const dir = path.dirname(target);
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  const short = path.join(tmpdir(), `winwin-${hash}`);
  await symlink(dir, short).catch((error: unknown) => {
    if (errnoCode(error) !== 'EEXIST') throw error;
  });
  const through = path.join(short, path.basename(target));
  if (Buffer.byteLength(through) > MAX_SOCKET_PATH) {
    throw new Error(`the lock's name ${path.basename(target)} is too long for a unix socket`);
  }
  return through;
};

type Probe = { readonly alive: false } | { readonly alive: true; readonly owner: string };

const CLOSING = 'a process that is closing it';

/**
 * Connects to a lock socket: who answers (alive), or that nobody listens (dead or gone). A holder
 * that drops the connection unanswered is asked again for up to 3 s: it is usually dying.
 */
const probe = async (socketPath: string): Promise<Probe> => {
  for (let attempt = 0; ; attempt++) {
    const found = await probeOnce(socketPath);
    if (!found.alive || found.owner !== CLOSING || attempt >= 30) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const probeOnce = async (socketPath: string): Promise<Probe> => {
  const at = await reachable(socketPath);
  return new Promise<Probe>((resolve, reject) => {
    let answer = '';
    const socket = net.connect(at);
    socket.setEncoding('utf8');
    socket.setTimeout(PROBE_TIMEOUT_MS, () => {
      // Connected but silent (a stopped process): it still holds the socket.
      socket.destroy();
      resolve({ alive: true, owner: 'a process that does not answer' });
    });
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve({ alive: true, owner: describeOwner(answer) }));
    socket.on('error', (error) => {
      const code = errnoCode(error);
      if (code === 'ECONNREFUSED' || code === 'ENOENT') resolve({ alive: false });
      else if (answer !== '') resolve({ alive: true, owner: describeOwner(answer) });
      // Accepted, then dropped unanswered: the holder is going away (a dying process's socket
      // closes a moment after its main thread is gone). Asked again by `probe`.
      else if (code === 'ECONNRESET' || code === 'EPIPE') resolve({ alive: true, owner: CLOSING });
      else reject(error);
    });
  });
};

const describeOwner = (answer: string): string => {
  try {
    const owner = JSON.parse(answer) as LockOwner;
    return `pid ${owner.pid} on ${owner.hostname} (since ${owner.startedAt})`;
  } catch {
    return 'another process';
  }
};

const listen = (at: string, owner: LockOwner): Promise<net.Server> =>
  new Promise((resolve, reject) => {
    const server = net.createServer((connection) => {
      connection.on('error', () => undefined);
      connection.end(JSON.stringify(owner));
    });
    server.once('error', reject);
    server.listen(at, () => {
      server.off('error', reject);
      server.unref(); // the lock alone does not keep the process alive
      resolve(server);
    });
  });

const closeServer = (server: net.Server): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));

const ignoreMissing = (error: unknown): void => {
  if (errnoCode(error) !== 'ENOENT') throw error;
};

/**
 * Takes `<file>.lock` or refuses with a StoreOpenError('LOCKED') naming the file and its holder. A
 * lock left by a process that is gone is taken over at once.
 */
export const acquireLock = async (file: string): Promise<StoreLock> => {
  const lockPath = `${file}.lock`;
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const unique = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.sock`,
  );
  const server = await listen(await reachable(unique), owner);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(unique, lockPath);
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
        const found = await probe(lockPath);
        if (found.alive) throw refused(file, found.owner);
        // Dead: move it aside, and check that what was moved is still dead (not a newcomer's).
        const aside = `${unique}.dead`;
        try {
          await rename(lockPath, aside);
        } catch (renameError) {
          ignoreMissing(renameError);
          continue;
        }
        const moved = await probe(aside);
        if (moved.alive) await link(aside, lockPath).catch(() => undefined);
        await unlink(aside).catch(ignoreMissing);
        if (moved.alive) throw refused(file, moved.owner);
        continue;
      }
      await unlink(unique).catch(ignoreMissing);
      return hold(lockPath, server);
    }
    throw new StoreOpenError(
      'LOCKED',
      file,
      `could not take ${lockPath}: other processes keep racing for it`,
    );
  } catch (error) {
    await closeServer(server);
    await unlink(unique).catch(() => undefined);
    throw error;
  }
};

const refused = (file: string, owner: string): StoreOpenError =>
  new StoreOpenError(
    'LOCKED',
    file,
    `is in use by ${owner}, which holds its lock ${file}.lock; stop that process first`,
  );

const hold = async (lockPath: string, server: net.Server): Promise<StoreLock> => {
  const { ino } = await stat(lockPath);
  // The socket dies with the process whatever happens; removing the name on exit is only tidiness.
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
      const current = await stat(lockPath).catch(() => undefined);
      if (current?.ino === ino) await unlink(lockPath).catch(ignoreMissing);
      await closeServer(server);
    },
  };
};
