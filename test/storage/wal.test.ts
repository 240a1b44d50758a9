import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/storage/errors.js';
import { openStore } from '../../src/storage/open-store.js';
import { walLine, walSegmentPath } from '../../src/storage/wal.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { openError, recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let dir: string;
let file: string;
let segment: string;
eachTempStore((paths) => {
  ({ dir, file } = paths);
  segment = walSegmentPath(file, 1);
});

const keys = (count: number) => Array.from({ length: count }, (_, i) => `w-${i}`);
const targets = (events: readonly { target: string }[]) => events.map((event) => event.target);
const logFiles = async () => (await readdir(dir)).filter((name) => name.includes('.wal.')).sort();

/**
 * `count` commits left in the log by a process that exits without closing (as after a crash): the
 * main file still holds the empty store.
 */
const commitsLeftInLog = async (count: number) => {
  const child = spawnChildStore(['record', file, 'w', String(count)]);
  expect(await child.exited).toEqual({ code: 0, signal: null });
  expect(child.lines).toEqual(['open', 'done']);
  expect(await logFiles()).toEqual([path.basename(segment)]);
  return { main: await readFile(file), log: await readFile(segment) };
};

/** Opening must fail with `code`, name the file, and leave both files' bytes as they were. */
const expectRefused = async (code: StoreOpenError['code'], problem: RegExp) => {
  const [main, log] = await Promise.all([readFile(file), readFile(segment)]);
  const error = await openError(file);
  expect(error).toBeInstanceOf(StoreOpenError);
  expect(error).toMatchObject({ code, message: expect.stringMatching(problem) });
  expect((await readFile(file)).equals(main)).toBe(true);
  expect((await readFile(segment)).equals(log)).toBe(true);
};

const lineStarts = (log: Buffer): number[] => {
  const starts = [0];
  for (let i = log.indexOf(0x0a); i >= 0 && i + 1 < log.length; i = log.indexOf(0x0a, i + 1))
    starts.push(i + 1);
  return starts;
};

describe('write-ahead log', () => {
  it('replays commits a killed process left in the log, one line per commit, mode 0600', async () => {
    const { main } = await commitsLeftInLog(12);
    expect(JSON.parse(main.toString())).toMatchObject({ walSeq: 0, state: { submissions: [] } });
    expect((await stat(segment)).mode & 0o777).toBe(0o600);
    expect(lineStarts(await readFile(segment))).toHaveLength(12);

    const store = await openStore(file);
    expect(store.read().submissions).toEqual(keys(12));
    expect(targets(await store.eventsSince(0))).toEqual(keys(12));
    expect(store.lastEventId()).toBe(12);
    // Commits continue the log after the replayed ones.
    await store.mutate(recordKey('after'));
    expect(lineStarts(await readFile(segment))).toHaveLength(13);
    await store.close();
    expect(await logFiles()).toEqual([]);
    const again = await openStore(file);
    expect(again.read().submissions).toEqual([...keys(12), 'after']);
    await again.close();
  });

  it('drops a torn last line (an append cut short by a crash) and keeps appending after the rest', async () => {
    const { log } = await commitsLeftInLog(5);
    const lastStart = lineStarts(log).at(-1) as number;
    await writeFile(segment, log.subarray(0, lastStart + 17));

    const store = await openStore(file);
    expect(store.read().submissions).toEqual(keys(4));
    expect((await readFile(segment)).equals(log.subarray(0, lastStart))).toBe(true);
    await store.mutate(recordKey('next'));
    await store.close();
    const again = await openStore(file);
    expect(targets(await again.eventsSince(0))).toEqual([...keys(4), 'next']);
    await again.close();
  });

  it('drops a last line whose checksum fails, even when its newline made it to disk', async () => {
    const { log } = await commitsLeftInLog(3);
    const damaged = Buffer.from(log);
    damaged[damaged.length - 5] = 0x20;
    await writeFile(segment, damaged);
    const store = await openStore(file);
    expect(store.read().submissions).toEqual(keys(2));
    await store.close();
  });

  it('opens a log cut at any byte with exactly the commits whose lines are whole', async () => {
    const { main, log } = await commitsLeftInLog(6);
    const ends = [...lineStarts(log).slice(1), log.length];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: log.length }), async (length) => {
        await writeFile(file, main);
        await writeFile(segment, log.subarray(0, length));
        const store = await openStore(file);
        const whole = ends.filter((end) => end <= length).length;
        expect(store.read().submissions).toEqual(keys(whole));
        expect(targets(await store.eventsSince(0))).toEqual(keys(whole));
        await store.close();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a damaged line that is not the last, naming the log and the line, and leaves the files untouched', async () => {
    const { log } = await commitsLeftInLog(5);
    const damaged = Buffer.from(log);
    const third = lineStarts(log)[2] as number;
    damaged[third + 40] = damaged[third + 40] === 0x41 ? 0x42 : 0x41;
    await writeFile(segment, damaged);
    await expectRefused(
      'CORRUPT',
      new RegExp(`${path.basename(segment)}: line 3 .*checksum mismatch.*not the last line`),
    );
  });

  it('refuses a log with a commit missing', async () => {
    const { log } = await commitsLeftInLog(5);
    const starts = lineStarts(log);
    await writeFile(segment, Buffer.concat([log.subarray(0, starts[1]), log.subarray(starts[2])]));
    await expectRefused('CORRUPT', /line 2 has commit 3 where commit 2 should be/);
  });

  it('refuses a whole, checksummed line whose content breaks the schema', async () => {
    const { log } = await commitsLeftInLog(3);
    const starts = lineStarts(log);
    const second = log.subarray(starts[1], starts[2]).toString().trimEnd();
    const json = second.slice(second.indexOf(' ') + 1).replace('"actor":"U0TEST"', '"actor":"nobody"');
    await writeFile(
      segment,
      Buffer.concat([log.subarray(0, starts[1]), walLine(Buffer.from(json)), log.subarray(starts[2])]),
    );
    await expectRefused('INVALID', /line 2 \(seq 2\): events\[0\]: actor/);
  });

  it('refuses a log whose main file is missing', async () => {
    await commitsLeftInLog(2);
    await rm(file);
    await expect(openStore(file)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringMatching(/is missing/),
    });
  });
});

