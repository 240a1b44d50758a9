import { ok, type Result } from './result.js';
import type { State, WinwinEvent } from './types.js';

/** Who is acting and when: everything a pure mutation needs from the outside world. */
export interface Ctx {
  readonly actor: string;
  readonly now: Date;
  /** Today (YYYY-MM-DD) in the ministry's time zone, when the change dates something (a payment). */
  readonly today?: string;
}

/** What a mutation produced: the next state, the events it caused (already numbered) and its value. */
export interface Change<T> {
  readonly state: State;
  readonly events: readonly WinwinEvent[];
  readonly value: T;
}

export type Mutation<T> = (state: State) => Result<Change<T>>;

/**
 * Runs `next` on the state `first` produced, as one mutation: the events of both, the value of `next`.
 * A failure of either is the result (nothing of `first` survives it).
 */
export const andThen = <A, B>(
  first: Result<Change<A>>,
  next: (state: State, value: A) => Result<Change<B>>,
): Result<Change<B>> => {
  if (!first.ok) return first;
  const second = next(first.value.state, first.value.value);
  if (!second.ok) return second;
  return ok({
    state: second.value.state,
    events: [...first.value.events, ...second.value.events],
    value: second.value.value,
  });
};
