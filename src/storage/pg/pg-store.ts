import pg from 'pg';
import { z } from 'zod';
import type { Mutation } from '../../domain/change.js';
import type { Result } from '../../domain/result.js';
import { EventSchema, emptyState, type State, type WinwinEvent } from '../../domain/types.js';
import { StoreOpenError, StoreUnavailableError } from '../errors.js';
import type { EventFilter, Snapshot, Store, StoreStats } from '../store.js';
import {
  applyRows,
  checkState,
  decodeState,
  diffState,
  type EncodedCache,
  type Json,
  type Ranges,
  type Row,
  type StateWrite,
} from './layout.js';
import { bundledMigrations, type Migration, migrate } from './migrations.js';

/**
 * The store on PostgreSQL, for two or more replicas on one database.
 *
 * Every replica holds the committed state in memory (so `read` and `snapshot` stay synchronous and
 * cheap) and follows the others' commits: a NOTIFY on each commit, and a heartbeat that reads the
 * revision every second in case a notification was lost. A mutation is one transaction that first
 * locks the meta row (`SELECT … FOR UPDATE`), so mutations of all replicas serialize on it; it
 * catches up with any commit this replica has not seen yet, applies the pure mutation to that latest
 * state, writes only the elements that changed (found by identity: state is immutable), inserts the
 * events, bumps the revision and notifies, then commits. Mutations that arrive while a transaction
 * runs share the next one (group commit).
 */

export interface PgStoreOptions {
  /** How often the revision is read as a fallback for NOTIFY, and the connection checked (default 1 s). */
  readonly heartbeatMs?: number;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
  readonly migrations?: readonly Migration[];
  /** Told when the database becomes unreachable or reachable again. */
  readonly onAvailability?: (available: boolean, reason?: string) => void;
  /**
   * Consulted in every write transaction after its statements, before COMMIT (tests): an Error
   * returned fails the write as a lost connection would.
   */
  readonly writeFault?: () => Error | undefined;
}

/** The database URL without its password, for messages and logs. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
};

export const isPostgresUrl = (text: string): boolean => /^postgres(ql)?:\/\//.test(text);

interface MetaRow {
  readonly revision: string;
  readonly scalars: Record<string, Json>;
  readonly ranges: Ranges;
  readonly last_event: string;
}

interface Committed {
  readonly state: State;
  readonly revision: number;
  readonly ranges: Ranges;
  readonly lastEventId: number;
  /** The newest events (up to TAIL), oldest first: every event with id > tailFrom is here. */
  readonly tail: readonly WinwinEvent[];
  readonly tailFrom: number;
}

/**
 * Events kept in memory: the event queries of digests, cards, history and status are answered from
 * them without a round trip (and while the database is down), older ones from the table.
 */
const TAIL = 1000;

/**
 * A key of the meta row's `ranges` that no State field can have: the revision of the last replaceAll,
 * so a replica that catches up knows the events table was rewritten, not appended to.
 */
const REPLACED = '~replaced';

const withEvents = (
  committed: Pick<Committed, 'tail' | 'tailFrom'>,
  events: readonly WinwinEvent[],
): Pick<Committed, 'tail' | 'tailFrom'> => {
  if (events.length === 0) return { tail: committed.tail, tailFrom: committed.tailFrom };
  const all = committed.tail.concat(events);
  if (all.length <= TAIL) return { tail: all, tailFrom: committed.tailFrom };
  const tail = all.slice(-TAIL);
  return { tail, tailFrom: (tail[0] as WinwinEvent).id - 1 };
};

/** The newest TAIL events with id > afterId, as a tail (the caller's transaction sees them). */
const readTail = async (
  client: pg.ClientBase,
  afterId: number,
): Promise<Pick<Committed, 'tail' | 'tailFrom'>> => {
  const result = await client.query<{ doc: Json }>(
    'SELECT doc FROM winwin_events WHERE id > $1 ORDER BY id DESC LIMIT $2',
    [afterId, TAIL],
  );
  const tail = result.rows.reverse().map((row) => z.decode(EventSchema, row.doc as never));
  return { tail, tailFrom: tail.length === TAIL ? (tail[0] as WinwinEvent).id - 1 : afterId };
};

const matches = (event: WinwinEvent, filter: EventFilter | undefined): boolean =>
  filter === undefined ||
  ((filter.program === undefined || event.program === filter.program) &&
    (filter.sector === undefined || event.sector === filter.sector) &&
    (filter.target === undefined || event.target === filter.target));

