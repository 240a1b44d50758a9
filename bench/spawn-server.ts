import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One bench server running in its own process (its own event loop, measurable RSS and start-up). */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** performance.now() when the process was spawned and when it said it was listening. */
  readonly spawnedAt: number;
  readonly readyAt: number;
  /** Start-up phases the server reported (ms), e.g. { boot, imports, openStore, listen }. */
  readonly phases: Readonly<Record<string, number>>;
  /** Peak resident set size so far (VmHWM), in MB; undefined where /proc is not available. */
  peakRssMb(): number | undefined;
  /** CPU time (user + system) the process has used so far, in ms; undefined where /proc is not available. */
  cpuMs(): number | undefined;
  /** The last lines the server wrote to stderr (its log), for failure reports. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  /**
   * Script path relative to the repository root: a bundle (dist/bench/server-winwin.js), run by
   * node as production runs dist/src/main.js, or a TypeScript file (bench/server-winwin.ts), run
   * under tsx.
   */
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  /** Extra node flags, e.g. --cpu-prof (BENCH_NODE_FLAGS). */
  readonly nodeFlags?: readonly string[];
  readonly readyTimeoutMs?: number;
}

const kbField = (status: string, field: string): number | undefined => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** Reads a process's peak RSS from /proc/<pid>/status (Linux), in MB. */
export const peakRssMbOf = (pid: number): number | undefined => {
  try {
    const kb = kbField(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmHWM');
    return kb === undefined ? undefined : kb / 1024;
  } catch {
    return undefined;
  }
};

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** Reads a process's CPU time from /proc/<pid>/stat (utime + stime), in ms. */
export const cpuMsOf = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
};

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/** Whether `script` is TypeScript, which needs the tsx loader. */
export const needsTsx = (script: string): boolean => /\.[cm]?ts$/.test(script);

/**
 * Spawns `node <script>`, or `node --import tsx <script>` for TypeScript (node itself, not the tsx
 * CLI, so the pid is the server's own), and resolves once the script prints its ready line
 * `{"ready":true,"port":…}` on stdout.
 */
export const spawnServer = (name: string, options: SpawnOptions): Promise<ServerProcess> => {
  const spawnedAt = performance.now();
  const loader = needsTsx(options.script) ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...loader, options.script], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr as NonNullable<typeof child.stderr> }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  });
  const tail = (): string => stderr.join('\n');

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${options.readyTimeoutMs ?? 60_000} ms:\n${tail()}`));
    }, options.readyTimeoutMs ?? 60_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}) before it was ready:\n${tail()}`));
    };
    child.once('exit', onExit);
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    lines.on('line', (line) => {
      let message: { ready?: boolean; port?: number; phases?: Record<string, number> };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        return;
      }
      if (message.ready !== true || typeof message.port !== 'number') return;
      const readyAt = performance.now();
      clearTimeout(timer);
      child.off('exit', onExit);
      const pid = child.pid as number;
      resolve({
        name,
        pid,
        url: `http://127.0.0.1:${message.port}`,
        spawnedAt,
        readyAt,
        phases: message.phases ?? {},
        peakRssMb: () => peakRssMbOf(pid),
        cpuMs: () => cpuMsOf(pid),
        stderrTail: tail,
        async stop(graceMs = 5000) {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const done = exited(child);
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await done;
          clearTimeout(force);
        },
      });
    });
  });
};
