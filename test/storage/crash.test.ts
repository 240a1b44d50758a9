import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { eachTempStore } from '../support/temp-store.js';

let dir: string;
let file: string;
eachTempStore((paths) => ({ dir, file } = paths));

/** Log segments and a main-file temp left in the folder: more than one segment means mid-compaction. */
const leftovers = async () => {
  const names = await readdir(dir);
  return {
    segments: names.filter((name) => /^winwin\.wal\.\d+\.jsonl$/.test(name)).length,
    temp: names.includes('.winwin.json.tmp'),
  };
};

describe('kill -9 during a write storm', () => {
  it('keeps every acknowledged write, never duplicates an event, and recovers the lock, round after round', async () => {
    const acknowledged: string[] = [];
    // Rounds alternate between compacting after every commit (a compaction is nearly always in
    // flight, so kills land while the main file is rewritten and events move to the archive) and
    // never compacting (kills land in log appends). A small archiveKeep moves events all the time.
    const rounds = [
      { acks: 40, compactAfterBytes: 1 },
      { acks: 150, compactAfterBytes: 1e9 },
      { acks: 75, compactAfterBytes: 1 },
      { acks: 300, compactAfterBytes: 1e9 },
      { acks: 10, compactAfterBytes: 1 },
      { acks: 220, compactAfterBytes: 1 },
      { acks: 120, compactAfterBytes: 1e9 },
      { acks: 180, compactAfterBytes: 1 },
    ];
    let killedMidCompaction = 0;
    for (const [round, { acks, compactAfterBytes }] of rounds.entries()) {
      const child = spawnChildStore(['storm', file, `r${round}`, '7', String(compactAfterBytes)]);
      await child.waitFor((line, count) => line.startsWith('ack ') && count > acks);
      child.child.kill('SIGKILL');
      expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
      acknowledged.push(
        ...child.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4)),
      );
      const left = await leftovers();
      if (left.segments > 1 || left.temp) killedMidCompaction += 1;
    }
    expect(killedMidCompaction).toBeGreaterThan(0);

    const store = await openStore(file, { archiveKeep: 7 });
    const kept = store.read().submissions;
    const keptSet = new Set(kept);
    expect(acknowledged.filter((key) => !keptSet.has(key))).toEqual([]);
    expect(keptSet.size).toBe(kept.length);

    const events = await store.eventsSince(0);
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events.map((event) => event.target)).toEqual(kept);
    expect(store.lastEventId()).toBe(events.length);
    expect(store.stats().archivedThrough).toBeGreaterThan(0);
    await store.close();
  });
});
