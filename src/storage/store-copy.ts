import { z } from 'zod';
import { Decimal } from '../domain/decimal.js';
import { EventSchema, emptyState, type State, StateSchema, type WinwinEvent } from '../domain/types.js';
import { openStore } from './open-store.js';
import { isPostgresUrl, openPgStore } from './pg/pg-store.js';
import type { Store } from './store.js';

/**
 * Copies a whole store, its state and every event, between a JSON file and PostgreSQL (either way,
 * or file to file, database to database), then checks the copy: counts, money totals and the full
 * encoded content must equal the source's.
 */

/** A path is a JSON-file store; postgres://… a database. */
export const openAnyStore = (where: string): Promise<Store> =>
  isPostgresUrl(where) ? openPgStore(where) : openStore(where);

export interface StoreSummary {
  /** Elements of every collection of State, by name. */
  readonly counts: Record<string, number>;
  readonly events: number;
  readonly lastEventId: number;
  readonly nextPledge: number;
  readonly nextEvent: number;
  /** Sum of every pledge's amount, and of every program's target, in whole won. */
  readonly pledged: string;
  readonly targets: string;
}

export const summarize = (state: State, events: readonly WinwinEvent[]): StoreSummary => {
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(state)) if (Array.isArray(value)) counts[key] = value.length;
  return {
    counts,
    events: events.length,
    lastEventId: events.at(-1)?.id ?? 0,
    nextPledge: state.nextPledge,
    nextEvent: state.nextEvent,
    pledged: state.pledges.reduce((sum, p) => sum.plus(p.amount), new Decimal(0)).toFixed(0),
    targets: state.programs.reduce((sum, p) => sum.plus(p.target), new Decimal(0)).toFixed(0),
  };
};

/** The whole store as the codecs write it: equal exports mean equal stores. */
export const exportStore = (state: State, events: readonly WinwinEvent[]): string =>
  JSON.stringify({
    state: z.encode(StateSchema, state),
    events: events.map((e) => z.encode(EventSchema, e)),
  });

const isEmpty = (store: Store): boolean =>
  store.lastEventId() === 0 && exportStore(store.read(), []) === exportStore(emptyState(), []);

export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

export interface CopyReport {
  readonly from: string;
  readonly to: string;
  readonly summary: StoreSummary;
  readonly ms: number;
}

/** Copies `from` into `to`. Throws CopyRefused for a non-empty target without `force`, or a failed check. */
export const copyStore = async (from: string, to: string, force = false): Promise<CopyReport> => {
  const began = performance.now();
  const source = await openAnyStore(from);
  let summary: StoreSummary;
  let exported: string;
  let toPath: string;
  try {
    const state = source.read();
    const events = await source.eventsSince(0);
    summary = summarize(state, events);
    exported = exportStore(state, events);
    const target = await openAnyStore(to);
    toPath = target.path;
    try {
      if (!force && !isEmpty(target)) {
        const held = summarize(target.read(), []);
        throw new CopyRefused(
          `${target.path} is not empty (${held.counts.programs ?? 0} programs, ${held.counts.pledges ?? 0} pledges, ${target.lastEventId()} events); nothing was changed. To replace its content, add --force.`,
        );
      }
      await target.replaceAll(state, events);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  // Check what a fresh open of the target holds, not what this process remembers.
  const check = await openAnyStore(to);
  try {
    const state = check.read();
    const events = await check.eventsSince(0);
    const copied = summarize(state, events);
    const a = JSON.stringify(summary);
    const b = JSON.stringify(copied);
    if (a !== b) throw new CopyRefused(`the copy differs from the source: source ${a}, copy ${b}`);
    if (exportStore(state, events) !== exported)
      throw new CopyRefused('the copy differs from the source in content');
  } finally {
    await check.close();
  }
  return { from, to: toPath, summary, ms: Math.round(performance.now() - began) };
};
