import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { tempFolder } from '../support/store-fixtures.js';

let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempFolder());
  file = path.join(dir, 'winwin.json');
});
afterEach(() => cleanup());

describe('kill -9 during a write storm', () => {
  it('keeps every acknowledged write, never duplicates an event, and recovers the lock, round after round', async () => {
    const acknowledged: string[] = [];
    // A small archiveKeep makes the storm move events to the archive all the time, so kills also
    // land between an archive append and the main write.
    const rounds = [40, 150, 75, 300, 10, 220];
    for (const [round, acks] of rounds.entries()) {
      const child = spawnChildStore(['storm', file, `r${round}`, '7']);
      await child.waitFor((line, count) => line.startsWith('ack ') && count > acks);
      child.child.kill('SIGKILL');
      expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
      acknowledged.push(
        ...child.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4)),
      );
    }

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
