import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Mutation } from '../domain/change.js';
import type { Result } from '../domain/result.js';
import { emptyState, type State, type WinwinEvent } from '../domain/types.js';
import type { DocEncoder } from './doc-encoder.js';
import { StoreOpenError } from './errors.js';
import { EventArchive } from './event-archive.js';
import type { StoreDoc } from './file-format.js';
import { acquireLock, type StoreLock } from './lock.js';
import { MIGRATIONS, type Migrations } from './migrations.js';
import type { EventFilter, Snapshot, Store, StoreStats } from './store.js';
import { StoreFile } from './store-file.js';
import { scanWal, type WalScan, WriteAheadLog } from './wal.js';
import { applyWalRecord, encodeWalRecord } from './wal-record.js';

export interface StoreOptions {
  /** Events kept in the main file; older ones move to the archive at each compaction (default 1,000). */
  readonly archiveKeep?: number;
  /** Age after which an unreadable lock file is taken over (default 10 s). */
  readonly lockStaleMs?: number;
  /** Migrations of older file formats (default: the app's own). */
  readonly migrations?: Migrations;
  /**
   * Bytes of write-ahead log after which a compaction folds them into a new main file. Default: the
   * main file's size, at least 1 MiB — so compaction writes at most as much as the commits did.
   */
  readonly compactAfterBytes?: number;
  /** For tests: consulted inside every durable write; an Error it returns fails that write. */
  readonly writeFault?: () => Error | undefined;
}

const MIN_COMPACT_BYTES = 1 << 20;

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

/** What the files hold together: all that `read` and the event queries ever show. */
interface Committed {
  readonly state: State;
  /** Events not yet archived: the main file's, then the log's. */
  readonly events: readonly WinwinEvent[];
  readonly archivedThrough: number;
  /** Sequence number of the last log line (the main file's walSeq when the log adds nothing). */
  readonly seq: number;
}

/** Mutations applied in memory, in order, that one durable write will commit. */
interface Batch {
  state: State;
  readonly events: WinwinEvent[];
  readonly jobs: MutationJob[];
  readonly results: Result<unknown>[];
}

/**
 * Why a write-ahead log rather than rewriting the main file on every commit: at 100× a ministry's
 * data the main file is 3 MB, and rewriting it (plus two fsyncs) costs 12–20 ms per group commit,
 * which grows with the store. A log line holds only what the batch changed (the splices of each
 * changed array, found by identity because committed state is immutable) and costs one small
 * append and one fdatasync, whatever the store's size. Compaction — moving old events to the
 * archive, then writing the main file as a snapshot that records the last log line it includes —
 * runs beside the commits, not in their path: it seals the log segment first, so commits meanwhile
 * go to a fresh segment, and deletes the sealed one only once the snapshot is durable.
 */
class LowdbStore implements Store {
  readonly #low: Low<StoreDoc>;
  readonly #file: StoreFile;
  readonly #archive: EventArchive;
  readonly #wal: WriteAheadLog;
  readonly #lock: StoreLock;
  readonly #keep: number;
  readonly #options: StoreOptions;
  readonly #compactAfterBytes: number | undefined;
  #committed: Committed;
  #snapshot: Snapshot;
  /** The log line the main file includes. */
  #snapshotSeq: number;
  /** The newest state mutations have produced: committed, being written, or waiting to be written. */
  #head: State;
  #headLastId: number;
  #queue: Job[] = [];
  /** Applied while a write is in flight; written, all at once, as soon as that write ends. */
  #pending: Batch | undefined;
  #writing: Promise<void> | undefined;
  #compaction: Promise<void> | undefined;
  #compactions = 0;
  #compactionError: Error | undefined;
  /**
   * Whether each mutation's arrays are checked when it is applied. Normally not: finding what a
   * mutation changed means comparing every pledge, on every mutation; instead the batch's log
   * line, which compares once per batch, validates every new element as it encodes it. Only when
   * that fails are the batch's mutations applied again with full checks, to single out the culprit.
   */
  #strict = false;
  #scheduled = false;
  #whenIdle: (() => void)[] = [];
  #closed = false;
  #mutations = 0;

