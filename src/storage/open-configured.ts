import type { Config } from '../config.js';
import { type Leadership, SOLE_LEADER } from '../leadership.js';
import { openStore } from './open-store.js';
import { PgLeadership } from './pg/leadership.js';
import { openPgStore, type PgStore } from './pg/pg-store.js';
import type { Store } from './store.js';

/** The store `npm start` uses: PostgreSQL when WINWIN_DATABASE_URL is set, else the JSON file. */
export interface ConfiguredStore {
  readonly store: Store;
  /** The PostgreSQL store, when that is the one. */
  readonly pg: PgStore | undefined;
  /** Who speaks in channels: on PostgreSQL an election among replicas (start it once serving). */
  readonly leadership: Leadership & { start(): Promise<void> };
  /** Whether the database is reachable (always, for the JSON file). */
  readonly available: () => boolean;
  /** For the start-up line: which store, where. */
  readonly description: string;
}

export interface ConfiguredStoreOptions {
  readonly onAvailability?: (available: boolean, reason?: string) => void;
  readonly log?: (line: string) => void;
}

export const openConfiguredStore = async (
  config: Pick<Config, 'databaseUrl' | 'dbPath'>,
  options: ConfiguredStoreOptions = {},
): Promise<ConfiguredStore> => {
  const url = config.databaseUrl;
  if (url !== undefined) {
    const pg = await openPgStore(
      url,
      options.onAvailability === undefined ? {} : { onAvailability: options.onAvailability },
    );
    const leadership = new PgLeadership(url, {
      beforeLeading: () => pg.refresh(),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    return {
      store: pg,
      pg,
      leadership,
      available: () => pg.available(),
      description: `PostgreSQL ${pg.path} (WINWIN_DATABASE_URL; WINWIN_DB is ignored)`,
    };
  }
  const store = await openStore(config.dbPath);
  return {
    store,
    pg: undefined,
    leadership: { ...SOLE_LEADER, start: async () => undefined },
    available: () => true,
    description: `JSON file ${store.path} (WINWIN_DB)`,
  };
};
