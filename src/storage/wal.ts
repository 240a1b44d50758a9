import { constants } from 'node:fs';
import { type FileHandle, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { FILE_MODE, fsyncDir } from './durable-file.js';
import { errnoCode, StoreOpenError } from './errors.js';

/**
 * The write-ahead log beside the main file: `<name>.wal.<firstSeq>.jsonl` segments, each line
 * `<crc32 hex> <json>\n` for one group commit, with its sequence number inside the JSON. A commit
 * appends one line and fdatasyncs once; the main file (a snapshot) records the last sequence number
 * it includes, so lines up to it are skipped on open. Compaction seals the active segment, writes a
 * snapshot, then deletes the sealed segments; commits meanwhile go to a new segment.
 *
 * A crash mid-append can only damage the last line of the last segment (a line has no newline
 * inside, and was never acknowledged before its fsync): that line is dropped. Damage anywhere else
 * means lost acknowledged writes, so the store refuses to open and leaves the files as they are.
 */

const LINE_END = 0x0a;

export interface WalLine {
  /** The JSON after the checksum, verified. */
  readonly json: unknown;
  readonly seq: number;
  readonly segment: string;
  /** 1-based line number in its segment, for messages. */
  readonly line: number;
}

interface Segment {
  readonly path: string;
  readonly firstSeq: number;
  /** Bytes of whole, verified lines. */
  readonly goodBytes: number;
  readonly size: number;
  readonly lastSeq: number | undefined;
}

/** What the log holds, read without changing anything. */
export interface WalScan {
  readonly lines: readonly WalLine[];
  readonly segments: readonly Segment[];
}

const segmentPattern = (mainPath: string): RegExp => {
  const name = path.parse(mainPath).name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${name}\\.wal\\.(\\d+)\\.jsonl$`);
};

/** The segment whose first line has sequence number `firstSeq`. */
export const walSegmentPath = (mainPath: string, firstSeq: number): string => {
  const parsed = path.parse(mainPath);
  return path.join(parsed.dir, `${parsed.name}.wal.${firstSeq}.jsonl`);
};

/** `json` (one line of JSON, no newline) as a log line: checksum, space, JSON, newline. */
export const walLine = (json: Buffer): Buffer => {
  const sum = Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `);
  return Buffer.concat([sum, json, Buffer.from('\n')]);
};

/** The verified JSON of a line, or why it is not one. */
const parseLine = (bytes: Buffer): { json: unknown; seq: number } | string => {
  if (bytes.length < 10 || bytes[8] !== 0x20) return 'no checksum';
  const json = bytes.subarray(9);
  const sum = crc32(json).toString(16).padStart(8, '0');
  if (bytes.toString('latin1', 0, 8) !== sum) return 'checksum mismatch';
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const seq = (value as { seq?: unknown } | null)?.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'no sequence number';
  return { json: value, seq };
};

const listSegments = async (mainPath: string): Promise<{ path: string; firstSeq: number }[]> => {
  const pattern = segmentPattern(mainPath);
  const dir = path.dirname(mainPath);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  return names
    .flatMap((name) => {
      const match = pattern.exec(name);
      return match?.[1] === undefined ? [] : [{ path: path.join(dir, name), firstSeq: Number(match[1]) }];
    })
    .sort((a, b) => a.firstSeq - b.firstSeq);
};

/**
 * Reads every segment, oldest first, verifying each line's checksum. A bad or unfinished last line
 * of the last segment is left out (it was never acknowledged); any other bad line is CORRUPT.
 */
export const scanWal = async (mainPath: string): Promise<WalScan> => {
  const found = await listSegments(mainPath);
  const lines: WalLine[] = [];
  const segments: Segment[] = [];
  for (const [index, { path: file, firstSeq }] of found.entries()) {
    const isLast = index === found.length - 1;
    const bytes = await readFile(file);
    let start = 0;
    let number = 0;
    let lastSeq: number | undefined;
    while (start < bytes.length) {
      number++;
      const end = bytes.indexOf(LINE_END, start);
      const parsed = end < 0 ? 'unfinished (no newline)' : parseLine(bytes.subarray(start, end));
      if (typeof parsed === 'string') {
        const atEnd = end < 0 || end + 1 === bytes.length;
        if (isLast && atEnd) break;
        throw new StoreOpenError(
          'CORRUPT',
          file,
          `line ${number} (byte ${start}) is damaged (${parsed}) and is not the last line: acknowledged writes after it would be lost`,
        );
      }
      lines.push({ json: parsed.json, seq: parsed.seq, segment: file, line: number });
      lastSeq = parsed.seq;
      start = end + 1;
    }
    segments.push({ path: file, firstSeq, goodBytes: start, size: bytes.length, lastSeq });
  }
  return { lines, segments };
};

