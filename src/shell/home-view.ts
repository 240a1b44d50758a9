import { setImmediate as nextTurn } from 'node:timers/promises';
import { isoDateIn } from '../domain/dates.js';
import { myFollowUps } from '../domain/follow.js';
import type { SectorStanding } from '../domain/standing.js';
import type { Role } from '../domain/types.js';
import type { Locale } from '../i18n/common.js';
import type { Snapshot } from '../storage/store.js';
import type { HomeView } from '../views/blocks.js';
import { buildHomeView } from '../views/home.js';
import type { Deps } from './deps.js';

/**
 * The App Home of one user as the store stands now, drawn for that user's role: the listeners (Home
 * opened, paged) publish homeViewFor, the republishing after changes (channels/homes.ts)
 * homeViewInSteps.
 */
interface HomeRequest {
  readonly user: string;
  readonly role: Role;
  readonly locale: Locale;
  readonly page: number;
  readonly now: Date;
}

const draw = (
  deps: Deps,
  snapshot: Snapshot,
  sectors: readonly SectorStanding[],
  today: string,
  r: HomeRequest,
): HomeView => {
  // "My follow-ups" (issue 10): what this user owns that needs attention, as `/winwin mine` lists it.
  const followUps = myFollowUps(snapshot.state, r.user, today, (iso) => isoDateIn(new Date(iso), deps.zone));
  return buildHomeView({ kind: 'all', today, sectors }, r.role, r.locale, {
    user: r.user,
    page: r.page,
    followUps,
  });
};

/** The Home at once, for a user who opened it and waits. */
export const homeViewFor = (deps: Deps, r: HomeRequest): HomeView => {
  const snapshot = deps.store.snapshot();
  const today = isoDateIn(r.now, deps.zone);
  return draw(deps, snapshot, deps.derived.overall(snapshot, today), today, r);
};

/**
 * The Home of one snapshot, computed a sector at a time with a turn of the event loop between them:
 * republishing after a change is background work, and must not hold up the requests arriving
 * meanwhile (at 100× data, every sector at once is tens of milliseconds).
 */
export const homeViewInSteps = async (deps: Deps, r: HomeRequest): Promise<HomeView> => {
  const snapshot = deps.store.snapshot();
  const today = isoDateIn(r.now, deps.zone);
  const sectors: SectorStanding[] = [];
  for (const sector of snapshot.state.sectors) {
    await nextTurn();
    sectors.push(deps.derived.sectorStanding(snapshot, sector, today));
  }
  await nextTurn();
  return draw(deps, snapshot, sectors, today, r);
};
