import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSignedClient, type SignedClient } from '../../src/loopback/signed-client.js';

/** The real `npm start` entry, run as a child process (through tsx) the way an operator runs it. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/main.ts');

export const CRASH_USERS = { admin: 'UADMIN001', editor: 'UEDITOR01', viewer: 'UVIEWER01' } as const;

export interface AppProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the child exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface AppEnv {
  readonly db: string;
  readonly apiUrl: string;
  readonly signingSecret: string;
  readonly extra?: Readonly<Record<string, string>>;
  /** A built bundle to run with plain node, as `npm start` runs dist/src/main.js (default: src/main.ts through tsx). */
  readonly bundle?: string;
  /** In its own process group (kill it whole with `killGroup`). */
  readonly detached?: boolean;
}

const envFor = (o: AppEnv): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  SLACK_BOT_TOKEN: 'xoxb-crash-test-token',
  SLACK_SIGNING_SECRET: o.signingSecret,
  SLACK_API_URL: o.apiUrl,
  WINWIN_DB: o.db,
  WINWIN_ADMINS: CRASH_USERS.admin,
  WINWIN_EDITORS: CRASH_USERS.editor,
  PORT: '0',
  ...o.extra,
});

/** Starts `node --import tsx src/main.ts`. Use `started` to wait for its port, or `exited` for a refusal. */
export const spawnApp = (o: AppEnv): AppProcess => {
  const child = spawn(process.execPath, o.bundle === undefined ? ['--import', 'tsx', MAIN] : [o.bundle], {
    cwd: ROOT,
    env: envFor(o),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: o.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => ({ stdout, stderr }), exited };
};

/** Waits for "HTTP on port N" (main.ts logs it once listening) and returns a signed client for it. */
export const started = async (
  app: AppProcess,
  signingSecret: string,
  responseUrl: () => string,
): Promise<{ port: number; client: SignedClient; url: string }> => {
  const port = await new Promise<number>((resolve, reject) => {
    const check = (): boolean => {
      const match = /HTTP on port (\d+)/.exec(app.output().stdout);
      if (match === null) return false;
      resolve(Number(match[1]));
      return true;
    };
    if (check()) return;
    const onData = (): void => {
      if (check()) app.child.stdout?.off('data', onData);
    };
    app.child.stdout?.on('data', onData);
    void app.exited.then(({ code, signal }) =>
      reject(
        new Error(`app exited (code ${code}, signal ${signal}) before listening:\n${app.output().stderr}`),
      ),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  return { port, url, client: createSignedClient({ baseUrl: url, signingSecret, responseUrl }) };
};

/** Kills the child with SIGKILL (no cleanup, no lock release) and waits for it to be gone. */
export const kill9 = async (app: AppProcess): Promise<void> => {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await app.exited;
};

/** SIGKILL to the child's whole process group (it must have been started detached). */
export const killGroup = async (app: AppProcess): Promise<void> => {
  const pid = app.child.pid;
  if (pid !== undefined && app.child.exitCode === null && app.child.signalCode === null) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await app.exited;
};
