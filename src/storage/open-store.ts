import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { z } from 'zod';
import type { Mutation } from '../domain/change.js';
import type { Result } from '../domain/result.js';
import { EventSchema, emptyState, type State, type WinwinEvent } from '../domain/types.js';
import { fsyncDir, readTextOrNull, writeFileDurably } from './durable-file.js';
import { errnoCode, StoreOpenError } from './errors.js';
import { checkEventIds } from './event-ids.js';
import { EventsFile, eventsPathOf, replacementPathOf } from './events-file.js';
import { decodeStoreDoc, describeIssues, type StoreDoc, StoreEncoder } from './file-format.js';
import { foldV2 } from './legacy-v2.js';
import { acquireLock, type StoreLock } from './lock.js';
import { CURRENT_VERSION, MIGRATIONS, type Migrations } from './migrations.js';
import type { EventFilter, Snapshot, Store, StoreStats } from './store.js';

export interface StoreOptions {
  /** Migrations of older file formats (default: the app's own). */
  readonly migrations?: Migrations;
  /**
   * For tests: consulted in every durable write after the events are appended and before the main
   * file is written; an Error it returns fails that write.
   */
  readonly writeFault?: () => Error | undefined;
}

const parse = (file: string, text: string): Record<string, unknown> => {
  if (text.trim() === '') throw new StoreOpenError('CORRUPT', file, 'is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreOpenError('CORRUPT', file, `is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StoreOpenError('INVALID', file, 'does not hold a JSON object');
  }
  return json as Record<string, unknown>;
};

/** A store in an older format, read and converted in memory: written in the current format on open. */
interface Converted {
  readonly events: readonly WinwinEvent[];
  /** Files of the old format to delete once the new ones are durable. */
  readonly obsolete: readonly string[];
}

/**
 * The lowdb adapter for the main file: reads parse, migrate and validate (a bad file throws a
 * StoreOpenError and is left as it was); writes are atomic and durable (lowdb's own writer renames
 * but never fsyncs).
 */
class MainFile implements Adapter<StoreDoc> {
  readonly encoder = new StoreEncoder();
  writes = 0;
  converted: Converted | undefined;
  /**
   * What the next write must make durable before its rename counts (the events it counts): run
   * beside writing and syncing the temp file, so the two syncs overlap.
   */
  beforeCommit: (() => Promise<unknown>) | undefined;

  constructor(
    readonly path: string,
    readonly migrations: Migrations,
  ) {}

  async read(): Promise<StoreDoc | null> {
    const text = await readTextOrNull(this.path);
    if (text === null) return null;
    const json = parse(this.path, text);
    let version = json.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
      throw new StoreOpenError(
        'INVALID',
        this.path,
        `has no valid "version" (found ${JSON.stringify(version)})`,
      );
    }
    if (version > CURRENT_VERSION) {
      throw new StoreOpenError(
        'VERSION',
        this.path,
        `was written by a newer Winwin (format version ${version}; this one reads up to ${CURRENT_VERSION})`,
      );
    }
    if (version === CURRENT_VERSION) {
      const doc = decodeStoreDoc(this.path, json);
      this.encoder.adopt(doc.state, json.state as Record<string, unknown>);
      return doc;
    }
    let migrated = json;
    let obsolete: readonly string[] = [];
    while (version < CURRENT_VERSION) {
      if (version === 2) ({ json: migrated, segments: obsolete } = await foldV2(this.path, migrated));
      const step = this.migrations[version];
      if (step === undefined) {
        throw new StoreOpenError(
          'VERSION',
          this.path,
          `has format version ${version} and no migration from it`,
        );
      }
      migrated = step(migrated);
      version += 1;
    }
    const events = z.safeDecode(
      z.array(EventSchema),
      (migrated.events ?? []) as z.input<typeof EventSchema>[],
    );
    if (!events.success) {
      throw new StoreOpenError('INVALID', this.path, `events: ${describeIssues(events.error)}`, {
        cause: events.error,
      });
    }
    const lastEventId = events.data.at(-1)?.id ?? 0;
    const doc = decodeStoreDoc(this.path, { version, lastEventId, history: 0, state: migrated.state });
    try {
      checkEventIds(events.data, 0, doc.state.nextEvent);
    } catch (error) {
      throw new StoreOpenError('INVALID', this.path, (error as Error).message);
    }
    this.converted = { events: events.data, obsolete };
    return doc;
  }

  async write(doc: StoreDoc): Promise<void> {
    const before = this.beforeCommit;
    this.beforeCommit = undefined;
    await writeFileDurably(this.path, this.encoder.file(doc), before);
    this.writes += 1;
  }
}

/**
 * Replaces the whole store: a complete events file under a temporary name, then the main file that
 * names it (the commit point), then the rename into place. A crash between the last two is finished
 * on open (see `finishReplacement`).
 */
