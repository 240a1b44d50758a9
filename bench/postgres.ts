import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs `work` with a client connected to `url`, then disconnects. */
export const onServer = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export interface OwnDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty database named `<prefix><random>` on the server at `serverUrl`, to drop after use. */
export const createDatabase = async (serverUrl: string, prefix: string): Promise<OwnDatabase> => {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
};

/** A database of the bench's own on a PostgreSQL server, created for one run and dropped after it. */
export const createBenchDatabase = (serverUrl: string): Promise<OwnDatabase> =>
  createDatabase(serverUrl, 'winwin_bench_');

/** The database's size on disk in MB (tables, indexes, TOAST). */
export const databaseSizeMb = (url: string): Promise<number> =>
  onServer(url, async (c) => {
    const result = await c.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return Number(result.rows[0]?.bytes ?? 0) / 2 ** 20;
  });
