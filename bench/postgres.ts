import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of the bench's own on a PostgreSQL server, created for one run and dropped after it. */

const onServer = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const createBenchDatabase = async (
  serverUrl: string,
): Promise<{ readonly url: string; drop(): Promise<void> }> => {
  const name = `winwin_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
};

/** The database's size on disk in MB (tables, indexes, TOAST). */
export const databaseSizeMb = (url: string): Promise<number> =>
  onServer(url, async (c) => {
    const result = await c.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return Number(result.rows[0]?.bytes ?? 0) / 2 ** 20;
  });