type Job =
  | {
      readonly kind: 'mutation';
      readonly mutation: Mutation<unknown>;
      readonly resolve: (result: Result<unknown>) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'replace';
      readonly state: State;
      readonly events: readonly WinwinEvent[];
      readonly resolve: () => void;
      readonly reject: (error: unknown) => void;
    }
  | { readonly kind: 'refresh'; readonly resolve: () => void; readonly reject: (error: unknown) => void };

type MutationJob = Extract<Job, { kind: 'mutation' }>;

const SELECT_META = 'SELECT revision, scalars, ranges, last_event FROM winwin_meta WHERE id = 1';

const WRITE = `
WITH up AS (
  INSERT INTO winwin_rows (collection, pos, doc, revision)
  SELECT r->>0, (r->>1)::bigint, r->2, $1::bigint FROM json_array_elements($2::json) AS r
  ON CONFLICT (collection, pos) DO UPDATE SET doc = EXCLUDED.doc, revision = EXCLUDED.revision
  RETURNING 1
), trimmed AS (
  DELETE FROM winwin_rows w USING jsonb_array_elements($3::jsonb) AS t
  WHERE w.collection = t->>0 AND (w.pos < (t->>1)::bigint OR w.pos >= (t->>2)::bigint)
  RETURNING 1
), ev AS (
  INSERT INTO winwin_events (id, program, sector, target, doc, revision)
  SELECT (e->>'id')::bigint, e->>'program', e->>'sector', e->>'target', e, $1::bigint
  FROM json_array_elements($4::json) AS e
  RETURNING 1
), meta AS (
  UPDATE winwin_meta SET revision = $1::bigint, scalars = $5::json, ranges = $6::jsonb,
    last_event = $7::bigint, updated_at = now()
  WHERE id = 1
  RETURNING 1
)
SELECT pg_notify('winwin_commit', $8::text)`;

export const NOTIFY_CHANNEL = 'winwin_commit';

const matchesFilter = (filter: EventFilter | undefined): [string | null, string | null, string | null] => [
  filter?.program ?? null,
  filter?.sector ?? null,
  filter?.target ?? null,
];

const FILTER_SQL =
  '($2::text IS NULL OR program = $2) AND ($3::text IS NULL OR sector = $3) AND ($4::text IS NULL OR target = $4)';

/** Throws unless `events` continue after `lastId` with increasing ids, all before `nextEvent`. */
const checkEventIds = (events: readonly WinwinEvent[], lastId: number, nextEvent: number): number => {
  let previous = lastId;
  for (const event of events) {
    if (event.id <= previous) throw new Error(`event id ${event.id} does not follow ${previous}`);
    previous = event.id;
  }
  if (previous >= nextEvent) throw new Error(`state.nextEvent ${nextEvent} is not after event ${previous}`);
  return previous;
};

const rowsOf = (rows: readonly { collection: string; pos: string; doc: Json }[]): Row[] =>
  rows.map((r) => ({ collection: r.collection, pos: Number(r.pos), doc: r.doc }));

export class PgStore implements Store {
  readonly path: string;
  readonly #url: string;
  readonly #pool: pg.Pool;
  readonly #cache: EncodedCache;
  readonly #options: PgStoreOptions;
  #committed: Committed;
  #snapshot: Snapshot;
  #queue: Job[] = [];
  #running: Promise<void> | undefined;
  #scheduled = false;
  #closed = false;
  #whenIdle: (() => void)[] = [];
  #mutations = 0;
  #writes = 0;
  #listener: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #beating = false;
  #available = true;
  #refreshQueued = false;

  constructor(
    url: string,
    pool: pg.Pool,
    cache: EncodedCache,
    committed: Committed,
    options: PgStoreOptions,
  ) {
    this.#url = url;
    this.#cache = cache;
    this.path = redactUrl(url);
    this.#pool = pool;
    this.#committed = committed;
    this.#snapshot = { state: committed.state, revision: committed.revision };
    this.#options = options;
  }

  read(): State {
    return this.#committed.state;
  }

