import type { Config } from '../config.js';
import { openStore } from './open-store.js';
import { openPgStore, type PgStore } from './pg/pg-store.js';
import type { Store } from './store.js';

/** The store `npm start` uses: PostgreSQL when WINWIN_DATABASE_URL is set, else the JSON file. */
export interface ConfiguredStore {
  readonly store: Store;
  /** The PostgreSQL store, when that is the one (replicas, leader election, availability). */
  readonly pg: PgStore | undefined;
  /** For the start-up line: which store, where. */
  readonly description: string;
}

export const openConfiguredStore = async (
  config: Pick<Config, 'databaseUrl' | 'dbPath'>,
  onAvailability?: (available: boolean, reason?: string) => void,
): Promise<ConfiguredStore> => {
  if (config.databaseUrl !== undefined) {
    const pg = await openPgStore(config.databaseUrl, onAvailability === undefined ? {} : { onAvailability });
    return {
      store: pg,
      pg,
      description: `PostgreSQL ${pg.path} (WINWIN_DATABASE_URL; WINWIN_DB is ignored)`,
    };
  }
  const store = await openStore(config.dbPath);
  return { store, pg: undefined, description: `JSON file ${store.path} (WINWIN_DB)` };
};
