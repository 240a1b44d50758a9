import type { Logger } from '@slack/bolt';
import { safeLogger } from '../src/app.js';

/**
 * What the bench's server processes share: they log to stderr (stdout carries one JSON line, the
 * ready message with the port) and stop cleanly on SIGTERM.
 */

/** The bot identity the servers are given, so neither calls auth.test at start-up. */
export const BENCH_BOT = { botId: 'BWINWINBOT', botUserId: 'UWINWINBOT' } as const;

export const stderrLogger = (): Logger => safeLogger((_level, line) => process.stderr.write(`${line}\n`));

/** Where start-up time went, in ms: `boot` is process start to the script's first line (node, tsx). */
export type StartupPhases = Readonly<Record<string, number>>;

/** Tells the bench this server is listening, and on which port. */
export const announceReady = (port: number, phases: StartupPhases = {}): void => {
  process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid, phases })}\n`);
};

/** Runs `stop` once on SIGTERM or SIGINT, then exits. */
export const stopOnSignal = (stop: () => Promise<void>): void => {
  let stopping = false;
  const handle = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
};