/** The appending side of the log, once it has been scanned and replayed. */
export class WriteAheadLog {
  readonly #mainPath: string;
  /** Segments whose lines all precede the active one's; deleted once a snapshot covers them. */
  #sealed: string[] = [];
  #active: { path: string; handle: FileHandle; named: boolean } | undefined;
  #activeBytes = 0;
  #sealedBytes = 0;
  /** Set when a failed append could not be undone: the segment's tail is unknown. */
  #broken: Error | undefined;
  #appends = 0;

  private constructor(mainPath: string) {
    this.#mainPath = mainPath;
  }

  /**
   * Takes over the log after a scan: cuts a torn tail, deletes segments the snapshot (through
   * `snapshotSeq`) already holds, and appends to the newest remaining segment.
   */
  static async open(mainPath: string, scan: WalScan, snapshotSeq: number): Promise<WriteAheadLog> {
    const log = new WriteAheadLog(mainPath);
    const keep = scan.segments.filter(
      (segment) => segment.lastSeq !== undefined && segment.lastSeq > snapshotSeq,
    );
    for (const segment of scan.segments) {
      if (!keep.includes(segment)) await unlink(segment.path);
    }
    const last = keep.at(-1);
    for (const segment of keep) {
      if (segment === last) continue;
      log.#sealed.push(segment.path);
      log.#sealedBytes += segment.size;
    }
    if (last !== undefined) {
      const handle = await open(last.path, 'r+');
      try {
        if (last.goodBytes < last.size) {
          await handle.truncate(last.goodBytes);
          await handle.datasync();
        }
        await handle.chmod(FILE_MODE);
      } catch (error) {
        await handle.close();
        throw error;
      }
      log.#active = { path: last.path, handle, named: true };
      log.#activeBytes = last.goodBytes;
    }
    return log;
  }

  /** Bytes appended since the last seal: what the next compaction would fold in. */
  get activeBytes(): number {
    return this.#activeBytes;
  }

  /** Bytes of all segments, active and sealed. */
  get bytes(): number {
    return this.#activeBytes + this.#sealedBytes;
  }

  get appends(): number {
    return this.#appends;
  }

  /**
   * Appends the line of commit `seq` and makes it durable. On failure the segment is cut back to
   * what it held, so that the commit can be retried; if even that fails, the log refuses every
   * later append (the store must be reopened, which recovers from the files).
   */
  async append(line: Buffer, seq: number): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    if (this.#active === undefined) {
      const file = walSegmentPath(this.#mainPath, seq);
      const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, FILE_MODE);
      this.#active = { path: file, handle, named: false };
      this.#activeBytes = 0;
    }
    const active = this.#active;
    const { handle, path: file } = active;
    try {
      const { bytesWritten } = await handle.write(line, 0, line.length, this.#activeBytes);
      if (bytesWritten !== line.length)
        throw new Error(`short write to ${file}: ${bytesWritten} of ${line.length}`);
      await handle.datasync();
      // A new segment's name must survive a power cut before its first line counts as durable.
      if (!active.named) {
        await fsyncDir(path.dirname(file));
        active.named = true;
      }
    } catch (error) {
      try {
        await handle.truncate(this.#activeBytes);
        await handle.datasync();
      } catch (undo) {
        this.#broken = new Error(
          `${file}: a failed append could not be undone (${(undo as Error).message}); reopen the store`,
          { cause: error },
        );
      }
      throw error;
    }
    this.#activeBytes += line.length;
    this.#appends += 1;
  }

  /** Ends the active segment: later appends start a new one. */
  async seal(): Promise<void> {
    const active = this.#active;
    if (active === undefined) return;
    this.#active = undefined;
    this.#sealed.push(active.path);
    this.#sealedBytes += this.#activeBytes;
    this.#activeBytes = 0;
    await active.handle.close();
  }

  /** Deletes the sealed segments, once a durable snapshot holds all their lines. */
  async dropSealed(): Promise<void> {
    const sealed = this.#sealed;
    this.#sealed = [];
    this.#sealedBytes = 0;
    for (const file of sealed) {
      await unlink(file).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error;
      });
    }
  }

  async close(): Promise<void> {
    const active = this.#active;
    this.#active = undefined;
    await active?.handle.close();
  }
}
