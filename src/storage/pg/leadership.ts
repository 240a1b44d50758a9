import pg from 'pg';
import type { Leadership } from '../../leadership.js';

/**
 * Leader election on PostgreSQL: the replica whose session holds the advisory lock leads. The server
 * releases the lock the moment that session ends: the process exits or is killed (its socket
 * closes), or, when its machine vanishes without closing the socket, once TCP keepalives give up on
 * it (set per session below: ~11 s). The others try for the lock every `pollMs`, so one of them
 * takes over within seconds. A leader that cannot reach the database stops leading at once: its
 * session, and so its lock, may already be gone.
 */

// pg_try_advisory_lock key: "winwin lead".
export const LEADER_LOCK = 0x77696e6c;

export interface PgLeadershipOptions {
  /** How often a follower tries for the lock and a leader checks its session (default 2 s). */
  readonly pollMs?: number;
  /** Runs before this replica starts leading (the store catches up with the last commits). */
  readonly beforeLeading?: () => Promise<void>;
  readonly log?: (line: string) => void;
}

export class PgLeadership implements Leadership {
  readonly #url: string;
  readonly #options: PgLeadershipOptions;
  readonly #listeners: ((leader: boolean) => void)[] = [];
  #client: pg.Client | undefined;
  #leader = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;

  constructor(url: string, options: PgLeadershipOptions = {}) {
    this.#url = url;
    this.#options = options;
  }

  isLeader(): boolean {
    return this.#leader;
  }

  onChange(listener: (leader: boolean) => void): void {
    this.#listeners.push(listener);
  }

  /** Tries for the lock now, then every pollMs. */
  start(): Promise<void> {
    this.#timer = setInterval(() => void this.#step(), this.#options.pollMs ?? 2000);
    this.#timer.unref();
    return this.#step();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#running;
    this.#setLeader(false);
    const client = this.#client;
    this.#client = undefined;
    // Ending the session releases the lock.
    await client?.end().catch(() => undefined);
  }

  #step(): Promise<void> {
    if (this.#running !== undefined || this.#closed) return this.#running ?? Promise.resolve();
    this.#running = this.#attempt().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #attempt(): Promise<void> {
    try {
      const client = this.#client ?? (await this.#connect());
      if (this.#leader) {
        await client.query('SELECT 1');
        return;
      }
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        LEADER_LOCK,
      ]);
      if (result.rows[0]?.locked !== true || this.#closed) return;
      await this.#options.beforeLeading?.();
      if (this.#client !== client) return; // the session ended meanwhile, and the lock with it
      this.#options.log?.('this replica now leads: digests, live cards and reminders run here');
      this.#setLeader(true);
    } catch (error) {
      this.#lost(error as Error);
    }
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.#url,
      connectionTimeoutMillis: 5000,
      query_timeout: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5000,
    });
    client.on('error', (error) => this.#lost(error, client));
    client.on('end', () => this.#lost(new Error('the session ended'), client));
    try {
      await client.connect();
      // The server drops a vanished client's session (and its lock) after 5 + 3 × 2 s of silence.
      await client.query(
        'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3',
      );
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#client = client;
    return client;
  }

  #lost(error: Error, client: pg.Client | undefined = this.#client): void {
    if (client !== this.#client || client === undefined) return;
    this.#client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.#leader) this.#options.log?.(`this replica stops leading: ${error.message}`);
    this.#setLeader(false);
  }

  #setLeader(leader: boolean): void {
    if (this.#leader === leader) return;
    this.#leader = leader;
    for (const listener of this.#listeners) listener(leader);
  }
}
