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

/**
 * The one owner of the JSON file. Every mutation goes through `mutate`, serialized; a mutation that
 * resolves is already durable (fsynced). `read` returns the last committed state: treat it as frozen.
 */
export interface Store {
  readonly path: string;
  read(): State;
  mutate<T>(mutation: Mutation<T>): Promise<Result<T>>;
  /** Events with id > afterId, oldest first (reads the archive when it must). */
  eventsSince(afterId: number, filter?: EventFilter): Promise<WinwinEvent[]>;
  /** The newest `limit` events matching the filter, newest first. */
  recentEvents(limit: number, filter?: EventFilter): Promise<WinwinEvent[]>;
  /** Id of the newest event, 0 when there is none. */
  lastEventId(): number;
  close(): Promise<void>;
}
