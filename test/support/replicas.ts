import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { APP_ENTRY, buildBundles } from '../../scripts/build.js';
import type { AppProcess } from '../crash/app-process.js';

/**
 * Replicas as an operator runs them: the `npm start` bundle (built once per test file into a temp
 * folder, so tests never race on dist/), `node <bundle>` per replica, all on one PostgreSQL database.
 */

export const REPLICA_USERS = { admin: 'UADMIN001', editor: 'UEDITOR01', viewer: 'UVIEWER01' } as const;

export const buildApp = async (dir: string): Promise<string> => {
  const [main] = await buildBundles([APP_ENTRY], path.join(dir, 'dist'));
  if (main === undefined) throw new Error('no bundle built');
  return main;
};

export interface ReplicaEnv {
  readonly bundle: string;
  readonly databaseUrl: string;
  readonly apiUrl: string;
  readonly signingSecret: string;
  readonly extra?: Readonly<Record<string, string>>;
}

export interface Replica extends AppProcess {
  /** Whether it said it leads (its log line), so far. */
  leads(): boolean;
}

export const spawnReplica = (o: ReplicaEnv): Replica => {
  const child: ChildProcess = spawn(process.execPath, [o.bundle], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN: 'xoxb-replica-test-token',
      SLACK_SIGNING_SECRET: o.signingSecret,
      SLACK_API_URL: o.apiUrl,
      WINWIN_DATABASE_URL: o.databaseUrl,
      // Ignored when WINWIN_DATABASE_URL is set: a path no test could use.
      WINWIN_DB: '/nonexistent/winwin.json',
      WINWIN_ADMINS: REPLICA_USERS.admin,
      WINWIN_EDITORS: REPLICA_USERS.editor,
      WINWIN_TZ: 'UTC',
      PORT: '0',
      ...o.extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    if (process.env.HARNESS_LOGS === '1') process.stdout.write(`[replica ${child.pid}] ${c}`);
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    if (process.env.HARNESS_LOGS === '1') process.stdout.write(`[replica ${child.pid} err] ${c}`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const leadsLine = /now leads/g;
  const stopsLine = /stops leading/g;
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    leads: () => (stdout.match(leadsLine)?.length ?? 0) > (stdout.match(stopsLine)?.length ?? 0),
  };
};

/** Stops a replica as an operator would (SIGTERM) and waits for it. */
export const stopReplica = async (replica: AppProcess): Promise<void> => {
  if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGTERM');
  await replica.exited;
};
