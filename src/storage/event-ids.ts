import type { WinwinEvent } from '../domain/types.js';

/**
 * Throws unless `events` continue after `lastId` with increasing ids, all before `nextEvent`; returns
 * the last id. Both adapters check what a mutation or a replacement hands them with it.
 */
export const checkEventIds = (events: readonly WinwinEvent[], lastId: number, nextEvent: number): number => {
  let previous = lastId;
  for (const event of events) {
    if (event.id <= previous) throw new Error(`event id ${event.id} does not follow ${previous}`);
    previous = event.id;
  }
  if (previous >= nextEvent) throw new Error(`state.nextEvent ${nextEvent} is not after event ${previous}`);
  return previous;
};