  constructor(
    low: Low<StoreDoc>,
    file: StoreFile,
    archive: EventArchive,
    wal: WriteAheadLog,
    lock: StoreLock,
    committed: Committed,
    options: StoreOptions,
  ) {
    this.#low = low;
    this.#file = file;
    this.#archive = archive;
    this.#wal = wal;
    this.#lock = lock;
    this.#keep = options.archiveKeep ?? 1000;
    this.#options = options;
    this.#compactAfterBytes = options.compactAfterBytes;
    this.#committed = committed;
    this.#snapshot = { state: committed.state, revision: 1 };
    this.#snapshotSeq = low.data.walSeq;
    this.#head = committed.state;
    this.#headLastId = this.lastEventId();
  }

  get path(): string {
    return this.#file.path;
  }

  read(): State {
    return this.#committed.state;
  }

  snapshot(): Snapshot {
    const { state } = this.#committed;
    if (state !== this.#snapshot.state) this.#snapshot = { state, revision: this.#snapshot.revision + 1 };
    return this.#snapshot;
  }

  lastEventId(): number {
    return this.#committed.events.at(-1)?.id ?? this.#committed.archivedThrough;
  }

  stats(): StoreStats {
    return {
      writes: this.#wal.appends + this.#file.writes,
      mutations: this.#mutations,
      eventsInMain: this.#committed.events.length,
      archivedThrough: this.#committed.archivedThrough,
      walBytes: this.#wal.bytes,
      compactions: this.#compactions,
      ...(this.#compactionError === undefined ? {} : { compactionError: this.#compactionError.message }),
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
    // Taken together, so that a compaction moving events meanwhile cannot show one twice or not at all.
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

  /**
   * Waits for queued mutations and any compaction, folds the log into the main file (so a closed
   * store is one self-contained main file plus its archive), then releases the lock.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#queue.length > 0 || this.#pending !== undefined || this.#writing !== undefined) {
      await new Promise<void>((resolve) => this.#whenIdle.push(resolve));
    }
    await this.#compaction;
    let failure: unknown;
    try {
      if (this.#committed.seq > this.#snapshotSeq || this.#wal.bytes > 0) await this.#compact();
    } catch (error) {
      failure = error;
    }
    await this.#wal.close().catch(() => undefined);
    await this.#lock.release();
    if (failure !== undefined) {
      throw new Error(
        `${this.path}: could not fold the write-ahead log into the main file on close (${(failure as Error).message}); every commit is in the log and is replayed on the next open`,
        { cause: failure },
      );
    }
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
   * current one ends. A replaceAll waits for the writes and the compaction before it and runs alone.
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
      if (this.#compaction !== undefined) return; // its end pumps again
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
        if (this.#strict) this.#file.encoder.check(change.state, batch.state);
        else this.#file.encoder.checkShallow(change.state);
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

  /**
   * Applies again, one by one and each checked in full, the mutations of a batch whose log line
   * would not encode (one of them put an element that breaks the schema in an array), and those
   * applied on top of it: the culprit is rejected alone, the others are applied again on their
   * own. Nothing was settled yet, and mutations are pure functions of the state, so running them
   * again is invisible to their callers.
   */
  #applyStrictly(batch: Batch): void {
    const jobs = [...batch.jobs, ...(this.#pending?.jobs ?? [])];
    this.#pending = undefined;
    this.#head = this.#committed.state;
    this.#headLastId = this.lastEventId();
    this.#strict = true;
    for (const job of jobs) this.#apply(job);
  }

  /** Appends a batch to the log once, then settles its mutations; on failure rolls back and rejects them. */
  async #write(batch: Batch): Promise<void> {
    const before = this.#committed;
    if (batch.state !== before.state || batch.events.length > 0) {
      const seq = before.seq + 1;
      try {
        let line: Buffer;
        try {
          line = encodeWalRecord(this.#file.encoder, seq, before.state, batch.state, batch.events);
        } catch (error) {
          if (this.#strict) throw error; // checked in full and still not encodable: fails like a write
          this.#applyStrictly(batch);
          return;
        }
        const fault = this.#options.writeFault?.();
        if (fault !== undefined) throw fault;
        await this.#wal.append(line, seq);
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
      // Every element of the batch's arrays is now validated: by a check, or by encoding the line.
      this.#file.encoder.trust(batch.state);
      this.#strict = false;
      // Read again after the await: a compaction may have moved events to the archive meanwhile.
      // (concat, not spread: V8's optimized spread of a large array is far slower.)
      const now = this.#committed;
      this.#committed = { ...now, state: batch.state, events: now.events.concat(batch.events), seq };
      this.#maybeCompact();
    }
    batch.jobs.forEach((job, index) => {
      const result = batch.results[index] as Result<unknown>;
      if (result.ok) this.#mutations += 1;
      job.resolve(result);
    });
  }

  #maybeCompact(): void {
    if (this.#compaction !== undefined || this.#closed) return;
    const threshold = this.#compactAfterBytes ?? Math.max(MIN_COMPACT_BYTES, this.#file.bytes);
    if (this.#wal.activeBytes < threshold) return;
    this.#compaction = this.#compact()
      .catch((error: unknown) => {
        // Not fatal: the commits are durable in the log; the next compaction tries again.
        this.#compactionError = error as Error;
      })
      .finally(() => {
        this.#compaction = undefined;
        this.#pump();
      });
  }

  /**
   * Folds everything committed so far into a new main file: seals the log segment, moves the oldest
   * events to the archive (appended first: the main file is the commit point), writes the snapshot
   * atomically and durably, then deletes the sealed segments. Commits continue meanwhile.
   */
  async #compact(): Promise<void> {
    const target = this.#committed;
    await this.#wal.seal();
    const moved = Math.max(0, target.events.length - this.#keep);
    let archiveSize = this.#archive.size;
    let archivedThrough = target.archivedThrough;
    if (moved > 0) {
      const toMove = target.events.slice(0, moved);
      archiveSize = await this.#archive.write(toMove.map((event) => this.#file.encoder.event(event)));
      archivedThrough = (toMove.at(-1) as WinwinEvent).id;
    }
    this.#low.data = {
      archivedThrough,
      walSeq: target.seq,
      state: target.state,
      events: target.events.slice(moved),
    };
    await this.#low.write();
    this.#archive.commit(archiveSize);
    this.#snapshotSeq = target.seq;
    const now = this.#committed;
    this.#committed = { ...now, archivedThrough, events: now.events.slice(moved) };
    this.#compactions += 1;
    this.#compactionError = undefined;
    await this.#wal.dropSealed();
  }

  async #replace(job: Extract<Job, { kind: 'replace' }>): Promise<void> {
    const seq = this.#committed.seq;
    const doc: StoreDoc = { archivedThrough: 0, walSeq: seq, state: job.state, events: [...job.events] };
    try {
      checkEventIds(job.events, 0, job.state.nextEvent);
      this.#file.encoder.check(job.state);
      this.#file.encoder.freeze(job.state);
      for (const event of job.events) this.#file.encoder.event(event);
      const fault = this.#options.writeFault?.();
      if (fault !== undefined) throw fault;
      this.#low.data = doc;
      await this.#low.write();
    } catch (error) {
      job.reject(error);
      return;
    }
    this.#committed = { state: doc.state, events: doc.events, archivedThrough: 0, seq };
    this.#snapshotSeq = seq;
    this.#head = doc.state;
    this.#headLastId = this.lastEventId();
    this.#archive.commit(0);
    // The main file now holds everything and supersedes the log and the old archive: drop them
    // rather than leave old history lying around, and move what the main file cannot keep. All of
    // it is redone by later compactions if it fails here.
    try {
      await this.#wal.seal();
      await this.#wal.dropSealed();
      await this.#archive.write([]);
      if (doc.events.length > this.#keep) await this.#compact();
    } catch (error) {
      this.#compactionError = error as Error;
    }
    job.resolve();
  }
}

/**
 * The main file's state with the log's commits after it replayed, each line validated with the
 * same schemas as the main file. Throws StoreOpenError: CORRUPT for a missing commit, INVALID for
 * a line whose content breaks the schema or the event order.
 */
const replay = (encoder: DocEncoder, doc: StoreDoc, scan: WalScan): Committed => {
  let state = doc.state;
  const events = [...doc.events];
  let seq = doc.walSeq;
  let lastId = events.at(-1)?.id ?? doc.archivedThrough;
  for (const line of scan.lines) {
    if (line.seq <= doc.walSeq && seq === doc.walSeq) continue; // already in the main file
    if (line.seq !== seq + 1) {
      throw new StoreOpenError(
        'CORRUPT',
        line.segment,
        `line ${line.line} has commit ${line.seq} where commit ${seq + 1} should be: commits are missing`,
      );
    }
    const applied = applyWalRecord(encoder, line, state);
    for (const event of applied.events) {
      if (event.id <= lastId) {
        throw new StoreOpenError(
          'INVALID',
          line.segment,
          `line ${line.line}: event id ${event.id} does not follow ${lastId}`,
        );
      }
      lastId = event.id;
    }
    events.push(...applied.events);
    state = applied.state;
    seq = line.seq;
  }
  if (seq !== doc.walSeq) {
    if (lastId >= state.nextEvent) {
      throw new StoreOpenError(
        'INVALID',
        scan.segments.at(-1)?.path ?? doc.walSeq.toString(),
        `state.nextEvent ${state.nextEvent} is not after event ${lastId}`,
      );
    }
    encoder.trust(state);
  }
  return { state, events, archivedThrough: doc.archivedThrough, seq };
};

/**
 * Opens (or creates) the store at `file`: takes the lock, reads and validates the main file, replays
 * the write-ahead log, recovers the archive's tail. Throws a StoreOpenError (CORRUPT, INVALID,
 * LOCKED, VERSION) naming the file and the problem, and leaves the files untouched. Only a torn last
 * log line (an append a crash cut short, never acknowledged) and the archive's unacknowledged tail
 * are cut.
 */
export const openStore = async (file: string, options: StoreOptions = {}): Promise<Store> => {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
  const lock = await acquireLock(
    absolute,
    options.lockStaleMs === undefined ? {} : { staleMs: options.lockStaleMs },
  );
  let wal: WriteAheadLog | undefined;
  try {
    const storeFile = new StoreFile(absolute, options.migrations ?? MIGRATIONS);
    const fresh: StoreDoc = { archivedThrough: 0, walSeq: 0, state: emptyState(), events: [] };
    const low = new Low<StoreDoc>(storeFile, fresh);
    await low.read();
    const scan = await scanWal(absolute);
    const logged = scan.lines.filter((line) => line.seq > low.data.walSeq);
    if (low.data === fresh && scan.lines.length > 0) {
      throw new StoreOpenError(
        'CORRUPT',
        absolute,
        `is missing, but its write-ahead log ${scan.lines[0]?.segment} holds commits`,
      );
    }
    if (storeFile.migrated && logged.length > 0) {
      throw new StoreOpenError(
        'VERSION',
        absolute,
        `is in an older format and its write-ahead log ${logged[0]?.segment} holds commits of that version; open it with that version of Winwin first`,
      );
    }
    const committed = replay(storeFile.encoder, low.data, scan);
    const archive = await EventArchive.open(absolute, low.data.archivedThrough);
    wal = await WriteAheadLog.open(absolute, scan, low.data.walSeq);
    if (low.data === fresh) {
      storeFile.encoder.check(fresh.state);
      storeFile.encoder.freeze(fresh.state);
    }
    // A new store gets its main file now; an older format is rewritten before the log gets lines.
    if (low.data === fresh || storeFile.migrated) await low.write();
    return new LowdbStore(low, storeFile, archive, wal, lock, committed, options);
  } catch (error) {
    await wal?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
};
