import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, signature } from '../../src/loopback/signed-client.js';
import { openStore } from '../../src/storage/open-store.js';
import { type CrashRig, openCrashRig, quickPledge, seedDemo } from '../support/crash-rig.js';
import { type AppProcess, kill9 } from './app-process.js';

/**
 * The real app as a child process: kill -9 in the middle of bursts of quick pledges, again and again;
 * every pledge the app acknowledged (HTTP 200 naming a pledge id) must survive, and the file must load.
 * A damaged file or a second instance must be refused at start-up with the file named.
 */

const PROGRAM = 'steel-posco';
const ROUNDS = 4;
const BURST = 40;

let rig: CrashRig;

const start = (db: string, extra?: Record<string, string>): AppProcess =>
  rig.start({ db, ...(extra === undefined ? {} : { extra }) });

beforeAll(async () => {
  rig = await openCrashRig('winwin-crash-', kill9);
});

afterAll(() => rig.close());

describe('kill -9 during bursts of quick pledges', () => {
  it('every acknowledged pledge is in the store after repeated crashes, and the file loads', async () => {
    const db = path.join(rig.dir, 'burst.json');
    await seedDemo(db);
    const acknowledged = new Map<string, string>(); // contributor → pledge id
    let unacknowledged = 0;
    const others: string[] = []; // 200 replies that recorded nothing

    for (let round = 0; round < ROUNDS; round++) {
      const app = start(db);
      const { client } = await rig.started(app);
      let acks = 0;
      let killed: Promise<void> | undefined;
      const requests = Array.from({ length: BURST }, async (_, i) => {
        const contributor = `Crash R${round} N${i}`;
        try {
          const { status, text, id } = await quickPledge(client, PROGRAM, i + 1, contributor);
          if (status === 200 && id === undefined) others.push(text.slice(0, 200));
          if (status === 200 && id !== undefined) {
            acknowledged.set(contributor, id);
            acks += 1;
            // Kill part-way through the burst, while later requests are still being written.
            if (acks === BURST / 4) killed = kill9(app);
          } else {
            unacknowledged += 1;
          }
        } catch {
          unacknowledged += 1; // the connection died with the process: not acknowledged, may or may not be stored
        }
      });
      await Promise.all(requests);
      await (killed ?? kill9(app));
    }

    expect(others).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(unacknowledged).toBeGreaterThan(0); // the kills did land mid-burst
    const store = await openStore(db);
    try {
      const pledges = store.read().pledges;
      for (const [contributor, id] of acknowledged) {
        const found = pledges.find((p) => p.id === id);
        expect(found, `${id} (${contributor}) was acknowledged but is missing`).toBeDefined();
        expect(found?.contributor).toBe(contributor);
      }
      // Ids are never reused: nothing recorded twice under one id.
      expect(new Set(pledges.map((p) => p.id)).size).toBe(pledges.length);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('start-up refuses a damaged store and leaves it untouched', () => {
  const refuses = async (name: string, bytes: Buffer | string, problem: RegExp): Promise<void> => {
    const db = path.join(rig.dir, `${name}.json`);
    await writeFile(db, bytes);
    const before = await readFile(db);
    const app = start(db);
    const { code } = await app.exited;
    const { stderr } = app.output();
    expect(code).not.toBe(0);
    expect(stderr).toContain(db);
    expect(stderr).toMatch(problem);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/); // a message, not a stack trace
    expect((await readFile(db)).equals(before)).toBe(true);
  };

  it('garbage', async () => {
    await refuses('garbage', Buffer.from([0x00, 0xff, 0x13, 0x37]), /JSON/i);
  }, 30_000);

  it('a truncated file', async () => {
    const db = path.join(rig.dir, 'valid.json');
    await seedDemo(db);
    const valid = await readFile(db);
    await refuses('truncated', valid.subarray(0, Math.floor(valid.length * 0.6)), /JSON/i);
  }, 30_000);

  it('a schema-invalid file (a pledge amount that is not a number)', async () => {
    const db = path.join(rig.dir, 'valid2.json');
    await seedDemo(db);
    const text = (await readFile(db, 'utf8')).replace(/"amount":\s*"\d+"/, '"amount":"lots"');
    await refuses('invalid', text, /amount/);
  }, 30_000);

  it('an empty file', async () => {
    await refuses('empty', '', /empty/i);
  }, 30_000);
});

describe('a second instance on the same file', () => {
  it('is refused with a clear message while the first keeps serving', async () => {
    const db = path.join(rig.dir, 'shared.json');
    await seedDemo(db);
    const first = start(db);
    const { url } = await rig.started(first);
    // The first instance's own start-up work (a reminder day due at start-up writes its watermark)
    // settles before the file is taken as the reference the second instance must not change.
    let before = await readFile(db);
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await readFile(db);
      if (now.equals(before)) break;
      before = now;
    }
    const second = start(db);
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output().stderr).toContain(db);
    expect(second.output().stderr).toMatch(/in use|locked|another process/i);
    expect((await readFile(db)).equals(before)).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await kill9(first);
  }, 30_000);
});

describe('signed requests Slack never sends', () => {
  it('do not take the process down', async () => {
    const db = path.join(rig.dir, 'odd.json');
    await seedDemo(db);
    const app = start(db);
    const { url } = await rig.started(app);
    const send = async (body: string, contentType: string): Promise<void> => {
      const stamp = Math.floor(Date.now() / 1000);
      // The answer may be an error or never come; the process must survive either way.
      await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(stamp),
          'x-slack-signature': signature(rig.secret, stamp, body),
        },
        body,
        signal: AbortSignal.timeout(4000),
      }).catch(() => undefined);
    };
    for (const payload of ['null', '[]', '"x"', 'true']) {
      await send(`payload=${encodeURIComponent(payload)}`, FORM);
    }
    await send('null', 'application/json');
    const health = await fetch(`${url}/healthz`).catch((error: unknown) => error);
    expect(app.child.exitCode, app.output().stderr).toBeNull();
    expect(health).toBeInstanceOf(Response);
    expect((health as Response).status).toBe(200);
    await kill9(app);
  }, 60_000);
});
