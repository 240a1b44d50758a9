import { isoDateIn } from '../domain/dates.js';
import { setBounded } from '../domain/memo.js';
import type { Audience } from '../domain/permissions.js';
import { ok, type Result } from '../domain/result.js';
import { type Standing, standingOf } from '../domain/standing.js';
import { type ResolvedTarget, resolveTarget } from '../domain/targets.js';
import type { State } from '../domain/types.js';
import type { Locale } from '../i18n/common.js';
import type { EventFilter } from '../storage/store.js';
import type { Message } from '../views/blocks.js';
import { errorReply } from '../views/error-text.js';
import { buildStatusMessage } from '../views/status.js';
import type { Deps } from './deps.js';

/** `all`, empty or a target as typed: the whole overview, or what resolveTarget finds. */
export const resolveStatusTarget = (state: State, text: string): Result<ResolvedTarget | 'all'> => {
  const wanted = text.trim();
  return wanted === '' || wanted.toLowerCase() === 'all' ? ok('all') : resolveTarget(state, wanted);
};

/** The events of what a standing shows, for its "last change". */
export const eventFilterOf = (target: ResolvedTarget | 'all'): EventFilter =>
  target === 'all'
    ? {}
    : target.kind === 'program'
      ? { program: target.program.slug }
      : { sector: target.sector.name };

/** Today's standing of `target` from the store, with its last change. */
export const loadStanding = async (
  deps: Deps,
  target: ResolvedTarget | 'all',
  now: Date,
): Promise<Standing> => {
  const [last] = await deps.store.recentEvents(1, eventFilterOf(target));
  return standingOf(deps.store.read(), target, isoDateIn(now, deps.config.tz), {
    ...(last === undefined ? {} : { lastChange: last }),
  });
};

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
 * Finished status replies per committed state. A state is frozen and replaced on every commit, and no
 * event is appended without a commit that replaces it (events take their ids from `state.nextEvent`),
 * so a reply drawn from one state — figures and last change alike — stays true for as long as that
 * state is the store's: the cache empties itself on every write. Bounded per state; entries differ by
 * target, audience, locale, day, page and interactivity.
 */
const replies = new WeakMap<State, Map<string, Message>>();
const REPLIES_PER_STATE = 64;

const replyKey = (r: StatusRequest, today: string, timeZone: string): string =>
  JSON.stringify([
    r.target.trim(),
    r.audience.role,
    r.audience.channelNames === true,
    r.locale,
    today,
    timeZone,
    r.page ?? 0,
    r.interactive,
  ]);

/** A cached reply is handed to every later request: freeze it so that none can change it for the others. */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/** The status message of a target as typed, or the localized reason it can't be shown. */
export const statusMessage = async (deps: Deps, r: StatusRequest): Promise<Message> => {
  const state = deps.store.read();
  const today = isoDateIn(r.now, deps.config.tz);
  // A notice is a one-off line on top (a status change's confirmation): not worth keeping.
  const key =
    r.notice === undefined && Object.isFrozen(state) ? replyKey(r, today, deps.config.tz) : undefined;
  const cached = key === undefined ? undefined : replies.get(state)?.get(key);
  if (cached !== undefined) return cached;
  const target = resolveStatusTarget(state, r.target);
  if (!target.ok) return errorReply(target.error, r.locale);
  const standing = await loadStanding(deps, target.value, r.now);
  const reply = buildStatusMessage(standing, r.audience, r.locale, {
    interactive: r.interactive,
    timeZone: deps.config.tz,
    ...(r.page === undefined ? {} : { page: r.page }),
    ...(r.notice === undefined ? {} : { notice: r.notice }),
  });
  // Kept only if no commit came while the last change was read: then it was drawn from `state` alone.
  if (key !== undefined && deps.store.read() === state) {
    let kept = replies.get(state);
    if (kept === undefined) {
      kept = new Map();
      replies.set(state, kept);
    }
    setBounded(kept, key, deepFreeze(reply), REPLIES_PER_STATE);
  }
  return reply;
};
