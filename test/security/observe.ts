import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import { blockKitProblems, RENDERING_METHODS } from '../support/block-kit-limits.js';
import { type Harness, textOf, USERS } from '../support/harness.js';
import { unescapedMarkup } from '../support/hostile.js';

/** What Winwin said in answer to one request: the HTTP acknowledgement and the Slack calls that followed. */
export interface Answer {
  readonly ack: unknown;
  readonly calls: readonly RecordedCall[];
}

/**
 * Waits until the Slack fake has seen no new call for `quietMs` (replies after the ack go out
 * asynchronously). A settling step, not an assertion: it gives up after `maxMs` and the checks decide.
 */
export const settle = async (h: Harness, quietMs = 120, maxMs = 3000): Promise<void> => {
  const until = Date.now() + maxMs;
  let last = h.fake.seq();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = h.fake.seq();
    if (now === last) return;
    last = now;
  }
};

/** Runs `send` and gathers everything Winwin said in answer. */
export const answerTo = async (h: Harness, send: () => Promise<unknown>): Promise<Answer> => {
  const after = h.fake.seq();
  const ack = await send();
  await settle(h);
  return { ack, calls: h.fake.calls().filter((c) => c.seq > after) };
};

/** Every human-readable text in an answer: ack and posted messages/views, fallback texts included. */
export const answerText = (a: Answer): string =>
  [a.ack, ...a.calls.map((c) => c.args)]
    .flatMap((v) => {
      if (v === undefined || v === null || typeof v !== 'object') return [];
      const r = v as Record<string, unknown>;
      return [typeof r.text === 'string' ? r.text : '', textOf(r.view ?? r), JSON.stringify(r.errors ?? '')];
    })
    .join('\n');

/** Ids Winwin may mention for real: the harness users, its own bot, the test channels. */
export const allowedMentions = (h: Harness, extra: readonly string[] = []): Set<string> =>
  new Set([...Object.values(USERS), h.fake.botUserId, 'C0WINWIN01', 'C0WINWIN02', ...extra]);

/** Problems in an answer: unescaped user markup, Block Kit limits. Empty when clean. */
export const answerProblems = (h: Harness, a: Answer, extra: readonly string[] = []): string[] => {
  const allowed = allowedMentions(h, extra);
  const problems: string[] = [];
  if (a.ack !== undefined && a.ack !== null) {
    problems.push(...unescapedMarkup(a.ack, allowed).map((p) => `ack ${p}`));
    problems.push(...blockKitProblems(a.ack).map((p) => `ack ${p}`));
  }
  for (const call of a.calls) {
    if (!RENDERING_METHODS.has(call.method)) continue;
    problems.push(...unescapedMarkup(call.args, allowed).map((p) => `${call.method} ${p}`));
    problems.push(...blockKitProblems(call.args).map((p) => `${call.method} ${p}`));
  }
  return problems;
};

/** Problems in every rendering call the fake has recorded so far (a final sweep). */
export const allCallProblems = (h: Harness, extra: readonly string[] = []): string[] =>
  answerProblems(h, { ack: undefined, calls: h.fake.calls() }, extra);

/**
 * Every byte Winwin keeps on disk for this harness: the store file and whatever sits next to it (the
 * events file), by name. The lock (a socket) is left out: it is the process, not data.
 */
export const storeFiles = async (h: Harness): Promise<string> => {
  const names = (await readdir(h.dir)).filter((n) => !n.endsWith('.lock')).sort();
  const parts = await Promise.all(
    names.map(async (n) => {
      const bytes = await readFile(path.join(h.dir, n)).catch(() => Buffer.alloc(0));
      return `${n} ${bytes.length} ${createHash('sha256').update(bytes).digest('hex')}`;
    }),
  );
  return parts.join('\n');
};
