import type { Result } from './result.js';
import type { State, WinwinEvent } from './types.js';

/** Who is acting and when: everything a pure mutation needs from the outside world. */
export interface Ctx {
  readonly actor: string;
  readonly now: Date;
}

/** What a mutation produced: the next state, the events it caused (already numbered) and its value. */
export interface Change<T> {
  readonly state: State;
  readonly events: readonly WinwinEvent[];
  readonly value: T;
}

export type Mutation<T> = (state: State) => Result<Change<T>>;
