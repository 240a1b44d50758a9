import type { Mutation } from '../domain/change.js';
import type { Result } from '../domain/result.js';
import type { State, WinwinEvent } from '../domain/types.js';

export interface EventFilter {
  /** Only events of this program. */
  readonly program?: string;
  /** Only events of programs of this sector. */
  readonly sector?: string;
  /** Only events whose target is this (e.g. a pledge id). */
  readonly target?: string;
}

export interface StoreStats {
  /** Durable writes of the main file since open (one per group commit: usually fewer than mutations). */
  readonly writes: number;
  /** Mutations applied and committed since open. */
  readonly mutations: number;
}

/**
 * The committed state with its revision: the revision increases with every commit (and never goes
 * back while the store is open), so anything derived from `state` can be remembered by `revision`.
 */
export interface Snapshot {
  readonly state: State;
  readonly revision: number;
}

/**
 * The one owner of the stored state and its audit history (for the JSON-file adapter: `WINWIN_DB`
 * and its events file). Every mutation goes through `mutate`, serialized; a mutation that resolves
 * is already durable. `read` returns the last committed state, which is never changed in place.
 * The promises are stated by test/contract/store-contract.ts, which every adapter passes.
 */
export interface Store {
  readonly path: string;
  read(): State;
  /** The last committed state and its revision. */
  snapshot(): Snapshot;
  /**
   * Runs `mutation` on the latest state, after every mutation queued before it. Resolves with its
   * error result (nothing changed) or, once the change is durable, with its value. Rejects if the
   * mutation throws or breaks the schema (a bug: nothing changed) or if the write fails (the whole
   * batch is rolled back).
   */
  mutate<T>(mutation: Mutation<T>): Promise<Result<T>>;
  /** Replaces the whole state and history (seeding, benchmarks). Serialized like `mutate`. */
  replaceAll(state: State, events: readonly WinwinEvent[]): Promise<void>;
  /** Events with id > afterId, oldest first. */
  eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]>;
  /** The newest `limit` events matching the filter, newest first. */
  recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]>;
  /** Id of the newest event, 0 when there is none. */
  lastEventId(): number;
  stats(): StoreStats;
  /** Waits for queued mutations, then releases the lock. Later mutations reject. */
  close(): Promise<void>;
}