describe('compaction', () => {
  it('keeps every commit and event while folding the log into the main file and the archive', async () => {
    const store = await openStore(file, { archiveKeep: 5, compactAfterBytes: 1 });
    const expected: string[] = [];
    for (let round = 0; round < 8; round++) {
      const racing = keys(25).map((key) => `${round}-${key}`);
      await Promise.all(racing.map((key) => store.mutate(recordKey(key))));
      expected.push(...racing);
      await store.mutate(recordKey(`${round}-alone`));
      expected.push(`${round}-alone`);
      expect(store.read().submissions).toEqual(expected);
      expect(targets(await store.eventsSince(0))).toEqual(expected);
      expect(targets(await store.recentEvents(30))).toEqual(expected.slice(-30).reverse());
      const { eventsInMain, archivedThrough } = store.stats();
      expect(eventsInMain + archivedThrough).toBe(expected.length);
    }
    expect(store.stats().compactions).toBeGreaterThan(0);
    await store.close();
    expect(await logFiles()).toEqual([]);
    const main = JSON.parse(await readFile(file, 'utf8'));
    expect(main).toMatchObject({ walSeq: expect.any(Number), archivedThrough: expected.length - 5 });
    expect(main.state.submissions).toEqual(expected);

    const again = await openStore(file, { archiveKeep: 5 });
    expect(again.read().submissions).toEqual(expected);
    expect(targets(await again.eventsSince(0))).toEqual(expected);
    expect(again.stats()).toMatchObject({
      eventsInMain: 5,
      archivedThrough: expected.length - 5,
      walBytes: 0,
    });
    await again.mutate(recordKey('after reopen'));
    await again.close();
    const last = await openStore(file, { archiveKeep: 5 });
    expect(targets(await last.eventsSince(0))).toEqual([...expected, 'after reopen']);
    await last.close();
  });

  it('replays, after a kill, the log segments written while a compaction was under way', async () => {
    // Compacting after every commit: at the exit a compaction is usually in flight, a sealed segment
    // beside the active one. Whatever the moment, reopening finds every commit exactly once.
    const child = spawnChildStore(['storm', file, 's', '3', '1']);
    await child.waitFor((line, count) => line.startsWith('ack ') && count > 200);
    child.child.kill('SIGKILL');
    await child.exited;
    const acked = child.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4));
    const store = await openStore(file, { archiveKeep: 3 });
    const kept = store.read().submissions;
    expect(acked.filter((key) => !kept.includes(key))).toEqual([]);
    expect(new Set(kept).size).toBe(kept.length);
    expect(targets(await store.eventsSince(0))).toEqual(kept);
    await store.close();
  });
});