  snapshot(): Snapshot {
    const { state, revision } = this.#committed;
    if (this.#snapshot.state !== state) this.#snapshot = { state, revision };
    return this.#snapshot;
  }

  lastEventId(): number {
    return this.#committed.lastEventId;
  }

  /** Whether the database answered the last time it was asked. */
  available(): boolean {
    return this.#available;
  }

  stats(): StoreStats {
    return {
      writes: this.#writes,
      mutations: this.#mutations,
      eventsInMain: this.#committed.lastEventId,
      archivedThrough: 0,
      walBytes: 0,
      compactions: 0,
    };
  }

  mutate<T>(mutation: Mutation<T>): Promise<Result<T>> {
    return new Promise<Result<T>>((resolve, reject) => {
      this.#enqueue({
        kind: 'mutation',
        mutation,
        resolve: resolve as (result: Result<unknown>) => void,
        reject,
      });
    });
  }

  replaceAll(state: State, events: readonly WinwinEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      this.#enqueue({ kind: 'replace', state, events, resolve, reject }),
    );
  }

  /** Catches up with every commit made so far (by any replica). */
  refresh(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.#enqueue({ kind: 'refresh', resolve, reject }));
  }

  async eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    // Only what this replica's snapshot counts, so events and state agree.
    const { lastEventId: through, tail, tailFrom } = this.#committed;
    if (afterId >= through) return [];
    if (afterId >= tailFrom) return tail.filter((event) => event.id > afterId && matches(event, filter));
    const rows = await this.#query<{ doc: Json }>(
      `SELECT doc FROM winwin_events WHERE id > $1 AND id <= $5 AND ${FILTER_SQL} ORDER BY id`,
      [afterId, ...matchesFilter(filter), through],
    );
    return rows.map((row) => z.decode(EventSchema, row.doc as never));
  }

  async recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    if (limit <= 0) return [];
    const { tail, tailFrom } = this.#committed;
    const found: WinwinEvent[] = [];
    for (let index = tail.length - 1; index >= 0 && found.length < limit; index--) {
      const event = tail[index] as WinwinEvent;
      if (matches(event, filter)) found.push(event);
    }
    if (found.length >= limit || tailFrom === 0) return found;
    const rows = await this.#query<{ doc: Json }>(
      `SELECT doc FROM winwin_events WHERE id <= $1 AND ${FILTER_SQL} ORDER BY id DESC LIMIT $5`,
      [this.#committed.lastEventId, ...matchesFilter(filter), limit],
    );
    return rows.map((row) => z.decode(EventSchema, row.doc as never));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#queue.length > 0 || this.#running !== undefined) {
      await new Promise<void>((resolve) => this.#whenIdle.push(resolve));
    }
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    await this.#connecting?.catch(() => undefined);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.#pool.end().catch(() => undefined);
  }

  /** Starts following other replicas' commits (LISTEN) and the heartbeat. */
  async follow(): Promise<void> {
    await this.#connectListener();
    const every = this.#options.heartbeatMs ?? 1000;
    this.#heartbeat = setInterval(() => void this.#beat(), every);
    this.#heartbeat.unref();
  }

  async #query<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    if (this.#closed) throw new Error(`${this.path}: the store is closed`);
    try {
      const result = await this.#pool.query<R>(sql, values);
      return result.rows;
    } catch (error) {
      throw this.#failure(error);
    }
  }

  /** A database error as the error callers get: unreachable (and noted) unless it is a bug of ours. */
  #failure(error: unknown): Error {
    if (error instanceof StoreUnavailableError) return error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    // SQLSTATE classes that are our own mistakes (syntax, constraint, data): not an outage.
    if (/^(22|23|42|2B|2D|3F|44|XX)/.test(code) && code.length === 5) return error as Error;
    this.#setAvailable(false, error instanceof Error ? error.message : String(error));
    return new StoreUnavailableError(this.path, { cause: error });
  }

  #setAvailable(available: boolean, reason?: string): void {
    if (this.#available === available) return;
    this.#available = available;
    this.#options.onAvailability?.(available, reason);
  }

  async #connectListener(): Promise<void> {
    if (this.#connecting !== undefined) return this.#connecting;
    this.#connecting = (async () => {
      // Generous timeouts: on a loaded machine a late timer must not pass for an outage (a refused or
      // dropped connection is noticed at once either way).
      const client = new pg.Client({
        connectionString: this.#url,
        connectionTimeoutMillis: 5000,
        query_timeout: 5000,
      });
      client.on('error', (error) => this.#lostListener(client, error));
      client.on('end', () => this.#lostListener(client, new Error('the connection ended')));
      client.on('notification', (message) => {
        if (message.channel === NOTIFY_CHANNEL && Number(message.payload) > this.#committed.revision)
          this.#requestRefresh();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      } catch (error) {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
        throw error;
      }
      if (this.#closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.#listener = client;
      this.#setAvailable(true);
      // Commits made while this replica was not listening.
      this.#requestRefresh();
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #lostListener(client: pg.Client, error: Error): void {
    if (this.#listener !== client) return;
    this.#listener = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (!this.#closed) this.#setAvailable(false, error.message);
  }

  /** Once a heartbeat: reconnect if the listener is gone; else read the revision (NOTIFY's fallback). */
  async #beat(): Promise<void> {
    if (this.#beating || this.#closed) return;
    this.#beating = true;
    try {
      const listener = this.#listener;
      if (listener === undefined) {
        await this.#connectListener();
        return;
      }
      const result = await listener.query<{ revision: string }>(
        'SELECT revision FROM winwin_meta WHERE id = 1',
      );
      const revision = Number(result.rows[0]?.revision ?? 0);
      // It answered: reachable again, also after a failure seen on another connection.
      this.#setAvailable(true);
      if (revision !== this.#committed.revision) this.#requestRefresh();
    } catch (error) {
      const listener = this.#listener;
      if (listener !== undefined) this.#lostListener(listener, error as Error);
      else this.#setAvailable(false, (error as Error).message);
    } finally {
      this.#beating = false;
    }
  }

  #requestRefresh(): void {
    if (this.#refreshQueued || this.#closed) return;
    this.#refreshQueued = true;
    this.#enqueue({
      kind: 'refresh',
      resolve: () => undefined,
      reject: () => undefined,
    });
  }

  #enqueue(job: Job): void {
    if (this.#closed && job.kind !== 'refresh') {
      job.reject(new Error(`${this.path}: the store is closed`));
      return;
    }
    this.#queue.push(job);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // On a microtask, so that mutations submitted in the same tick share one transaction.
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#running !== undefined) return;
    const next = this.#queue[0];
    if (next === undefined) {
      for (const resolve of this.#whenIdle.splice(0)) resolve();
      return;
    }
    let work: Promise<void>;
    if (next.kind === 'mutation') {
      const jobs: MutationJob[] = [];
      while (this.#queue[0]?.kind === 'mutation') jobs.push(this.#queue.shift() as MutationJob);
      work = this.#runMutations(jobs);
    } else if (next.kind === 'replace') {
      this.#queue.shift();
      work = this.#runReplace(next);
    } else {
      // Every queued refresh is served by one.
      this.#queue = this.#queue.filter((job) => job.kind !== 'refresh' || job === next);
      this.#queue.shift();
      this.#refreshQueued = false;
      const waiting = [next];
      work = this.#runRefresh().then(
        () => {
          for (const job of waiting) job.resolve();
        },
        (error: unknown) => {
          for (const job of waiting) job.reject(error);
        },
      );
    }
    this.#running = work.finally(() => {
      this.#running = undefined;
      this.#pump();
    });
  }

  /** Runs `work` in a transaction on a pooled connection; a broken connection is discarded. */
  async #transaction<T>(
    begin: string,
    work: (client: pg.PoolClient, meta: MetaRow) => Promise<T>,
  ): Promise<T> {
    if (!this.#available && this.#listener === undefined) {
      // Known to be down: answer at once rather than wait for a connection attempt to fail.
      throw new StoreUnavailableError(this.path);
    }
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#failure(error);
    }
    let broken: Error | undefined;
    let commitLost = false;
    // A server shutdown arrives as an 'error' event between queries too: never unhandled.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      const lock = begin.includes('READ ONLY') ? '' : ' FOR UPDATE';
      const results = (await client.query(
        `${begin}; ${SELECT_META}${lock}`,
      )) as unknown as pg.QueryResult<MetaRow>[];
      const meta = results[1]?.rows[0];
      if (meta === undefined) throw new Error(`${this.path}: winwin_meta has no row`);
      const value = await work(client, meta);
      try {
        await client.query('COMMIT');
      } catch (error) {
        // The server may have committed before the connection went: the outcome is unknown, so
        // this is not "nothing was changed". The next catch-up shows what happened.
        broken = error as Error;
        commitLost = true;
        this.#failure(error);
        throw new Error(
          `${this.path}: lost the database while committing; the change may or may not be stored`,
          {
            cause: error,
          },
        );
      }
      return value;
    } catch (error) {
      if (commitLost) throw error;
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError as Error;
      });
      throw this.#failure(error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Reads what other replicas committed since this one's revision; the caller holds a transaction. */
  async #catchUp(client: pg.ClientBase, meta: MetaRow): Promise<Committed> {
    const revision = Number(meta.revision);
    const committed = this.#committed;
    if (revision === committed.revision) return committed;
    const full = revision < committed.revision;
    const result = await client.query<{ collection: string; pos: string; doc: Json }>(
      full
        ? 'SELECT collection, pos, doc FROM winwin_rows'
        : 'SELECT collection, pos, doc FROM winwin_rows WHERE revision > $1',
      full ? [] : [committed.revision],
    );
    const rows = rowsOf(result.rows);
    const state = full
      ? decodeState(this.#cache, meta.scalars, meta.ranges, rows)
      : applyRows(this.#cache, committed.state, committed.ranges, meta.scalars, meta.ranges, rows);
    const lastEventId = Number(meta.last_event);
    const rewritten = full || meta.ranges[REPLACED] !== committed.ranges[REPLACED];
    const events = rewritten
      ? await readTail(client, 0)
      : lastEventId === committed.lastEventId
        ? { tail: committed.tail, tailFrom: committed.tailFrom }
        : await readTail(client, committed.lastEventId).then((fresh) =>
            fresh.tailFrom === committed.lastEventId ? withEvents(committed, fresh.tail) : fresh,
          );
    const next = { state, revision, ranges: meta.ranges, lastEventId, ...events };
    this.#committed = next;
    return next;
  }

  async #runRefresh(): Promise<void> {
    if (this.#closed) return;
    await this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client, meta) =>
      this.#catchUp(client, meta),
    );
  }

  async #runMutations(jobs: MutationJob[]): Promise<void> {
    let settled: { job: MutationJob; result: Result<unknown> }[] = [];
    const buggy = new Set<MutationJob>();
    try {
      await this.#transaction('BEGIN', async (client, meta) => {
        settled = [];
        const base = await this.#catchUp(client, meta);
        let state = base.state;
        let lastId = base.lastEventId;
        const events: WinwinEvent[] = [];
        const encodedEvents: Json[] = [];
        for (const job of jobs) {
          try {
            const outcome = job.mutation(state);
            if (outcome.ok) {
              const change = outcome.value;
              const id = checkEventIds(change.events, lastId, change.state.nextEvent);
              checkState(this.#cache, state, change.state);
              const encoded = change.events.map((event) => z.encode(EventSchema, event) as Json);
              state = change.state;
              lastId = id;
              events.push(...change.events);
              encodedEvents.push(...encoded);
              settled.push({ job, result: { ok: true, value: change.value } });
            } else {
              settled.push({ job, result: outcome });
            }
          } catch (error) {
            // A mutation that throws or breaks the schema is a bug: it changes nothing, and only it fails.
            buggy.add(job);
            job.reject(error);
          }
        }
        if (state === base.state && events.length === 0) return;
        const write = diffState(this.#cache, base.state, base.ranges, state);
        const revision = base.revision + 1;
        await this.#write(client, revision, write, encodedEvents, lastId);
        this.#pendingCommit = {
          state,
          revision,
          ranges: write.ranges,
          lastEventId: lastId,
          ...withEvents(base, events),
        };
      });
    } catch (error) {
      // Nothing of the batch is stored (or, for a lost COMMIT, nobody knows): every job fails but
      // those already rejected for their own bug.
      this.#pendingCommit = undefined;
      for (const job of jobs) if (!buggy.has(job)) job.reject(error);
      return;
    }
    const commit = this.#pendingCommit;
    this.#pendingCommit = undefined;
    if (commit !== undefined) {
      this.#committed = commit;
      this.#writes += 1;
    }
    for (const { job, result } of settled) {
      if (result.ok) this.#mutations += 1;
      job.resolve(result);
    }
  }

  #pendingCommit: Committed | undefined;

  async #write(
    client: pg.ClientBase,
    revision: number,
    write: StateWrite,
    events: readonly Json[],
    lastEventId: number,
    timeoutMs?: number,
  ): Promise<void> {
    const config = timeoutMs === undefined ? {} : { query_timeout: timeoutMs };
    await client.query({ text: WRITE, ...config }, [
      revision,
      JSON.stringify(write.upserts.map((row) => [row.collection, row.pos, row.doc])),
      JSON.stringify(write.trims.map((t) => [t.collection, t.start, t.end])),
      JSON.stringify(events),
      JSON.stringify(write.scalars),
      JSON.stringify(write.ranges),
      lastEventId,
      String(revision),
    ]);
    const fault = this.#options.writeFault?.();
    if (fault !== undefined) throw fault;
  }

  async #runReplace(job: Extract<Job, { kind: 'replace' }>): Promise<void> {
    let commit: Committed;
    try {
      const empty = emptyState();
      checkState(this.#cache, { ...empty, ...emptyCollections(job.state) }, job.state);
      const lastId = job.events.length === 0 ? 0 : checkEventIds(job.events, 0, job.state.nextEvent);
      const encoded = job.events.map((event) => z.encode(EventSchema, event) as Json);
      commit = await this.#transaction('BEGIN', async (client, meta) => {
        await client.query('TRUNCATE winwin_rows, winwin_events');
        const revision = Number(meta.revision) + 1;
        const write = diffState(
          this.#cache,
          emptyCollections(job.state),
          { [REPLACED]: { start: revision, length: 0 } },
          job.state,
        );
        // A whole store (100× data: 100,000 events) takes longer than a commit may.
        await this.#write(client, revision, write, encoded, lastId, 600_000);
        return {
          state: job.state,
          revision,
          ranges: write.ranges,
          lastEventId: lastId,
          ...withEvents({ tail: [], tailFrom: 0 }, job.events),
        };
      });
    } catch (error) {
      job.reject(error);
      return;
    }
    this.#committed = commit;
    this.#writes += 1;
    job.resolve();
  }
}

