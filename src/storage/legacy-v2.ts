import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { errnoCode, StoreOpenError } from './errors.js';

/**
 * Reads what a store of format version 2 (up to commit 0ba57ed) kept beside its main file, to convert
 * it once: the archive of old events (`<name>.events.jsonl`, events with id ≤ `archivedThrough`) and
 * the write-ahead log (`<name>.wal.<firstSeq>.jsonl` segments, each line `<crc32 hex> <json>` of one
 * group commit: `{ seq, scalars, arrays: { field: [[at, remove, insert]] }, events }`, the splices in
 * the coordinates of the array being built). Everything here works on raw JSON; the result is
 * validated with the current schemas like any main file.
 */

export interface LegacyFold {
  /** The version-2 JSON with every event inline and every logged commit applied. */
  readonly json: Record<string, unknown>;
  /** The log segments, to delete once the converted store is durable. */
  readonly segments: readonly string[];
}

const segmentsOf = async (file: string): Promise<string[]> => {
  const { dir, name } = path.parse(file);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.wal\\.(\\d+)\\.jsonl$`);
  const names = await readdir(dir);
  return names
    .flatMap((entry) => {
      const match = pattern.exec(entry);
      return match?.[1] === undefined ? [] : [{ entry, first: Number(match[1]) }];
    })
    .sort((a, b) => a.first - b.first)
    .map(({ entry }) => path.join(dir, entry));
};

const archivedEvents = async (file: string, through: number): Promise<unknown[]> => {
  if (through === 0) return [];
  const archive = path.join(path.dirname(file), `${path.parse(file).name}.events.jsonl`);
  let text: string;
  try {
    text = await readFile(archive, 'utf8');
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error;
    throw new StoreOpenError(
      'CORRUPT',
      archive,
      `is missing, but ${file} says it holds events E1–E${through}`,
    );
  }
  const events: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let event: { id?: unknown };
    try {
      event = JSON.parse(line) as { id?: unknown };
    } catch {
      break; // a torn tail: never committed
    }
    if (typeof event.id !== 'number' || event.id > through) break; // surplus of an unfinished compaction
    events.push(event);
  }
  if ((events.at(-1) as { id?: unknown } | undefined)?.id !== through) {
    throw new StoreOpenError(
      'CORRUPT',
      archive,
      `does not hold event E${through}, which ${file} says is archived`,
    );
  }
  return events;
};

/** Folds the archive and the log of a version-2 store into its main file's JSON. */
export const foldV2 = async (file: string, json: Record<string, unknown>): Promise<LegacyFold> => {
  const archivedThrough = typeof json.archivedThrough === 'number' ? json.archivedThrough : 0;
  const walSeq = typeof json.walSeq === 'number' ? json.walSeq : 0;
  const state = { ...(json.state as Record<string, unknown>) };
  const events = [...(await archivedEvents(file, archivedThrough)), ...((json.events as unknown[]) ?? [])];
  const segments = await segmentsOf(file);
  let seq = walSeq;
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    const lines = (await readFile(segment, 'utf8')).split('\n');
    // The text after the last newline is a line a crash cut short, if anything.
    const unfinished = lines.pop() !== '';
    if (unfinished && !isLast) {
      throw new StoreOpenError(
        'CORRUPT',
        segment,
        'ends in an unfinished line but is not the newest segment',
      );
    }
    for (const [number, line] of lines.entries()) {
      const body = line.slice(9);
      if (line[8] !== ' ' || crc32(body).toString(16).padStart(8, '0') !== line.slice(0, 8)) {
        if (isLast && number === lines.length - 1) break; // torn by the crash, never acknowledged
        throw new StoreOpenError(
          'CORRUPT',
          segment,
          `line ${number + 1} is damaged and is not the last line`,
        );
      }
      const record = JSON.parse(body) as {
        seq: number;
        scalars: Record<string, unknown>;
        arrays: Record<string, [number, number, unknown[]][]>;
        events: unknown[];
      };
      if (record.seq <= seq) continue; // already in the main file
      if (record.seq !== seq + 1) {
        throw new StoreOpenError(
          'CORRUPT',
          segment,
          `line ${number + 1} has commit ${record.seq}, expected ${seq + 1}`,
        );
      }
      Object.assign(state, record.scalars);
      for (const [key, splices] of Object.entries(record.arrays)) {
        const values = [...((state[key] as unknown[] | undefined) ?? [])];
        for (const [at, remove, insert] of splices) values.splice(at, remove, ...insert);
        state[key] = values;
      }
      events.push(...record.events);
      seq = record.seq;
    }
  }
  return { json: { ...json, archivedThrough: 0, walSeq: seq, state, events }, segments };
};
