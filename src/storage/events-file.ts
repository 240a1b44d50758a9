import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EventSchema, type WinwinEvent } from '../domain/types.js';
import { FILE_MODE, fsyncDir } from './durable-file.js';
import { errnoCode, StoreOpenError } from './errors.js';
import { linesBackward } from './lines-backward.js';
import type { EventFilter } from './store.js';

/** Newest events kept decoded in memory: what the realtime feed, digests and history usually ask for. */
const TAIL = 1000;
const NEWLINE = Buffer.from('\n');

/** Lines start with the event id (EventSchema's first key), so a line's id is read without parsing it. */
const LEADING_ID = /^\{"id":(\d+)[,}]/;

const idOf = (line: string): number | undefined => {
  const match = LEADING_ID.exec(line);
  if (match?.[1] !== undefined) return Number(match[1]);
  try {
    const id = (JSON.parse(line) as { id?: unknown } | null)?.id;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
};

export const matches = (event: WinwinEvent, filter: EventFilter | undefined): boolean =>
  filter === undefined ||
  ((filter.program === undefined || event.program === filter.program) &&
    (filter.sector === undefined || event.sector === filter.sector) &&
    (filter.target === undefined || event.target === filter.target));

/** `<dir>/<name>.events.jsonl` beside the main file `<dir>/<name>.json`. */
export const eventsPathOf = (mainPath: string): string => {
  const { dir, name } = path.parse(mainPath);
  return path.join(dir, `${name}.events.jsonl`);
};

/** Where replaceAll (and a migration) writes a complete new events file before it counts. */
export const replacementPathOf = (mainPath: string, history: number): string => {
  const events = eventsPathOf(mainPath);
  return path.join(path.dirname(events), `.${path.basename(events)}.${history}`);
};

/** Decoded events with the byte offset of each line. */
interface Tail {
  readonly events: WinwinEvent[];
  readonly offsets: number[];
}

/**
 * The audit history, one JSON event per line, ids increasing: appended (and fsynced) before the main
 * file that counts the new events is written. Bytes after the committed size belong to no commit
 * (a write that failed, or that a crash cut off before the main file): the next append overwrites
 * them and open cuts them. The newest events are kept decoded; older ones are read from the end of
 * the file backwards, so a query costs what it reads, not the size of the history.
 */
export class EventsFile {
  #size: number;
  #tail: Tail;

  private constructor(
    readonly path: string,
    size: number,
    tail: Tail,
  ) {
    this.#size = size;
    this.#tail = tail;
  }

  /** Bytes of committed events. */
  get size(): number {
    return this.#size;
  }

  /**
   * Opens the events file of a main file that counts events through `lastEventId`: cuts a torn last
   * line and events the main file does not count, and decodes the newest events. Refuses (CORRUPT)
   * when the file lacks events the main file counts, naming the file.
   */
  static async open(file: string, lastEventId: number): Promise<EventsFile> {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r+');
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      if (lastEventId > 0) {
        throw new StoreOpenError(
          'CORRUPT',
          file,
          `is missing, but the main file counts events E1–E${lastEventId}`,
        );
      }
      await EventsFile.create(file, []);
      return new EventsFile(file, 0, { events: [], offsets: [] });
    }
    try {
      const { size } = await handle.stat();
      // A main file that counts no events: whatever the file holds belongs to no commit.
      let end = lastEventId === 0 ? 0 : size;
      const lines: { text: string; offset: number }[] = [];
      let reached = lastEventId === 0;
      for await (const line of linesBackward(handle, end)) {
        if (!reached) {
          const id = line.terminated ? idOf(line.text) : undefined;
          // Torn, unreadable or not counted by the main file: written by no commit, cut.
          if (id === undefined || id > lastEventId) {
            end = line.offset;
            continue;
          }
          if (id < lastEventId) {
            throw new StoreOpenError(
              'CORRUPT',
              file,
              `holds events only through E${id}, but the main file counts events through E${lastEventId}`,
            );
          }
          reached = true;
        }
        lines.push(line);
        if (lines.length >= TAIL) break;
      }
      if (!reached) {
        throw new StoreOpenError(
          'CORRUPT',
          file,
          `does not hold event E${lastEventId}, which the main file counts`,
        );
      }
      const tail: Tail = { events: [], offsets: [] };
      for (const line of lines.reverse()) {
        tail.events.push(decodeLine(file, line.text, line.offset));
        tail.offsets.push(line.offset);
      }
      // Only once the committed events are known to be sound: a refused file is left as it was.
      if (end < size) {
        await handle.truncate(end);
        await handle.sync();
      }
      return new EventsFile(file, end, tail);
    } finally {
      await handle.close();
    }
  }

  /** Writes a complete events file at `file` (created, fsynced, its name too). */
  static async create(file: string, lines: readonly Buffer[]): Promise<void> {
    const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, FILE_MODE);
    try {
      await handle.writev(lines.flatMap((line) => [line, NEWLINE]));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDir(path.dirname(file));
  }

  /**
   * Writes the JSON lines of new events after the committed ones and fsyncs. They count once the
   * main file is written: then `commit` them.
   */
  async append(lines: readonly Buffer[]): Promise<number> {
    const bytes = Buffer.concat(lines.flatMap((line) => [line, NEWLINE]));
    const handle = await open(this.path, 'r+');
    try {
      // Written and cut to its new end together (either order leaves the same file), then synced:
      // each await is a turn of a busy event loop.
      const [{ bytesWritten }] = await Promise.all([
        handle.write(bytes, 0, bytes.length, this.#size),
        handle.truncate(this.#size + bytes.length),
      ]);
      if (bytesWritten !== bytes.length) throw new Error(`short write to ${this.path}`);
      await handle.datasync();
    } finally {
      handle.close().catch(() => undefined);
    }
    return this.#size + bytes.length;
  }

  /** The appended events now count: `size` is what `append` returned. */
  commit(size: number, events: readonly WinwinEvent[], lines: readonly Buffer[]): void {
    const offsets = [...this.#tail.offsets];
    const all = this.#tail.events.concat(events);
    let offset = this.#size;
    for (const line of lines) {
      offsets.push(offset);
      offset += line.length + 1;
    }
    const drop = all.length > 2 * TAIL ? all.length - TAIL : 0;
    this.#tail = { events: all.slice(drop), offsets: offsets.slice(drop) };
    this.#size = size;
  }

  /** After a replacement: the file now holds exactly `events` (their `lines`). */
  reset(events: readonly WinwinEvent[], lines: readonly Buffer[]): void {
    this.#size = 0;
    this.#tail = { events: [], offsets: [] };
    this.commit(
      lines.reduce((total, line) => total + line.length + 1, 0),
      events,
      lines,
    );
  }

  async eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    const { events, offsets } = this.#tail;
    const first = events[0];
    const recent = events.filter((event) => event.id > afterId && matches(event, filter));
    if (first === undefined || first.id <= afterId + 1) return recent;
    const older: WinwinEvent[] = [];
    for await (const event of this.#older(offsets[0] as number, filter, afterId)) {
      if (matches(event, filter)) older.push(event);
    }
    return older.reverse().concat(recent);
  }

  async recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]> {
    const { events, offsets } = this.#tail;
    const found: WinwinEvent[] = [];
    for (let index = events.length - 1; index >= 0 && found.length < limit; index--) {
      const event = events[index] as WinwinEvent;
      if (matches(event, filter)) found.push(event);
    }
    if (found.length >= limit || offsets[0] === undefined) return found;
    for await (const event of this.#older(offsets[0], filter)) {
      if (matches(event, filter)) found.push(event);
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * Events in the file's first `end` bytes (those older than the tail), newest first; with a filter,
   * only lines that can match it are decoded (each line is this writer's JSON, so a matching event's
   * line holds `"program":"<slug>"` as written; the caller still checks the decoded event). Stops
   * at the first event with id ≤ `afterId`.
   */
  async *#older(end: number, filter?: EventFilter, afterId = 0): AsyncGenerator<WinwinEvent> {
    if (end === 0) return;
    const needles = Object.entries(filter ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
    const handle = await open(this.path, 'r');
    try {
      for await (const line of linesBackward(handle, end)) {
        if ((idOf(line.text) ?? Number.POSITIVE_INFINITY) <= afterId) return;
        if (needles.every((needle) => line.text.includes(needle)))
          yield decodeLine(this.path, line.text, line.offset);
      }
    } finally {
      await handle.close();
    }
  }
}

const decodeLine = (file: string, text: string, offset: number): WinwinEvent => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreOpenError(
      'CORRUPT',
      file,
      `byte ${offset}: not a JSON line (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const result = z.safeDecode(EventSchema, json as z.input<typeof EventSchema>);
  if (!result.success) {
    throw new StoreOpenError(
      'INVALID',
      file,
      `byte ${offset}: not a valid event (${z.prettifyError(result.error)})`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
};
