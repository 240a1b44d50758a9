/** The version of the file format this code writes. */
export const CURRENT_VERSION = 3;

/**
 * `migrations[n]` turns the JSON of a version-n main file into version n+1. They run stepwise on the
 * raw JSON before validation, and a migrated store is written in the current format as soon as it is
 * open. Up to version 2 the main file held `events` itself (the newest ones; older ones in the
 * archive, later commits in a write-ahead log): before step 2 runs, the archive and the log are read
 * into the JSON (see legacy-v2.ts), so a migration sees `{ state, events }` with every event.
 * From version 3 on, the JSON is `{ lastEventId, history, state }`; events are in the events file.
 */
export type Migrations = Readonly<Record<number, (json: Record<string, unknown>) => Record<string, unknown>>>;

export const MIGRATIONS: Migrations = {
  // 2 added the write-ahead log: a version-1 file has none.
  1: (json) => ({ ...json, walSeq: 0 }),
  // 3 keeps every event in the events file: the main file is the state alone.
  2: ({ state, events }) => ({ state, events }),
};
