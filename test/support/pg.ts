import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

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

/** `describe` when PostgreSQL is configured; else a skipped suite that says why (a failure under CI). */
export const describePg = (name: string, body: (url: string) => void): void => {
  const url = PG_URL;
  if (url !== undefined && url !== '') {
    describe(name, () => body(url));
    return;
  }
  if (REQUIRED) {
    describe(name, () => {
      it('needs PostgreSQL (WINWIN_REQUIRE_POSTGRES=1)', () => {
        throw new Error(`WINWIN_REQUIRE_POSTGRES=1 but ${PG_SKIP_REASON}`);
      });
    });
    return;
  }
  console.warn(`${name}: ${PG_SKIP_REASON}`);
  describe.skip(`${name} (skipped: ${PG_SKIP_REASON})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
};

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

const admin = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server. */
export const createTestDatabase = async (serverUrl: string): Promise<TestDatabase> => {
  const name = `winwin_t_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: () =>
      admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
};

/** Runs one SQL statement on `url` (tests that look at tables directly). */
export const sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> => admin(url, async (c) => (await c.query<R>(text, values)).rows);
