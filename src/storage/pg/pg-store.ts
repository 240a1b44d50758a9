import pg from 'pg';
import { z } from 'zod';
import type { Mutation } from '../../domain/change.js';
import type { Result } from '../../domain/result.js';
import { EventSchema, emptyState, type State, type WinwinEvent } from '../../domain/types.js';
import { StoreOpenError, StoreUnavailableError } from '../errors.js';
import { checkEventIds } from '../event-ids.js';
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

/** The newest TAIL events with id > afterId, newest first, as a tail. */
const tailOf = (rows: readonly { doc: Json }[], afterId: number): Pick<Committed, 'tail' | 'tailFrom'> => {
  const tail = [...rows].reverse().map((row) => z.decode(EventSchema, row.doc as never));
  return { tail, tailFrom: tail.length === TAIL ? (tail[0] as WinwinEvent).id - 1 : afterId };
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
  return tailOf(result.rows, afterId);
};

type RowRecord = { collection: string; pos: string; doc: Json };

/** What the first round trip of a transaction read beyond the meta row: written since `revision`. */
interface Since {
  readonly revision: number;
  readonly lastEventId: number;
  readonly rows: readonly RowRecord[];
  readonly events: readonly { doc: Json }[];
}

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
const SELECT_REVISION = 'SELECT revision FROM winwin_meta WHERE id = 1';
const COMMIT_SQL = 'SELECT winwin_commit($1, $2::json, $3::jsonb, $4::json, $5::json, $6::jsonb, $7) AS ok';

const commitParams = (base: Committed, applied: Applied, write: StateWrite): unknown[] => [
  base.revision,
  JSON.stringify(write.upserts.map((row) => [row.collection, row.pos, row.doc])),
  JSON.stringify(write.trims.map((t) => [t.collection, t.start, t.end])),
  JSON.stringify(applied.encodedEvents),
  JSON.stringify(write.scalars),
  JSON.stringify(write.ranges),
  applied.lastId,
];

