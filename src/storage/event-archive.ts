import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EventSchema, type WinwinEvent } from '../domain/types.js';
import { FILE_MODE, fsyncDir } from './durable-file.js';
import { errnoCode, StoreOpenError } from './errors.js';
import { linesBackward } from './lines-backward.js';

const NEWLINE = Buffer.from('\n');

/** Archive lines start with the event id (EventSchema's first key), so it can be read without parsing. */
const LEADING_ID = /^\{"id":(\d+)[,}]/;

const idOf = (line: string): number | undefined => {
  const match = LEADING_ID.exec(line);
  if (match?.[1] !== undefined) return Number(match[1]);
  try {
    const value: unknown = JSON.parse(line);
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The append-only archive of old events, `<main>.events.jsonl`: one JSON event per line, ids
 * increasing. The main file is the commit point: it records `archivedThrough`, the newest id the
 * archive holds for it. Events are appended (at the committed size, cutting anything after it) before
 * the main file that drops them is written; if the main write fails or the process dies between the
 * two, the bytes after the committed size are surplus, overwritten by the next append or cut on
 * open. So an event is never lost nor duplicated across the boundary.
 */
export class EventArchive {
  #size: number;

  private constructor(
    readonly path: string,
    size: number,
  ) {
    this.#size = size;
  }

  /** Bytes that belong to committed events. */
  get size(): number {
    return this.#size;
  }

  static pathFor(mainPath: string): string {
    const parsed = path.parse(mainPath);
    return path.join(parsed.dir, `${parsed.name}.events.jsonl`);
  }

  /**
   * Opens the archive of a main file whose events through `archivedThrough` are archived, cutting a
   * torn or surplus tail left by a crash. Refuses (CORRUPT) when the archive lacks events the main
   * file says it holds.
   */
  static async open(mainPath: string, archivedThrough: number): Promise<EventArchive> {
    const file = EventArchive.pathFor(mainPath);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, 'r+');
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      if (archivedThrough > 0) {
        throw new StoreOpenError(
          'CORRUPT',
          file,
          `is missing, but ${mainPath} says it holds events E1–E${archivedThrough}`,
        );
      }
      return new EventArchive(file, 0);
    }
    try {
      const { size } = await handle.stat();
      const keep =
        archivedThrough === 0 ? 0 : await EventArchive.#committedEnd(file, handle, size, archivedThrough);
      if (keep < size) {
        await handle.truncate(keep);
        await handle.sync();
      }
      return new EventArchive(file, keep);
    } finally {
      await handle.close();
    }
  }

  /** The end of the line holding event `through`; everything after it is unacknowledged. */
  static async #committedEnd(
    file: string,
    handle: Awaited<ReturnType<typeof open>>,
    size: number,
    through: number,
  ) {
    let end = size;
    for await (const line of linesBackward(handle, size)) {
      const id = line.terminated ? idOf(line.text) : undefined;
      if (id !== undefined && id <= through) {
        if (id !== through) {
          throw new StoreOpenError(
            'CORRUPT',
            file,
            `holds events only through E${id}, but the main file expects E${through}`,
          );
        }
        return end;
      }
      end = line.offset;
    }
    throw new StoreOpenError(
      'CORRUPT',
      file,
      `does not hold event E${through}, which the main file says is archived`,
    );
  }

  /**
   * Writes `lines` (JSON of events, oldest first) after the committed events and fsyncs. Returns the
   * size to `commit` once the main file that drops those events is durable.
   */
  async write(lines: readonly Buffer[]): Promise<number> {
    const bytes = Buffer.concat(lines.flatMap((line) => [line, NEWLINE]));
    const handle = await open(this.path, constants.O_RDWR | constants.O_CREAT, FILE_MODE);
    try {
      await handle.write(bytes, 0, bytes.length, this.#size);
      await handle.truncate(this.#size + bytes.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (this.#size === 0) await fsyncDir(path.dirname(this.path));
    return this.#size + bytes.length;
  }

  commit(size: number): void {
    this.#size = size;
  }

  /** Events of the first `size` bytes, newest first. */
  async *newestFirst(size: number = this.#size): AsyncGenerator<WinwinEvent> {
    if (size === 0) return;
    const handle = await open(this.path, 'r');
    try {
      for await (const line of linesBackward(handle, size)) {
        yield this.#decode(line.text, line.offset);
      }
    } finally {
      await handle.close();
    }
  }

  #decode(text: string, offset: number): WinwinEvent {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.path}: byte ${offset}: not a JSON line (${(error as Error).message})`, {
        cause: error,
      });
    }
    const result = z.safeDecode(EventSchema, json as z.input<typeof EventSchema>);
    if (!result.success) {
      throw new Error(`${this.path}: byte ${offset}: not a valid event (${z.prettifyError(result.error)})`, {
        cause: result.error,
      });
    }
    return result.data;
  }
}
