/** The version of the file format this code writes. */
export const CURRENT_VERSION = 1;

/**
 * `migrations[n]` turns the JSON of a version-n file into version n+1. They run stepwise on the raw
 * JSON before validation; a migrated file is written back at the next commit.
 */
export type Migrations = Readonly<Record<number, (json: Record<string, unknown>) => Record<string, unknown>>>;

export const MIGRATIONS: Migrations = {};
