import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child-store.ts');

export interface ChildStore {
  readonly child: ChildProcess;
  /** Lines the child printed so far. */
  readonly lines: string[];
  stderr(): string;
  /** Resolves with the first line matching, or rejects if the child exits first. */
  waitFor(predicate: (line: string, count: number) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs test/support/child-store.ts in a separate node process (through tsx). */
export const spawnChildStore = (args: readonly string[]): ChildStore => {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let errors = '';
  const waiters: { predicate: (line: string, count: number) => boolean; resolve: (line: string) => void }[] =
    [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(line, lines.length)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    lines,
    stderr: () => errors,
    exited,
    waitFor: (predicate) =>
      new Promise<string>((resolve, reject) => {
        const found = lines.find((line, index) => predicate(line, index + 1));
        if (found !== undefined) {
          resolve(found);
          return;
        }
        waiters.push({ predicate, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`child exited (code ${code}, signal ${signal}) first; stderr: ${errors}`)),
        );
      }),
  };
};
