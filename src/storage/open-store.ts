import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Mutation } from '../domain/change.js';
import type { Result } from '../domain/result.js';
import { emptyState, type State, type WinwinEvent } from '../domain/types.js';
import { EventArchive } from './event-archive.js';
import type { StoreDoc } from './file-format.js';
import { acquireLock, type StoreLock } from './lock.js';
import { MIGRATIONS, type Migrations } from './migrations.js';
import type { EventFilter, Store, StoreStats } from './store.js';
import { StoreFile } from './store-file.js';

export interface StoreOptions {
  /** Events kept in the main file; older ones move to the archive (default 1,000). */
  readonly archiveKeep?: number;
  /** Age after which an unreadable lock file is taken over (default 10 s). */
  readonly lockStaleMs?: number;
  /** Migrations of older file formats (default: the app's own). */
  readonly migrations?: Migrations;
}

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
    };

type MutationJob = Extract<Job, { kind: 'mutation' }>;

const matches = (event: WinwinEvent, filter: EventFilter | undefined): boolean =>
  filter === undefined ||
  ((filter.program === undefined || event.program === filter.program) &&
    (filter.sector === undefined || event.sector === filter.sector) &&
    (filter.target === undefined || event.target === filter.target));

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

/** Mutations applied in memory, in order, that one durable write will commit. */
interface Batch {
  state: State;
  readonly events: WinwinEvent[];
  readonly jobs: MutationJob[];
  readonly results: Result<unknown>[];
}

class LowdbStore implements Store {
  readonly #low: Low<StoreDoc>;
  readonly #file: StoreFile;
  readonly #archive: EventArchive;
  readonly #lock: StoreLock;
  readonly #keep: number;
  /** Extra events the main file may hold before a move to the archive, so that moves are rare. */
  readonly #slack: number;
  /** What the files hold: all that `read` and the event queries ever show. */
  #committed: StoreDoc;
  /** The newest state mutations have produced: committed, being written, or waiting to be written. */
  #head: State;
  #headLastId: number;
  #queue: Job[] = [];
  /** Applied while a write is in flight; written, all at once, as soon as that write ends. */
  #pending: Batch | undefined;
  #writing: Promise<void> | undefined;
  #scheduled = false;
  #whenIdle: (() => void)[] = [];
  #closed = false;
  #mutations = 0;

  constructor(low: Low<StoreDoc>, file: StoreFile, archive: EventArchive, lock: StoreLock, keep: number) {
    this.#low = low;
    this.#file = file;
    this.#archive = archive;
    this.#lock = lock;
    this.#keep = keep;
    this.#slack = Math.max(1, Math.floor(keep / 4));
    this.#committed = low.data;
    this.#head = low.data.state;
    this.#headLastId = this.lastEventId();
  }

  get path(): string {
    return this.#file.path;
  }

  read(): State {
    return this.#committed.state;
  }

  lastEventId(): number {
    return this.#committed.events.at(-1)?.id ?? this.#committed.archivedThrough;
  }

  stats(): StoreStats {
    return {
      writes: this.#file.writes,
      mutations: this.#mutations,
      eventsInMain: this.#committed.events.length,
      archivedThrough: this.#committed.archivedThrough,
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
    return new Promise<void>((resolve, reject) => {
      this.#enqueue({ kind: 'replace', state, events, resolve, reject });
    });
  }

  async eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    const { events, archivedThrough } = this.#committed;
    const archiveSize = this.#archive.size;
    const recent = events.filter((event) => event.id > afterId && matches(event, filter));
    if (afterId >= archivedThrough) return recent;
    const older: WinwinEvent[] = [];
    for await (const event of this.#archive.newestFirst(archiveSize)) {
      if (event.id <= afterId) break;
      if (matches(event, filter)) older.push(event);
    }
    return [...older.reverse(), ...recent];
  }

