import type { Change } from '../../domain/change.js';
import { ok, type Result } from '../../domain/result.js';
import type { State } from '../../domain/types.js';

/** How many submission keys the state keeps: far more than could be resubmitted at once. */
export const MAX_SUBMISSIONS = 1000;

/** What a once-only mutation did: stored the change, or saw the same submission stored before. */
export type Once<T> = { readonly duplicate: false; readonly value: T } | { readonly duplicate: true };

/**
 * The key of one submission of one view. Slack keeps a view's id while it is open and changes its hash
 * whenever the view is updated, so the same id and hash is the same form submitted again (a retry or a
 * double click), and must be recorded once.
 */
export const submissionKey = (
  callbackId: string,
  view: { readonly id?: unknown; readonly hash?: unknown },
): string => {
  const id = typeof view.id === 'string' ? view.id : '';
  const hash = typeof view.hash === 'string' ? view.hash : '';
  return `${callbackId}:${id}:${hash}`.slice(0, 200);
};

/**
 * Runs `mutation` unless `key` was already stored, and stores the key in the same mutation, so two
 * identical submissions racing each other still record once (the store serializes mutations).
 */
export const once =
  <T>(key: string, mutation: (state: State) => Result<Change<T>>) =>
  (state: State): Result<Change<Once<T>>> => {
    if (state.submissions.includes(key)) return ok({ state, events: [], value: { duplicate: true } });
    const result = mutation(state);
    if (!result.ok) return result;
    const next = result.value.state;
    return ok({
      state: { ...next, submissions: [...next.submissions, key].slice(-MAX_SUBMISSIONS) },
      events: result.value.events,
      value: { duplicate: false, value: result.value.value },
    });
  };
