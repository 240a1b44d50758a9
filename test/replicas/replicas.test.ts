import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { demoChange } from '../../src/domain/demo.js';
import { ok } from '../../src/domain/result.js';
import type { Subscription } from '../../src/domain/types.js';
import type { SignedClient } from '../../src/loopback/signed-client.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { openPgStore, type PgStore } from '../../src/storage/pg/pg-store.js';
import { kill9, started } from '../crash/app-process.js';
import { createTestDatabase, describePg, type TestDatabase } from '../support/pg.js';
import { buildApp, REPLICA_USERS, type Replica, spawnReplica, stopReplica } from '../support/replicas.js';

/**
 * Two `npm start` processes (the bundle) on one PostgreSQL database, driven over HTTP with signed
 * requests against the loopback Slack fake: they agree on every pledge, follow each other within a
 * second, and speak in channels with one voice, also when the leader is killed.
 */

const PROGRAM = 'steel-posco';
const CHANNEL = 'C0DIGEST1';
const secret = randomBytes(16).toString('hex');

interface Running {
  readonly replica: Replica;
  readonly client: SignedClient;
  readonly url: string;
}

describePg('two replicas on one PostgreSQL database', (server) => {
  let dir: string;
  let bundle: string;
  let fake: SlackFake;
  // Each test on a database of its own, seeded with the demo programs.
  let db: TestDatabase;
  let store: PgStore;
  const dbs: TestDatabase[] = [];
  const replicas: Replica[] = [];

  const start = async (): Promise<Running> => {
    const replica = spawnReplica({ bundle, databaseUrl: db.url, apiUrl: fake.url, signingSecret: secret });
    replicas.push(replica);
    const { client, url } = await started(replica, secret, () => fake.responseUrl());
    return { replica, client, url };
  };

  const failures: string[] = [];
  const pledge = async (r: Running, contributor: string, amount = '1억'): Promise<string | undefined> => {
    const res = await r.client.command({
      text: `pledge ${PROGRAM} ${amount} "${contributor}"`,
      user: REPLICA_USERS.editor,
    });
    const text = String((res.json as { text?: unknown } | undefined)?.text ?? '');
    const id = res.status === 200 ? /^Recorded pledge (P\d+)/.exec(text)?.[1] : undefined;
    if (id === undefined) failures.push(`${res.status} ${text.slice(0, 200)}`);
    return id;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-replicas-'));
    [bundle, fake] = await Promise.all([buildApp(dir), startSlackFake()]);
  }, 120_000);

  beforeEach(async () => {
    db = await createTestDatabase(server);
    dbs.push(db);
    store = await openPgStore(db.url);
    const demo = demoChange(new Date(), REPLICA_USERS.admin);
    await store.replaceAll(demo.state, demo.events);
  });

  // A failed test must not leave its replicas running (one of them would lead the next test).
  afterEach(async () => {
    for (const replica of replicas.splice(0)) await kill9(replica);
    await store.close();
  });

  afterAll(async () => {
    await fake?.close();
    for (const d of dbs) await d.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("a pledge recorded on one replica is in the other's /winwin status within a second", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const id = await pledge(from, `Seen Elsewhere ${from.url.slice(-5)}`, '7억');
      expect(id).toBeDefined();
      const recorded = Date.now();
      let seen = 0;
      for (;;) {
        const res = await to.client.command({ text: `status ${PROGRAM}`, user: REPLICA_USERS.admin });
        const body = JSON.stringify(res.json);
        if (body.includes(`Seen Elsewhere ${from.url.slice(-5)}`)) {
          seen = Date.now() - recorded;
          break;
        }
        if (Date.now() - recorded > 1000) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.info(`a pledge recorded on one replica showed in the other's status after ${seen} ms`);
      expect(seen, 'the other replica showed the pledge').toBeGreaterThan(0);
      expect(seen).toBeLessThanOrEqual(1000);
    }
    await Promise.all([stopReplica(a.replica), stopReplica(b.replica)]);
  }, 120_000);

  it('500 quick pledges split across both: all acknowledged, each stored once, ids unique', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const before = store.read().pledges.length;
    const names = Array.from({ length: 500 }, (_, i) => `Replica Storm ${i}`);
    const ids = await Promise.all(names.map((name, i) => pledge(i % 2 === 0 ? a : b, name)));
    expect(failures.length, `unacknowledged: ${failures.slice(0, 3).join(' | ')}`).toBe(0);
    expect(ids.filter((id) => id === undefined)).toHaveLength(0);
    expect(new Set(ids).size).toBe(500);

    await store.refresh();
    const pledges = store.read().pledges;
    expect(pledges).toHaveLength(before + 500);
    expect(new Set(pledges.map((p) => p.id)).size).toBe(pledges.length);
    const stored = pledges.filter((p) => p.contributor.startsWith('Replica Storm '));
    expect(stored.map((p) => p.contributor).sort()).toEqual([...names].sort());
    const byName = new Map(stored.map((p) => [p.contributor, p.id]));
    for (const [i, name] of names.entries()) expect(byName.get(name)).toBe(ids[i]);
    // Events: one per pledge, ids increasing in commit order, none twice.
    const events = await store.eventsSince(0);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.filter((e) => e.type === 'pledge.recorded' && ids.includes(e.target))).toHaveLength(500);

    await Promise.all([stopReplica(a.replica), stopReplica(b.replica)]);
  }, 180_000);

  it('a subscribed channel gets its digest once from two replicas; after SIGKILL of the leader the other posts the next, once', async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const subscription: Subscription = {
      channel: CHANNEL,
      target: 'all',
      cadence: 'daily',
      detail: 'totals',
      createdBy: REPLICA_USERS.admin,
      createdAt: twoDaysAgo,
      watermark: 0,
    };
    await store.mutate((state) =>
      ok({
        state: { ...state, subscriptions: [...state.subscriptions, subscription] },
        events: [],
        value: 0,
      }),
    );
    const posts = () => fake.calls('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
    expect(posts()).toHaveLength(0);
    const [a, b] = await Promise.all([start(), start()]);
    await expect.poll(() => posts().length, { timeout: 20_000, interval: 100 }).toBe(1);
    // Give the other replica every chance to post it too.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(posts()).toHaveLength(1);
    expect(
      [a, b].filter((r) => r.replica.leads()),
      `${a.replica.output().stdout}\n${b.replica.output().stdout}`,
    ).toHaveLength(1);

    const [leader, follower] = a.replica.leads() ? [a, b] : [b, a];
    await kill9(leader.replica);
    // Something new to report, recorded on the survivor; then the next digest falls due.
    const afterKill = await pledge(follower, 'After The Kill', '3억');
    expect(afterKill).toBeDefined();
    await store.refresh();
    await store.mutate((state) =>
      ok({
        state: {
          ...state,
          subscriptions: state.subscriptions.map((s) =>
            s.channel === CHANNEL ? { ...s, lastDigestAt: twoDaysAgo } : s,
          ),
        },
        events: [],
        value: 0,
      }),
    );
    const killedAt = Date.now();
    await expect.poll(() => posts().length, { timeout: 30_000, interval: 100 }).toBe(2);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(follower.replica.leads()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(posts()).toHaveLength(2);
    expect(JSON.stringify(posts()[1]?.args)).toContain(`\`${afterKill}\``);
    await stopReplica(follower.replica);
  }, 180_000);
});
