import type { FileHandle } from 'node:fs/promises';

export interface RawLine {
  readonly text: string;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** False for bytes after the last newline: a line whose write was cut short. */
  readonly terminated: boolean;
}

const NEWLINE = 0x0a;

/**
 * The lines of the first `end` bytes of a file, last line first, reading `chunkSize` bytes at a
 * time from the end: reading the newest entries of a large append-only file costs only what is read.
 * Splits bytes before decoding (a newline byte never occurs inside a UTF-8 sequence). Empty lines
 * are skipped.
 */
export async function* linesBackward(
  handle: FileHandle,
  end: number,
  chunkSize = 1 << 16,
): AsyncGenerator<RawLine> {
  let position = end;
  let carry = Buffer.alloc(0);
  let atEnd = true;
  while (position > 0) {
    const start = Math.max(0, position - chunkSize);
    const chunk = Buffer.alloc(position - start);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, start);
    if (bytesRead !== chunk.length) throw new Error(`short read at byte ${start} (file shrank?)`);
    const buffer = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
    let segmentEnd = buffer.length;
    while (segmentEnd > 0) {
      const newline = buffer.lastIndexOf(NEWLINE, segmentEnd - 1);
      if (newline < 0) break;
      if (newline + 1 < segmentEnd) {
        yield {
          text: buffer.toString('utf8', newline + 1, segmentEnd),
          offset: start + newline + 1,
          terminated: !atEnd,
        };
      }
      atEnd = false;
      segmentEnd = newline;
    }
    carry = buffer.subarray(0, segmentEnd);
    position = start;
  }
  if (carry.length > 0) yield { text: carry.toString('utf8'), offset: 0, terminated: !atEnd };
}