/** `state` with every array empty: the base from which a whole state is written. */
const emptyCollections = (state: State): State => {
  const out: Record<string, unknown> = { ...state };
  for (const [key, value] of Object.entries(state)) if (Array.isArray(value)) out[key] = [];
  return out as unknown as State;
};

/**
 * Opens the store in the database at `url`: applies pending migrations, reads the state (the empty
 * state on a new database), and starts following other replicas. Throws StoreOpenError when the
 * database cannot be reached or its content breaks the schema.
 */
export const openPgStore = async (url: string, options: PgStoreOptions = {}): Promise<PgStore> => {
  const where = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: 2000,
    query_timeout: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closed (a restart) must not take the process down.
  pool.on('error', () => undefined);
  let store: PgStore | undefined;
  try {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new StoreOpenError('UNREACHABLE', where, `cannot connect: ${(error as Error).message}`, {
        cause: error,
      });
    }
    let committed: Committed;
    const cache: EncodedCache = new WeakMap();
    try {
      await migrate(client, where, options.migrations ?? bundledMigrations());
      committed = await loadOrCreate(client, where, cache);
    } finally {
      client.release();
    }
    store = new PgStore(url, pool, cache, committed, options);
    await store.follow();
    return store;
  } catch (error) {
    if (store !== undefined) await store.close();
    else await pool.end().catch(() => undefined);
    throw error;
  }
};