  async recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    const { events } = this.#committed;
    const archiveSize = this.#archive.size;
    const found: WinwinEvent[] = [];
    for (let index = events.length - 1; index >= 0 && found.length < limit; index--) {
      const event = events[index] as WinwinEvent;
      if (matches(event, filter)) found.push(event);
    }
    if (found.length < limit) {
      for await (const event of this.#archive.newestFirst(archiveSize)) {
        if (matches(event, filter)) found.push(event);
        if (found.length >= limit) break;
      }
    }
    return found;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#queue.length > 0 || this.#pending !== undefined || this.#writing !== undefined) {
      await new Promise<void>((resolve) => this.#whenIdle.push(resolve));
    }
    await this.#lock.release();
  }

  #enqueue(job: Job): void {
    if (this.#closed) {
      job.reject(new Error(`${this.path}: the store is closed`));
      return;
    }
    this.#queue.push(job);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // On a microtask, so that mutations submitted in the same tick share the first write.
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  /**
   * Moves the queue along. Mutations are applied as soon as they arrive, even while a write is in
   * flight, so the next write (of everything applied meanwhile: group commit) starts the moment the
   * current one ends. A replaceAll waits for the writes before it and runs alone.
   */
  #pump(): void {
    while (this.#queue[0]?.kind === 'mutation') this.#apply(this.#queue.shift() as MutationJob);
    if (this.#writing !== undefined) return;
    const batch = this.#pending;
    const next = this.#queue[0];
    let work: Promise<void>;
    if (batch !== undefined) {
      this.#pending = undefined;
      work = this.#write(batch);
    } else if (next?.kind === 'replace') {
      this.#queue.shift();
      work = this.#replace(next);
    } else {
      for (const resolve of this.#whenIdle.splice(0)) resolve();
      return;
    }
    this.#writing = work.finally(() => {
      this.#writing = undefined;
      this.#pump();
    });
  }

  /** Runs one mutation on the newest state and adds its outcome to the pending batch. */
  #apply(job: MutationJob): void {
    this.#pending ??= { state: this.#head, events: [], jobs: [], results: [] };
    const batch = this.#pending;
    let result: Result<unknown>;
    try {
      const outcome = job.mutation(batch.state);
      if (outcome.ok) {
        const change = outcome.value;
        const lastId = checkEventIds(change.events, this.#headLastId, change.state.nextEvent);
        this.#file.encoder.check(change.state, batch.state);
        for (const event of change.events) this.#file.encoder.event(event);
        batch.state = change.state;
        batch.events.push(...change.events);
        this.#head = change.state;
        this.#headLastId = lastId;
        result = { ok: true, value: change.value };
      } else {
        result = outcome;
      }
    } catch (error) {
      // A mutation that throws or breaks the schema is a bug: it changes nothing, and only it fails.
      job.reject(error);
      return;
    }
    batch.jobs.push(job);
    batch.results.push(result);
  }

  /** Writes a batch once, then settles each of its mutations; on failure rolls back and rejects them. */
  async #write(batch: Batch): Promise<void> {
    if (batch.state !== this.#committed.state || batch.events.length > 0) {
      try {
        await this.#persist(batch.state, batch.events);
      } catch (error) {
        const failure = new Error(`${this.path}: could not write the store: ${(error as Error).message}`, {
          cause: error,
        });
        // Mutations applied meanwhile built on the lost state: they fail too.
        const lost = [...batch.jobs, ...(this.#pending?.jobs ?? [])];
        this.#pending = undefined;
        this.#head = this.#committed.state;
        this.#headLastId = this.lastEventId();
        for (const job of lost) job.reject(failure);
        return;
      }
    }
    batch.jobs.forEach((job, index) => {
      const result = batch.results[index] as Result<unknown>;
      if (result.ok) this.#mutations += 1;
      job.resolve(result);
    });
  }

  /**
   * Writes the main file with `added` events; first moves the oldest committed events to the archive
   * when the main file holds too many. On failure the committed state stays as it was.
   */
  async #persist(state: State, added: readonly WinwinEvent[]): Promise<void> {
    const committed = this.#committed;
    const events = [...committed.events, ...added];
    let archivedThrough = committed.archivedThrough;
    let archiveSize = this.#archive.size;
    let moved = 0;
    if (events.length > this.#keep + this.#slack) {
      // Only events already durable in the main file move: a failed write must not archive new ones.
      moved = Math.min(events.length - this.#keep, committed.events.length);
      if (moved > 0) {
        const toMove = committed.events.slice(0, moved);
        archiveSize = await this.#archive.write(toMove.map((event) => this.#file.encoder.event(event)));
        archivedThrough = (toMove.at(-1) as WinwinEvent).id;
      }
    }
    const next: StoreDoc = { archivedThrough, state, events: moved > 0 ? events.slice(moved) : events };
    this.#low.data = next;
    try {
      await this.#low.write();
    } catch (error) {
      this.#low.data = committed;
      throw error;
    }
    this.#archive.commit(archiveSize);
    this.#committed = next;
  }

  async #replace(job: Extract<Job, { kind: 'replace' }>): Promise<void> {
    const next: StoreDoc = { archivedThrough: 0, state: job.state, events: [...job.events] };
    try {
      checkEventIds(job.events, 0, job.state.nextEvent);
      this.#file.encoder.check(job.state);
      for (const event of job.events) this.#file.encoder.event(event);
      this.#low.data = next;
      await this.#low.write();
    } catch (error) {
      this.#low.data = this.#committed;
      job.reject(error);
      return;
    }
    this.#committed = next;
    this.#head = next.state;
    this.#headLastId = this.lastEventId();
    this.#archive.commit(0);
    // The old archive is no longer referenced: cut it now rather than leave old history lying around,
    // and move what the main file cannot keep. Both are retried by later commits if they fail here.
    try {
      await this.#archive.write([]);
      if (next.events.length > this.#keep + this.#slack) await this.#persist(next.state, []);
    } catch {
      this.#low.data = this.#committed;
    }
    job.resolve();
  }
}

/**
 * Opens (or creates) the store at `file`: takes the lock, reads and validates the main file, recovers
 * the archive's tail. Throws a StoreOpenError (CORRUPT, INVALID, LOCKED, VERSION) naming the file and
 * the problem, and leaves the file untouched.
 */
export const openStore = async (file: string, options: StoreOptions = {}): Promise<Store> => {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
  const lock = await acquireLock(
    absolute,
    options.lockStaleMs === undefined ? {} : { staleMs: options.lockStaleMs },
  );
  try {
    const storeFile = new StoreFile(absolute, options.migrations ?? MIGRATIONS);
    const fresh: StoreDoc = { archivedThrough: 0, state: emptyState(), events: [] };
    const low = new Low<StoreDoc>(storeFile, fresh);
    await low.read();
    const archive = await EventArchive.open(absolute, low.data.archivedThrough);
    if (low.data === fresh) {
      storeFile.encoder.check(fresh.state);
      await low.write();
    }
    return new LowdbStore(low, storeFile, archive, lock, options.archiveKeep ?? 1000);
  } catch (error) {
    await lock.release();
    throw error;
  }
};
