import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, buildBundles } from '../../scripts/build.js';
import { openStore } from '../../src/storage/open-store.js';
import { type CrashRig, openCrashRig, quickPledge, seedDemo } from '../support/crash-rig.js';
import { killGroup } from './app-process.js';

/**
 * What `npm start` runs (node dist/src/main.js, bundled once here into a temp folder), in its own
 * process group, killed whole with SIGKILL in the middle of storms of 200 quick pledges over signed
 * HTTP, five times. Every restart must come up without help (no lock to delete, no repair), and every
 * pledge the app acknowledged must be in WINWIN_DB itself, read as plain JSON, at once and after
 * every restart.
 */

const PROGRAM = 'steel-posco';
const ROUNDS = 5;
const STORM = 200;
const IN_FLIGHT = 16;

let rig: CrashRig;
let bundle: string;

/** Pledge ids → contributors, as WINWIN_DB holds them right now. */
const pledgesInFile = (db: string): Map<string, string> => {
  const json = JSON.parse(readFileSync(db, 'utf8')) as {
    state: { pledges: { id: string; contributor: string }[] };
  };
  return new Map(json.state.pledges.map((pledge) => [pledge.id, pledge.contributor]));
};

beforeAll(async () => {
  rig = await openCrashRig('winwin-npm-start-', killGroup);
  [bundle] = (await buildBundles([APP_ENTRY], path.join(rig.dir, 'dist'))) as [string];
}, 120_000);

afterAll(() => rig.close());

describe('npm start, killed whole with SIGKILL mid-storm, five times', () => {
  it('restarts without help every time, and WINWIN_DB holds every acknowledged pledge', async () => {
    const db = path.join(rig.dir, 'data', 'winwin.json');
    await seedDemo(db);

    const acknowledged = new Map<string, string>(); // pledge id → contributor
    const missingAtAck: string[] = [];
    let unacknowledged = 0;
    const start = () => rig.start({ db, bundle, detached: true });
    const checkAll = (when: string) => {
      const inFile = pledgesInFile(db);
      for (const [id, contributor] of acknowledged) {
        expect(inFile.get(id), `${id} (${contributor}) acknowledged but not in WINWIN_DB ${when}`).toBe(
          contributor,
        );
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      const app = start();
      const { client } = await rig.started(app);
      checkAll(`after restart ${round}`);
      const killAt = 20 + Math.floor(Math.random() * 120);
      let acks = 0;
      let killed: Promise<void> | undefined;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < STORM && killed === undefined) {
          const i = next++;
          const contributor = `Storm R${round} N${i}`;
          try {
            const { status, id } = await quickPledge(client, PROGRAM, i + 1, contributor);
            if (status !== 200 || id === undefined) {
              unacknowledged += 1;
              continue;
            }
            // Right after the acknowledgement, WINWIN_DB itself holds the pledge.
            if (pledgesInFile(db).get(id) !== contributor) missingAtAck.push(`${id} ${contributor}`);
            acknowledged.set(id, contributor);
            acks += 1;
            if (acks === killAt) killed = killGroup(app);
          } catch {
            unacknowledged += 1; // the connection died with the process
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await (killed ?? killGroup(app));
      expect(app.child.signalCode).toBe('SIGKILL');
      checkAll(`after kill ${round}`);
    }

    // One more start: it comes up, and the store opened by it holds everything.
    const last = start();
    await rig.started(last);
    checkAll('after the last restart');
    await killGroup(last);

    expect(missingAtAck).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 20);
    expect(unacknowledged).toBeGreaterThan(0); // the kills landed mid-storm
    const store = await openStore(db);
    try {
      const ids = store.read().pledges.map((pledge) => pledge.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await store.close();
    }
  }, 300_000);
});
