import type { Mutation } from '../../src/domain/change.js';
import { ok } from '../../src/domain/result.js';
import type { WinwinEvent } from '../../src/domain/types.js';
import { openStore } from '../../src/storage/open-store.js';

export const TEST_ACTOR = 'U0TEST';

/** What opening the store at `file` threw; undefined when it opened (it is closed again). */
export const openError = (file: string): Promise<unknown> =>
  openStore(file).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );

/** An event as a mutation would record it. */
export const keyEvent = (id: number, key: string): WinwinEvent => ({
  id,
  at: '2026-01-02T03:04:05.000Z',
  actor: TEST_ACTOR,
  type: 'program.edited',
  target: key,
  program: 'autos-hyundai',
  sector: 'autos',
  before: null,
  after: { key },
});

/**
 * A mutation that records `key` in `submissions` and causes one event targeting it; resolves with the
 * event id. Enough to check order, durability and the event archive without the domain's rules.
 */
export const recordKey =
  (key: string): Mutation<number> =>
  (state) => {
    const id = state.nextEvent;
    return ok({
      state: { ...state, nextEvent: id + 1, submissions: [...state.submissions, key] },
      events: [keyEvent(id, key)],
      value: id,
    });
  };
