import { isoDateIn } from '../domain/dates.js';
import { myFollowUps } from '../domain/follow.js';
import type { Role } from '../domain/types.js';
import type { Locale } from '../i18n/common.js';
import type { HomeView } from '../views/blocks.js';
import { buildHomeView } from '../views/home.js';
import type { Deps } from './deps.js';

/**
 * The App Home of one user as the store stands now, drawn for that user's role: the listeners (Home
 * opened, paged) and the republishing after changes (channels/homes.ts) both publish this.
 */
export const homeViewFor = (
  deps: Deps,
  user: string,
  role: Role,
  locale: Locale,
  page: number,
  now: Date,
): HomeView => {
  const snapshot = deps.store.snapshot();
  const today = isoDateIn(now, deps.zone);
  const standing = deps.derived.standing(snapshot, 'all', today);
  if (standing.kind !== 'all') throw new Error('the standing of all is not a single target');
  // "My follow-ups" (issue 10): what this user owns that needs attention, as `/winwin mine` lists it.
  const followUps = myFollowUps(snapshot.state, user, today, (iso) => isoDateIn(new Date(iso), deps.zone));
  return buildHomeView(standing, role, locale, { user, page, followUps });
};