const writeWhole = async (
  low: Low<StoreDoc>,
  doc: StoreDoc,
  lines: readonly Buffer[],
  fault: (() => Error | undefined) | undefined,
): Promise<void> => {
  const main = (low.adapter as MainFile).path;
  const replacement = replacementPathOf(main, doc.history);
  try {
    await EventsFile.create(replacement, lines);
    const failure = fault?.();
    if (failure !== undefined) throw failure;
    low.data = doc;
    await low.write();
  } catch (error) {
    await unlink(replacement).catch(() => undefined);
    throw error;
  }
  await rename(replacement, eventsPathOf(main));
  await fsyncDir(path.dirname(main));
};

/**
 * With the main file of `history` durable: moves its replacement events file into place if a crash
 * came before the rename, and deletes what belongs to no commit (replacements of other histories) or
 * to the old format (write-ahead log segments, already converted).
 */
const finishReplacement = async (main: string, history: number): Promise<void> => {
  const dir = path.dirname(main);
  const current = replacementPathOf(main, history);
  const replacementPrefix = `.${path.basename(eventsPathOf(main))}.`;
  const walPrefix = `${path.parse(main).name}.wal.`;
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (file === current) {
      await rename(current, eventsPathOf(main));
      await fsyncDir(dir);
    } else if (
      name.startsWith(replacementPrefix) ||
      (name.startsWith(walPrefix) && name.endsWith('.jsonl'))
    ) {
      await unlink(file).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error;
      });
    }
  }
};

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

/** Mutations applied in memory, in order, that one durable write commits. */
interface Batch {
  state: State;
  lastEventId: number;
  readonly events: WinwinEvent[];
  readonly lines: Buffer[];
  readonly jobs: MutationJob[];
  readonly results: Result<unknown>[];
}

/**
 * The store in lowdb's model: `low.data` is the whole committed state, and each group commit writes
 * it whole (atomically and durably) after appending its events to the events file. Mutations are
 * applied as they arrive, even while a write is in flight; everything applied meanwhile is written
 * together as soon as that write ends, so mutations that arrive together share one write.
 */
class JsonFileStore implements Store {
  readonly #low: Low<StoreDoc>;
  readonly #file: MainFile;
  readonly #events: EventsFile;
  readonly #lock: StoreLock;
  readonly #fault: (() => Error | undefined) | undefined;
  /** What the files hold as committed (`low.data` is the doc being written while a write is in flight). */
  #doc: StoreDoc;
  #snapshot: Snapshot;
  /** The newest state mutations have produced: committed, being written, or waiting to be. */
  #head: State;
  #headLastId: number;
  #queue: Job[] = [];
  #pending: Batch | undefined;
  #writing: Promise<void> | undefined;
  #scheduled = false;
  #whenIdle: (() => void)[] = [];
  #closed = false;
  #mutations = 0;

  constructor(low: Low<StoreDoc>, events: EventsFile, lock: StoreLock, options: StoreOptions) {
    this.#low = low;
    this.#file = low.adapter as MainFile;
    this.#events = events;
    this.#lock = lock;
    this.#fault = options.writeFault;
    this.#doc = low.data;
    this.#snapshot = { state: low.data.state, revision: 1 };
    this.#head = low.data.state;
    this.#headLastId = low.data.lastEventId;
  }

  get path(): string {
    return this.#file.path;
  }

  read(): State {
    return this.#snapshot.state;
  }

  snapshot(): Snapshot {
    return this.#snapshot;
  }

  lastEventId(): number {
    return this.#doc.lastEventId;
  }

  stats(): StoreStats {
    return { writes: this.#file.writes, mutations: this.#mutations };
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

  eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    return this.#events.eventsSince(afterId, filter);
  }

  recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    return this.#events.recentEvents(limit, filter);
  }

  /** Waits for queued mutations, then releases the lock. */
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

  /** Moves the queue along: applies what it can, starts the next write if none is in flight. */
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

