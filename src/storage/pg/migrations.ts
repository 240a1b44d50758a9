import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { StoreOpenError } from '../errors.js';

/**
 * The schema lives in numbered SQL files beside this module (`migrations/001_initial.sql`, …). Each is
 * applied once, in order, inside one transaction with the record of it in `winwin_migrations`; two
 * replicas starting together take turns on an advisory lock, so a migration never runs twice.
 *
 * The bundle (`npm run build`) has no source folder to read: scripts/build.ts embeds the same files
 * as `__WINWIN_PG_MIGRATIONS__`.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

declare const __WINWIN_PG_MIGRATIONS__: readonly Migration[] | undefined;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The migration files of `dir`, in version order; throws on a misnamed file or a repeated number. */
export const readMigrationFiles = (dir: string = MIGRATIONS_DIR): Migration[] => {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (match === null) throw new Error(`${dir}${file}: a migration is named NNN_name.sql`);
      return { version: Number(match[1]), name: file, sql: readFileSync(`${dir}/${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`${dir}: migration ${index + 1} is missing or repeated`);
  });
  return migrations;
};

export const bundledMigrations = (): readonly Migration[] =>
  typeof __WINWIN_PG_MIGRATIONS__ === 'undefined' ? readMigrationFiles() : __WINWIN_PG_MIGRATIONS__;

// pg_advisory_xact_lock key: "winwin migrate".
const MIGRATION_LOCK = 0x77696e6d;

/** Applies the migrations `client`'s database lacks, all in one transaction. Returns those applied. */
export const migrate = async (
  client: pg.ClientBase,
  where: string,
  migrations: readonly Migration[] = bundledMigrations(),
): Promise<Migration[]> => {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS winwin_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await client.query<{ version: number }>('SELECT version FROM winwin_migrations');
    const applied = new Set(done.rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new StoreOpenError(
        'VERSION',
        where,
        `has schema version ${newest}, newer than this release knows (${known}); run a newer Winwin`,
      );
    }
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('INSERT INTO winwin_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    await client.query('COMMIT');
    return pending;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
