import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoChange } from '../../src/domain/demo.js';
import type { SignedClient } from '../../src/loopback/signed-client.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { openPgStore } from '../../src/storage/pg/pg-store.js';
import { kill9, started } from '../crash/app-process.js';
import { describeOwnCluster, type OwnCluster, startOwnCluster } from '../support/pg.js';
import { buildApp, REPLICA_USERS, type Replica, spawnReplica, stopReplica } from '../support/replicas.js';

/**
 * PostgreSQL stopped under two running replicas (a server of this test's own, so other tests keep
 * theirs): every request gets an answer within Slack's 3 seconds, changes are refused with the clear
 * sentence and nothing half-written is left, /healthz says 503; started again, both serve again by
 * themselves.
 */

const PROGRAM = 'steel-posco';
const REFUSAL = "Winwin can't reach its database; nothing was changed, try again.";
const secret = randomBytes(16).toString('hex');

interface Running {
  readonly replica: Replica;
  readonly client: SignedClient;
  readonly url: string;
}

type Outcome = { kind: 'recorded'; id: string } | { kind: 'refused' } | { kind: 'other'; text: string };

describeOwnCluster('PostgreSQL outage under two replicas', () => {
  let dir: string;
  let bundle: string;
  let fake: SlackFake;
  let cluster: OwnCluster;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-outage-'));
    [bundle, fake, cluster] = await Promise.all([buildApp(dir), startSlackFake(), startOwnCluster()]);
    const store = await openPgStore(cluster.url);
    const demo = demoChange(new Date(), REPLICA_USERS.admin);
    await store.replaceAll(demo.state, demo.events);
    await store.close();
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas) await kill9(replica);
    await fake?.close();
    await cluster?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<Running> => {
    const replica = spawnReplica({
      bundle,
      databaseUrl: cluster.url,
      apiUrl: fake.url,
      signingSecret: secret,
    });
    replicas.push(replica);
    const { client, url } = await started(replica, secret, () => fake.responseUrl());
    return { replica, client, url };
  };

  const pledge = async (r: Running, contributor: string): Promise<{ outcome: Outcome; ms: number }> => {
    const began = Date.now();
    const res = await r.client.command({
      text: `pledge ${PROGRAM} 1억 "${contributor}"`,
      user: REPLICA_USERS.editor,
    });
    const ms = Date.now() - began;
    const text = String((res.json as { text?: unknown } | undefined)?.text ?? '');
    const id = res.status === 200 ? /^Recorded pledge (P\d+)/.exec(text)?.[1] : undefined;
    if (id !== undefined) return { outcome: { kind: 'recorded', id }, ms };
    if (res.status === 200 && text.includes(REFUSAL)) return { outcome: { kind: 'refused' }, ms };
    return { outcome: { kind: 'other', text: `${res.status} ${text.slice(0, 200)}` }, ms };
  };

  const health = async (r: Running): Promise<number> => {
    try {
      return (await fetch(`${r.url}/healthz`)).status;
    } catch {
      return 0;
    }
  };

  it('refuses changes clearly within 3 s while down, 503 on /healthz, nothing half-written; serves again when it is back', async () => {
    const both = await Promise.all([start(), start()]);
    const [a, b] = both as [Running, Running];
    expect((await pledge(a, 'Before The Outage')).outcome.kind).toBe('recorded');
    expect(await Promise.all(both.map(health))).toEqual([200, 200]);

    // A burst of pledges with the server stopped in the middle of it.
    const burst = Array.from({ length: 60 }, (_, i) => `During Outage ${i}`);
    const results = burst.map((name, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 5)).then(() => pledge(i % 2 === 0 ? a : b, name)),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    await cluster.stop();
    const outcomes = await Promise.all(results);

    await expect
      .poll(() => Promise.all(both.map(health)), { timeout: 10_000, interval: 200 })
      .toEqual([503, 503]);
    // While down: every change refused with the sentence, in time.
    for (const r of both) {
      const { outcome, ms } = await pledge(r, `While Down ${r.url.slice(-5)}`);
      expect(outcome).toEqual({ kind: 'refused' });
      expect(ms).toBeLessThan(3000);
    }
    const ko = await a.client.command({
      text: `pledge ${PROGRAM} 1억 "While Down Ko"`,
      user: REPLICA_USERS.editor,
    });
    expect(ko.status).toBe(200);
    // Reads still answer, from the replica's last snapshot and the events it holds in memory.
    const began = Date.now();
    const status = await b.client.command({ text: `status ${PROGRAM}`, user: REPLICA_USERS.admin });
    expect(Date.now() - began).toBeLessThan(3000);
    expect(JSON.stringify(status.json)).toContain('Before The Outage');
    expect(both.every((r) => r.replica.child.exitCode === null)).toBe(true);

    await cluster.start();
    await expect
      .poll(() => Promise.all(both.map(health)), { timeout: 15_000, interval: 200 })
      .toEqual([200, 200]);
    const after = await Promise.all(both.map((r, i) => pledge(r, `After The Outage ${i}`)));
    expect(after.map((x) => x.outcome.kind)).toEqual(['recorded', 'recorded']);

    // Nothing half-written: what was acknowledged is stored, what was refused is not.
    const store = await openPgStore(cluster.url);
    try {
      const contributors = new Set(store.read().pledges.map((p) => p.contributor));
      burst.forEach((name, i) => {
        const { outcome } = outcomes[i] as { outcome: Outcome };
        if (outcome.kind === 'recorded') expect(contributors.has(name), name).toBe(true);
        if (outcome.kind === 'refused') expect(contributors.has(name), name).toBe(false);
      });
      expect(contributors.has('While Down Ko')).toBe(false);
      for (const r of both) expect(contributors.has(`While Down ${r.url.slice(-5)}`)).toBe(false);
      const kinds = outcomes.map((o) => o.outcome.kind);
      expect(kinds.filter((k) => k === 'refused').length).toBeGreaterThan(0);
      // Every request got an answer within Slack's 3 s.
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(3000);
      const events = await store.eventsSince(0);
      const recorded = new Set(events.filter((e) => e.type === 'pledge.recorded').map((e) => e.target));
      for (const p of store.read().pledges) expect(recorded.has(p.id) || p.id <= 'P99').toBe(true);
      // Both replicas agree again.
      await expect
        .poll(
          async () =>
            JSON.stringify(
              (await b.client.command({ text: `status ${PROGRAM}`, user: REPLICA_USERS.admin })).json,
            ).includes('After The Outage 0'),
          {
            timeout: 2000,
          },
        )
        .toBe(true);
    } finally {
      await store.close();
    }
    await Promise.all(both.map((r) => stopReplica(r.replica)));
  }, 180_000);
});
