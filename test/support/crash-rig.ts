import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoState } from '../../src/domain/demo.js';
import type { SignedClient } from '../../src/loopback/signed-client.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { openStore } from '../../src/storage/open-store.js';
import { type AppEnv, type AppProcess, CRASH_USERS, spawnApp, started } from '../crash/app-process.js';

/** The crash tests' shared set-up: a temp folder, a Slack fake and a signing secret for app processes. */
export interface CrashRig {
  readonly dir: string;
  readonly fake: SlackFake;
  readonly secret: string;
  /** Spawns the app with the rig's fake and secret; close() kills it. */
  start(env: Omit<AppEnv, 'apiUrl' | 'signingSecret'>): AppProcess;
  /** Waits until `app` listens and returns a client signing with the rig's secret. */
  started(app: AppProcess): Promise<{ port: number; client: SignedClient; url: string }>;
  /** Kills every app started (with the rig's `kill`), closes the fake, removes the folder. */
  close(): Promise<void>;
}

/**
 * `/winwin pledge <program> <amount>억 "<contributor>"` from the crash tests' editor over signed HTTP:
 * the HTTP status, the reply's text, and the pledge id when the reply says "Recorded pledge P…".
 */
export const quickPledge = async (
  client: SignedClient,
  program: string,
  amount: number,
  contributor: string,
): Promise<{ status: number; text: string; id: string | undefined }> => {
  const res = await client.command({
    text: `pledge ${program} ${amount}억 "${contributor}"`,
    user: CRASH_USERS.editor,
  });
  const text = String((res.json as { text?: unknown } | undefined)?.text ?? '');
  return { status: res.status, text, id: /^Recorded pledge (P\d+)/.exec(text)?.[1] };
};

/** A store file at `db` holding the demo, recorded by the crash tests' admin. */
export const seedDemo = async (db: string): Promise<void> => {
  const store = await openStore(db);
  await store.replaceAll(demoState(new Date(), CRASH_USERS.admin), []);
  await store.close();
};

export const openCrashRig = async (
  prefix: string,
  kill: (app: AppProcess) => Promise<void>,
): Promise<CrashRig> => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const fake = await startSlackFake();
  const secret = randomBytes(16).toString('hex');
  const running: AppProcess[] = [];
  return {
    dir,
    fake,
    secret,
    start: (env) => {
      const app = spawnApp({ ...env, apiUrl: fake.url, signingSecret: secret });
      running.push(app);
      return app;
    },
    started: (app) => started(app, secret, () => fake.responseUrl()),
    close: async () => {
      for (const app of running) await kill(app);
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
