import type { webApi } from '@slack/bolt';
import type { WinwinEvent } from '../domain/types.js';
import { type Deps, roleFor } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { homeViewInSteps } from '../shell/home-view.js';
import { abortableSleep } from './poster.js';
import { classifySlackFailure } from './slack-failure.js';

/**
 * App Homes that keep themselves current. After a change, Home is republished for the user who made
 * it and for everyone who opened their Home in the last day (deps.homeViewers), each drawn for that
 * user's own role (so never with names the role may not read), on the page they were shown. At most
 * once per `minIntervalMs` (a minute) per user: a change within that time is published when it ends,
 * with everything that changed meanwhile. Publishes go one at a time, `gapMs` apart and waiting out
 * 429s, within views.publish's rate limit.
 */

export interface HomesOptions {
  /** Least time between two republishes of one user's Home (default 60 s). */
  readonly minIntervalMs?: number;
  /** How long after opening Home a user keeps getting it republished (default a day). */
  readonly watchMs?: number;
  /** Least time between two views.publish calls (default 600 ms: 100 a minute). */
  readonly gapMs?: number;
}

export interface Homes {
  /** Reads the events since the last call, marks whose Home is stale, and publishes those that are due. */
  refresh(now?: Date): Promise<void>;
  /** Users whose Home waits for its minute to pass. */
  waiting(): readonly string[];
  /** Stops waiting between publishes. */
  close(): void;
}

/** Changes Home shows: programs, pledges and what later issues add to them (payments, guarantees). */
const shownOnHome = (event: WinwinEvent): boolean => !event.type.startsWith('access.');

export const createHomes = (deps: Deps, client: webApi.WebClient, options: HomesOptions = {}): Homes => {
  const { store, logger } = deps;
  const minInterval = options.minIntervalMs ?? 60_000;
  const watch = options.watchMs ?? 86_400_000;
  const gap = options.gapMs ?? 600;
  const abort = new AbortController();
  /** Events up to this id have been looked at: changes made before start-up republish nothing. */
  let seen = store.lastEventId();
  /** Users whose Home is stale, waiting to be republished. */
  const stale = new Set<string>();
  /** When each user's Home was last republished (the app's clock). */
  const lastPublished = new Map<string, number>();
  /** Real time before which no views.publish goes (the gap and Retry-After). */
  let notBefore = 0;
  let running: Promise<void> | undefined;

  const markStale = (events: readonly WinwinEvent[], now: Date): void => {
    const viewers = deps.homeViewers.recent(now, watch).map((v) => v.user);
    for (const event of events) {
      // The person who made the change sees it on their Home; a role change shows on its user's.
      stale.add(event.actor);
      if (event.type.startsWith('access.')) stale.add(event.target);
      if (shownOnHome(event)) for (const user of viewers) stale.add(user);
    }
  };

  const publish = async (user: string, now: Date): Promise<boolean> => {
    const wait = notBefore - Date.now();
    if (wait > 0) await abortableSleep(wait, abort.signal);
    if (abort.signal.aborted) return false;
    // The user's role now, from the store: never a view drawn for anyone else.
    const role = roleFor(user, deps.config, store.snapshot().state);
    const page = deps.homeViewers.pageOf(user);
    try {
      const view = await homeViewInSteps(deps, { user, role, locale: deps.config.locale, page, now });
      await client.views.publish({ user_id: user, view });
      notBefore = Date.now() + gap;
      return true;
    } catch (error) {
      const failure = classifySlackFailure(error);
      notBefore = Date.now() + (failure.kind === 'rate' ? failure.retryAfter * 1000 : gap);
      logger.warn(`homes: could not republish the App Home of ${user} (${failure.error})`);
      // A rate limit leaves it for later; anything else (a user who left) is not retried.
      return failure.kind !== 'rate';
    }
  };

  const run = async (now: Date): Promise<void> => {
    const through = store.lastEventId();
    if (through > seen) {
      const events = (await store.eventsSince(seen)).filter((e) => e.id <= through);
      seen = through;
      markStale(events, now);
    }
    for (const user of [...stale]) {
      if (abort.signal.aborted) return;
      const last = lastPublished.get(user);
      if (last !== undefined && now.getTime() - last < minInterval) continue;
      if (!(await publish(user, now))) return;
      stale.delete(user);
      lastPublished.set(user, now.getTime());
    }
    // Forget publish times older than the interval: they no longer hold anything back.
    for (const [user, at] of lastPublished) if (now.getTime() - at >= minInterval) lastPublished.delete(user);
  };

  return {
    refresh(now = deps.clock()) {
      // One run at a time; a call during a run waits for it, then runs again with what came meanwhile.
      const next = (running ?? Promise.resolve())
        .then(() => run(now))
        .catch((error: unknown) => logger.error(`homes: refresh failed: ${describe(error)}`));
      running = next;
      void next.finally(() => {
        if (running === next) running = undefined;
      });
      return next;
    },
    waiting: () => [...stale],
    close: () => abort.abort(),
  };
};
