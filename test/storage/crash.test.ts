import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { eventsPathOf } from '../../src/storage/events-file.js';
import { openStore } from '../../src/storage/open-store.js';
import { spawnChildStore } from '../support/spawn-child-store.js';
import { eachTempStore } from '../support/temp-store.js';

let file: string;
eachTempStore((paths) => ({ file } = paths));

describe('kill -9 during a write storm', () => {
  it('keeps every acknowledged write in WINWIN_DB itself, never duplicates an event, and recovers the lock, round after round', async () => {
    const acknowledged: string[] = [];
    for (const [round, acks] of [40, 150, 10, 220, 90].entries()) {
      const child = spawnChildStore(['storm', file, `r${round}`]);
      await child.waitFor((line, count) => line.startsWith('ack ') && count > acks);
      child.child.kill('SIGKILL');
      expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
      acknowledged.push(
        ...child.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4)),
      );
      // The main file, read as plain JSON with the store closed by a kill, holds every acknowledged write.
      const kept = new Set<string>(JSON.parse(await readFile(file, 'utf8')).state.submissions);
      expect(acknowledged.filter((key) => !kept.has(key))).toEqual([]);
    }

    const store = await openStore(file);
    const kept = store.read().submissions;
    expect(new Set(kept).size).toBe(kept.length);
    const events = await store.eventsSince(0);
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events.map((event) => event.target)).toEqual(kept);
    expect(store.lastEventId()).toBe(events.length);
    await store.close();
    const lines = (await readFile(eventsPathOf(file), 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(events.length);
  }, 120_000);
});