interface Applied {
  readonly state: State;
  readonly events: readonly WinwinEvent[];
  readonly encodedEvents: readonly Json[];
  readonly lastId: number;
  readonly settled: { readonly job: MutationJob; readonly result: Result<unknown> }[];
  readonly buggy: { readonly job: MutationJob; readonly error: unknown }[];
}

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
    return { writes: this.#writes, mutations: this.#mutations };
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
    } else if (this.#queue.find((job) => job.kind !== 'refresh')?.kind === 'mutation') {
      // A mutation catches up in its own transaction first: a refresh before it would only cost a
      // round trip more (under contention between replicas, one per commit of the others).
      const refreshes = this.#queue.filter((job) => job.kind === 'refresh');
      this.#queue = this.#queue.filter((job) => job.kind !== 'refresh');
      this.#refreshQueued = false;
      for (const job of refreshes) this.#queue.push(job);
      const jobs: MutationJob[] = [];
      while (this.#queue[0]?.kind === 'mutation') jobs.push(this.#queue.shift() as MutationJob);
      work = this.#runMutations(jobs).then(() => {
        // The mutations caught up: the refreshes are served (a later commit notifies again).
        for (const job of refreshes) {
          const at = this.#queue.indexOf(job);
          if (at >= 0) this.#queue.splice(at, 1);
          job.resolve();
        }
      });
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

  /** A pooled connection; when the database is known to be down, the refusal at once instead. */
  async #connect(): Promise<pg.PoolClient> {
    // Known to be down: answer at once rather than wait for a connection attempt to fail.
    if (!this.#available && this.#listener === undefined) throw new StoreUnavailableError(this.path);
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw this.#failure(error);
    }
  }

  /** Runs `work` in a transaction on a pooled connection; a broken connection is discarded. */
  async #transaction<T>(
    begin: string,
    work: (client: pg.PoolClient, meta: MetaRow, since: Since) => Promise<T>,
  ): Promise<T> {
    const client = await this.#connect();
    let broken: Error | undefined;
    let commitLost = false;
    // A server shutdown arrives as an 'error' event between queries too: never unhandled.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      const lock = begin.includes('READ ONLY') ? '' : ' FOR UPDATE';
      // One round trip: the transaction, the lock, and what other replicas wrote since this one's
      // revision (the rows, the newest events), read after the lock so nothing committed is missed.
      // Both numbers are this replica's own integers.
      const { revision, lastEventId } = this.#committed;
      const results = (await client.query(
        `${begin}; ${SELECT_META}${lock}; ` +
          `SELECT collection, pos, doc FROM winwin_rows WHERE revision > ${Math.trunc(revision)}; ` +
          `SELECT doc FROM winwin_events WHERE id > ${Math.trunc(lastEventId)} ORDER BY id DESC LIMIT ${TAIL}`,
      )) as unknown as pg.QueryResult[];
      const meta = results[1]?.rows[0] as MetaRow | undefined;
      if (meta === undefined) throw new Error(`${this.path}: winwin_meta has no row`);
      const since: Since = {
        revision,
        lastEventId,
        rows: (results[2]?.rows ?? []) as RowRecord[],
        events: (results[3]?.rows ?? []) as { doc: Json }[],
      };
      const value = await work(client, meta, since);
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
  async #catchUp(client: pg.ClientBase, meta: MetaRow, since: Since): Promise<Committed> {
    const revision = Number(meta.revision);
    const committed = this.#committed;
    if (revision === committed.revision) return committed;
    const full = revision < committed.revision || since.revision !== committed.revision;
    const rows = rowsOf(
      full
        ? (await client.query<RowRecord>('SELECT collection, pos, doc FROM winwin_rows')).rows
        : since.rows,
    );
    const state = full
      ? decodeState(this.#cache, meta.scalars, meta.ranges, rows)
      : applyRows(this.#cache, committed.state, committed.ranges, meta.scalars, meta.ranges, rows);
    const lastEventId = Number(meta.last_event);
    const rewritten = full || meta.ranges[REPLACED] !== committed.ranges[REPLACED];
    const events = rewritten
      ? await readTail(client, 0)
      : lastEventId === committed.lastEventId
        ? { tail: committed.tail, tailFrom: committed.tailFrom }
        : ((fresh) => (fresh.tailFrom === committed.lastEventId ? withEvents(committed, fresh.tail) : fresh))(
            tailOf(since.events, committed.lastEventId),
          );
    const next = { state, revision, ranges: meta.ranges, lastEventId, ...events };
    this.#committed = next;
    return next;
  }

  async #runRefresh(): Promise<void> {
    if (this.#closed) return;
    await this.#transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client, meta, since) =>
      this.#catchUp(client, meta, since),
    );
  }

  /**
   * Applies the queued pure mutations to this replica's latest state, then commits them in one
   * statement (winwin_commit) that writes only if nobody committed since that state; when someone
   * did, catches up and applies them again. The meta row's lock is held only inside the server.
   */
  async #runMutations(jobs: MutationJob[]): Promise<void> {
    let applied = this.#apply(this.#committed, jobs);
    try {
      const outcome = await this.#commit(this.#committed, applied);
      // Another replica committed first: run again under the lock, which cannot lose again (two
      // busy replicas retrying optimistically could keep invalidating each other).
      if (outcome === 'stale') applied = await this.#commitLocked(jobs);
    } catch (error) {
      // Nothing of the batch is stored (or, for a lost commit, nobody knows): every job fails.
      for (const { job, error: own } of applied.buggy) job.reject(own);
      for (const { job } of applied.settled) job.reject(error);
      return;
    }
    // A mutation that throws or breaks the schema is a bug: it changes nothing, and only it fails.
    for (const { job, error } of applied.buggy) job.reject(error);
    for (const { job, result } of applied.settled) {
      if (result.ok) this.#mutations += 1;
      job.resolve(result);
    }
  }

  /** The jobs run on the latest state while this replica holds the meta row's lock, then committed. */
  async #commitLocked(jobs: readonly MutationJob[]): Promise<Applied> {
    let applied: Applied | undefined;
    let next: Committed | undefined;
    await this.#transaction('BEGIN', async (client, meta, since) => {
      const base = await this.#catchUp(client, meta, since);
      applied = this.#apply(base, jobs);
      if (applied.state === base.state && applied.events.length === 0) return;
      const write = diffState(this.#cache, base.state, base.ranges, applied.state);
      const result = await client.query<{ ok: boolean }>(COMMIT_SQL, commitParams(base, applied, write));
      if (result.rows[0]?.ok !== true) throw new Error(`${this.path}: the revision moved under the lock`);
      const injected = this.#options.writeFault?.();
      if (injected !== undefined) throw injected;
      next = {
        state: applied.state,
        revision: base.revision + 1,
        ranges: write.ranges,
        lastEventId: applied.lastId,
        ...withEvents(base, applied.events),
      };
    });
    if (next !== undefined) {
      this.#committed = next;
      this.#writes += 1;
    }
    return applied as Applied;
  }

  /** The jobs run in order on `base`: the state they lead to, their events, their outcomes. */
  #apply(base: Committed, jobs: readonly MutationJob[]): Applied {
    let state = base.state;
    let lastId = base.lastEventId;
    const events: WinwinEvent[] = [];
    const encodedEvents: Json[] = [];
    const settled: Applied['settled'] = [];
    const buggy: Applied['buggy'] = [];
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
        buggy.push({ job, error });
      }
    }
    return { state, events, encodedEvents, lastId, settled, buggy };
  }

  /** Commits `applied` if the database is still at `base`'s revision ('stale' if not). */
  async #commit(base: Committed, applied: Applied): Promise<'committed' | 'stale'> {
    const client = await this.#connect();
    let broken: Error | undefined;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      if (applied.state === base.state && applied.events.length === 0) {
        // Nothing to write, but the answers must come from the latest state.
        let current: number;
        try {
          const result = await client.query<{ revision: string }>(SELECT_REVISION);
          current = Number(result.rows[0]?.revision ?? 0);
        } catch (error) {
          broken = error as Error;
          throw this.#failure(error);
        }
        return current === base.revision ? 'committed' : 'stale';
      }
      const write = diffState(this.#cache, base.state, base.ranges, applied.state);
      const params = commitParams(base, applied, write);
      const fault = this.#options.writeFault;
      let injected: Error | undefined;
      let committed: boolean;
      try {
        if (fault === undefined) {
          const result = await client.query<{ ok: boolean }>(COMMIT_SQL, params);
          committed = result.rows[0]?.ok === true;
        } else {
          // Tests: the same statement in a transaction, so an injected fault can come before COMMIT.
          await client.query('BEGIN');
          const result = await client.query<{ ok: boolean }>(COMMIT_SQL, params);
          injected = fault();
          if (injected !== undefined) {
            await client.query('ROLLBACK');
            throw injected;
          }
          await client.query('COMMIT');
          committed = result.rows[0]?.ok === true;
        }
      } catch (error) {
        if (injected !== undefined && error === injected) throw error;
        const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
        if (/^(22|23|42|2B|2D|3F|44|XX|P0)/.test(code) && code.length === 5) throw error;
        // The statement may have committed before the connection went: the outcome is unknown, so
        // this is not "nothing was changed". The next catch-up shows what happened.
        broken = error as Error;
        this.#failure(error);
        throw new Error(
          `${this.path}: lost the database while committing; the change may or may not be stored`,
          {
            cause: error,
          },
        );
      }
      if (!committed) return 'stale';
      this.#committed = {
        state: applied.state,
        revision: base.revision + 1,
        ranges: write.ranges,
        lastEventId: applied.lastId,
        ...withEvents(base, applied.events),
      };
      this.#writes += 1;
      return 'committed';
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

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
