import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { describe, it } from 'vitest';
import { createDatabase, type OwnDatabase, onServer } from '../../bench/postgres.js';

/**
 * The PostgreSQL tests run against WINWIN_TEST_DATABASE_URL (a cluster `.ci/run` starts, or any
 * server a developer points them at): each test file gets databases of its own, created and dropped
 * here. Without the variable they are skipped with the reason; WINWIN_REQUIRE_POSTGRES=1 (CI) turns
 * that skip into a failure.
 */

export const PG_URL = process.env.WINWIN_TEST_DATABASE_URL;
const REQUIRED = process.env.WINWIN_REQUIRE_POSTGRES === '1';
export const PG_SKIP_REASON =
  'WINWIN_TEST_DATABASE_URL is not set, so the PostgreSQL tests were skipped (run .ci/run, or start a server and set it)';

const describeIf = (name: string, reason: string | undefined, body: () => void): void => {
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  if (REQUIRED) {
    describe(name, () => {
      it('needs PostgreSQL (WINWIN_REQUIRE_POSTGRES=1)', () => {
        throw new Error(`WINWIN_REQUIRE_POSTGRES=1 but ${reason}`);
      });
    });
    return;
  }
  console.warn(`${name}: ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
};

/** `describe` when PostgreSQL is configured; else a skipped suite that says why (a failure under CI). */
export const describePg = (name: string, body: (url: string) => void): void => {
  const url = PG_URL;
  const ready = url !== undefined && url !== '';
  describeIf(name, ready ? undefined : PG_SKIP_REASON, () => body(url as string));
};

/** `describe` when this process can run clusters of its own (tests that stop the server). */
export const describeOwnCluster = (name: string, body: () => void): void => {
  // Only where the PostgreSQL tests were asked for (CI sets the URL): a developer who installed the
  // package for something else does not get servers started by npm test.
  const reason =
    PG_URL === undefined || PG_URL === ''
      ? PG_SKIP_REASON
      : pgBinDir() === undefined
        ? 'PostgreSQL is not installed (/usr/lib/postgresql/*/bin), so the tests that stop and start a server were skipped'
        : canRunOwnCluster()
          ? undefined
          : 'starting a PostgreSQL server needs root or the postgres user, so the tests that stop and start one were skipped';
  describeIf(name, reason, body);
};

export type TestDatabase = OwnDatabase;

/** A new, empty database on the test server. */
export const createTestDatabase = (serverUrl: string): Promise<TestDatabase> =>
  createDatabase(serverUrl, 'winwin_t_');

/** Runs one SQL statement on `url` (tests that look at tables directly). */
export const sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> => onServer(url, async (c) => (await c.query<R>(text, values)).rows);

/** The PostgreSQL server binaries (Debian's layout), or undefined when not installed. */
export const pgBinDir = (): string | undefined => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : path.join(root, newest, 'bin');
};

/** Whether this test process can run a cluster of its own (binaries, and root or the postgres user). */
export const canRunOwnCluster = (): boolean =>
  pgBinDir() !== undefined && (process.getuid?.() === 0 || userInfo().username === 'postgres');

const asPostgres = (command: string, args: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFile(file, argv, { timeout: 60_000 }, (error, _stdout, stderr) =>
      error === null
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)),
    );
  });

export interface OwnCluster {
  readonly url: string;
  /** Stops the server (fast shutdown: sessions are cut, open transactions roll back). */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A throwaway cluster of this test's own on 127.0.0.1, for tests that stop and start the server. */
export const startOwnCluster = async (): Promise<OwnCluster> => {
  const bin = pgBinDir();
  if (bin === undefined) throw new Error('PostgreSQL is not installed');
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-pg-'));
  await chown(dir, ...(await postgresIds()));
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-locale']);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`;
  const start = () =>
    asPostgres(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
  const stop = () => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    },
  };
};

const postgresIds = async (): Promise<[number, number]> => {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('no postgres user');
  return [Number(uid), Number(gid)];
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