const loadOrCreate = async (
  client: pg.ClientBase,
  where: string,
  cache: EncodedCache,
): Promise<Committed> => {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    const meta = (await client.query<MetaRow>(`${SELECT_META} FOR UPDATE`)).rows[0];
    if (meta === undefined) throw new StoreOpenError('CORRUPT', where, 'winwin_meta has no row');
    if (Number(meta.revision) === 0) {
      const state = emptyState();
      const write = diffState(cache, state, {}, state);
      await client.query(
        'UPDATE winwin_meta SET revision = 1, scalars = $1::json, ranges = $2::jsonb, last_event = 0 WHERE id = 1',
        [JSON.stringify(write.scalars), JSON.stringify(write.ranges)],
      );
      await client.query('COMMIT');
      return { state, revision: 1, ranges: write.ranges, lastEventId: 0, tail: [], tailFrom: 0 };
    }
    const rows = await client.query<{ collection: string; pos: string; doc: Json }>(
      'SELECT collection, pos, doc FROM winwin_rows',
    );
    let state: State;
    try {
      state = decodeState(cache, meta.scalars, meta.ranges, rowsOf(rows.rows));
    } catch (error) {
      throw new StoreOpenError('INVALID', where, `its state breaks the schema: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const events = await readTail(client, 0);
    await client.query('COMMIT');
    return {
      state,
      revision: Number(meta.revision),
      ranges: meta.ranges,
      lastEventId: Number(meta.last_event),
      ...events,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
