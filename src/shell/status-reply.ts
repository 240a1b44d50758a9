import { isoDateIn } from '../domain/dates.js';
import type { Audience } from '../domain/permissions.js';
import type { Standing } from '../domain/standing.js';
import type { ResolvedTarget } from '../domain/targets.js';
import type { Locale } from '../i18n/common.js';
import type { Message } from '../views/blocks.js';
import type { Deps } from './deps.js';

export { eventFilterOf, resolveStatusTarget } from '../derived.js';

/** Today's standing of `target` from the store's current snapshot, with its last change. */
export const loadStanding = (deps: Deps, target: ResolvedTarget | 'all', now: Date): Promise<Standing> =>
  deps.derived.loadStanding(deps.store.snapshot(), target, isoDateIn(now, deps.zone));

export interface StatusRequest {
  readonly target: string;
  readonly audience: Audience;
  readonly locale: Locale;
  readonly now: Date;
  /** Share button, page controls and (for editors) pledge menus: an ephemeral reply to its reader. */
  readonly interactive: boolean;
  readonly page?: number;
  readonly notice?: string;
}

/**
 * The status message of a target as typed, or the localized reason it can't be shown: drawn from the
 * store's current snapshot and remembered by its revision (src/derived.ts).
 */
export const statusMessage = (deps: Deps, r: StatusRequest): Promise<Message> =>
  deps.derived.statusReply(deps.store.snapshot(), {
    target: r.target,
    audience: r.audience,
    locale: r.locale,
    today: isoDateIn(r.now, deps.zone),
    timeZone: deps.config.tz,
    interactive: r.interactive,
    ...(r.page === undefined ? {} : { page: r.page }),
    ...(r.notice === undefined ? {} : { notice: r.notice }),
  });