  /**
   * Runs one mutation on the newest state and validates what it produced (only what changed); a
   * mutation that throws or breaks the schema is a bug: it rejects alone and changes nothing.
   */
  #apply(job: MutationJob): void {
    this.#pending ??= {
      state: this.#head,
      lastEventId: this.#headLastId,
      events: [],
      lines: [],
      jobs: [],
      results: [],
    };
    const batch = this.#pending;
    let result: Result<unknown>;
    try {
      const outcome = job.mutation(batch.state);
      if (outcome.ok) {
        const { state, events, value } = outcome.value;
        const lastId = checkEventIds(events, this.#headLastId, state.nextEvent);
        this.#file.encoder.check(state, batch.state);
        const lines = events.map((event) => this.#file.encoder.event(event));
        Object.freeze(state);
        batch.state = state;
        batch.lastEventId = lastId;
        batch.events.push(...events);
        batch.lines.push(...lines);
        this.#head = state;
        this.#headLastId = lastId;
        result = { ok: true, value };
      } else {
        result = outcome;
      }
    } catch (error) {
      job.reject(error);
      return;
    }
    batch.jobs.push(job);
    batch.results.push(result);
  }

  /** Appends the batch's events, writes the main file, then settles; on failure rolls back and rejects. */
  async #write(batch: Batch): Promise<void> {
    if (batch.state !== this.#snapshot.state || batch.events.length > 0) {
      const committed = this.#doc;
      const doc: StoreDoc = {
        lastEventId: batch.lastEventId,
        history: committed.history,
        state: batch.state,
      };
      let size = this.#events.size;
      try {
        // The events are appended and fsynced while the main file's temp file is; the rename that
        // makes the new state count waits for both.
        this.#file.beforeCommit = async () => {
          if (batch.lines.length > 0) size = await this.#events.append(batch.lines);
          const failure = this.#fault?.();
          if (failure !== undefined) throw failure;
        };
        this.#low.data = doc;
        await this.#low.write();
      } catch (error) {
        this.#low.data = committed;
        const failure = new Error(`${this.path}: could not write the store: ${(error as Error).message}`, {
          cause: error,
        });
        // Mutations applied meanwhile built on the lost state: they fail too.
        const lost = [...batch.jobs, ...(this.#pending?.jobs ?? [])];
        this.#pending = undefined;
        this.#head = committed.state;
        this.#headLastId = committed.lastEventId;
        for (const job of lost) job.reject(failure);
        return;
      }
      this.#events.commit(size, batch.events, batch.lines);
      this.#doc = doc;
      this.#snapshot = { state: batch.state, revision: this.#snapshot.revision + 1 };
    }
    batch.jobs.forEach((job, index) => {
      const result = batch.results[index] as Result<unknown>;
      if (result.ok) this.#mutations += 1;
      job.resolve(result);
    });
  }

  async #replace(job: Extract<Job, { kind: 'replace' }>): Promise<void> {
    const committed = this.#doc;
    let lines: Buffer[];
    let doc: StoreDoc;
    try {
      const lastEventId = checkEventIds(job.events, 0, job.state.nextEvent);
      this.#file.encoder.check(job.state);
      lines = job.events.map((event) => this.#file.encoder.event(event));
      doc = { lastEventId, history: committed.history + 1, state: Object.freeze({ ...job.state }) };
      await writeWhole(this.#low, doc, lines, this.#fault);
    } catch (error) {
      this.#low.data = committed;
      job.reject(error);
      return;
    }
    this.#events.reset(job.events, lines);
    this.#doc = doc;
    this.#snapshot = { state: doc.state, revision: this.#snapshot.revision + 1 };
    this.#head = doc.state;
    this.#headLastId = doc.lastEventId;
    job.resolve();
  }
}

/**
 * Opens (or creates) the store at `file`: takes the lock, reads and validates the main file (an
 * older format is converted and written in the current one), then opens the events file, cutting
 * events the main file does not count. Throws a StoreOpenError (CORRUPT, INVALID, LOCKED, VERSION)
 * naming the file and the problem, and leaves a refused file as it was.
 */
export const openStore = async (file: string, options: StoreOptions = {}): Promise<Store> => {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
  const lock = await acquireLock(absolute);
  try {
    const main = new MainFile(absolute, options.migrations ?? MIGRATIONS);
    const fresh: StoreDoc = { lastEventId: 0, history: 0, state: emptyState() };
    const low = new Low<StoreDoc>(main, fresh);
    await low.read();
    const converted = main.converted;
    if (low.data === fresh) {
      // No main file: an events file with history means the main file was lost, not a new store.
      const history = await stat(eventsPathOf(absolute)).catch(() => undefined);
      if (history !== undefined && history.size > 0) {
        throw new StoreOpenError(
          'CORRUPT',
          absolute,
          `is missing, but ${eventsPathOf(absolute)} holds events: restore the main file from a backup`,
        );
      }
    }
    if (low.data === fresh || converted !== undefined) {
      // A new store, or an older format: written whole in the current format before anything else.
      const events = converted?.events ?? [];
      const doc = { ...low.data, history: low.data.history + 1 };
      main.encoder.check(doc.state);
      await writeWhole(
        low,
        doc,
        events.map((event) => main.encoder.event(event)),
        undefined,
      );
      for (const obsolete of converted?.obsolete ?? []) await unlink(obsolete).catch(() => undefined);
      main.converted = undefined;
    } else {
      await finishReplacement(absolute, low.data.history);
    }
    Object.freeze(low.data.state);
    const events = await EventsFile.open(eventsPathOf(absolute), low.data.lastEventId);
    return new JsonFileStore(low, events, lock, options);
  } catch (error) {
    await lock.release();
    throw error;
  }
};
