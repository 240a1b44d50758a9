/** The version of the file format this code writes. */
export const CURRENT_VERSION = 2;

/**
 * `migrations[n]` turns the JSON of a version-n file into version n+1. They run stepwise on the raw
 * JSON before validation; a migrated file is written back in the new format as soon as it is open,
 * before anything is appended to its write-ahead log. A format change that alters what a log line
 * means must also migrate, or refuse, the lines an older version left after a crash.
 */
export type Migrations = Readonly<Record<number, (json: Record<string, unknown>) => Record<string, unknown>>>;

export const MIGRATIONS: Migrations = {
  // 2 added the write-ahead log: a version-1 file has none.
  1: (json) => ({ ...json, walSeq: 0 }),
};
