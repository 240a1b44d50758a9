import type { Change, Ctx } from './change.js';
import { type EventKind, passesFilters } from './filters.js';
import { err, ok, type Result } from './result.js';
import { resolveTarget } from './targets.js';
import { sanitizeText } from './text.js';
import {
  CADENCES,
  type Card,
  DETAILS,
  EVENT_KINDS,
  SlackChannelIdSchema,
  type State,
  type Subscription,
  type WinwinEvent,
  type Won,
} from './types.js';

export type Cadence = Subscription['cadence'];
export type Detail = Subscription['detail'];

/** A subscription is one channel following one target. */
export interface SubscriptionKey {
  readonly channel: string;
  readonly target: string;
}

export interface SubscribeInput {
  readonly channel: string;
  /** As typed: `all`, a sector name or alias, or a program slug. */
  readonly target: string;
  readonly cadence: Cadence;
  readonly detail: Detail;
  /** `only:` kinds (parseOnly); absent: every kind. */
  readonly only?: readonly EventKind[];
  /** `min:` amount (parseMin); absent: no minimum. */
  readonly min?: Won;
  /** `quiet:off` is false: digests with nothing new still post "no changes". Absent: quiet. */
  readonly quiet?: boolean;
}

export interface Subscribed {
  readonly subscription: Subscription;
  /** The settings it had before, when the channel already followed this target. */
  readonly previous?: Subscription;
}

export const ALL = 'all';
const ALL_WORDS = new Set(['all', '전체']);

export const isCadence = (word: string): word is Cadence => (CADENCES as readonly string[]).includes(word);
export const isDetail = (word: string): word is Detail => (DETAILS as readonly string[]).includes(word);

/** Subscriptions are the channels' settings, not program data: changing them records no event. */
const settled = <T>(state: State, value: T): Result<Change<T>> => ok({ state, events: [], value });

/**
 * What a subscription stores as its target: `all`, a sector name, or a program slug. A sector with a
 * single program stays the sector, so programs added to it later are followed too.
 */
export const subscriptionTarget = (state: State, text: string): Result<string> => {
  const wanted = sanitizeText(text).toLowerCase();
  if (ALL_WORDS.has(wanted)) return ok(ALL);
  const resolved = resolveTarget(state, wanted);
  if (!resolved.ok) return resolved;
  const target = resolved.value;
  if (target.kind === 'sector') return ok(target.sector.name);
  return ok(target.viaSector ? target.sector.name : target.program.slug);
};

/** The filter fields a subscription stores for the input: none of those left at their default. */
const filtersOf = (input: SubscribeInput): Pick<Subscription, 'only' | 'min' | 'quiet'> => ({
  ...(input.only === undefined || input.only.length === 0 || input.only.length === EVENT_KINDS.length
    ? {}
    : { only: EVENT_KINDS.filter((kind) => input.only?.includes(kind)) }),
  ...(input.min === undefined ? {} : { min: input.min }),
  ...(input.quiet === false ? { quiet: false } : {}),
});

const sameFilters = (a: Subscription, b: Subscription): boolean =>
  (a.only ?? []).join(',') === (b.only ?? []).join(',') &&
  (a.min === undefined ? b.min === undefined : b.min !== undefined && a.min.eq(b.min)) &&
  (a.quiet ?? true) === (b.quiet ?? true);

const sameKey = (a: SubscriptionKey, b: SubscriptionKey): boolean =>
  a.channel === b.channel && a.target === b.target;

/** A channel's subscriptions, `all` first, then by target. */
export const channelSubscriptions = (state: Pick<State, 'subscriptions'>, channel: string): Subscription[] =>
  state.subscriptions.filter((s) => s.channel === channel).sort(byTarget);

/** Every subscription, by channel then target (for the admins' overview). */
export const allSubscriptions = (state: Pick<State, 'subscriptions'>): Subscription[] =>
  [...state.subscriptions].sort((a, b) => a.channel.localeCompare(b.channel) || byTarget(a, b));

const byTarget = (a: Subscription, b: Subscription): number =>
  a.target === b.target ? 0 : a.target === ALL ? -1 : b.target === ALL ? 1 : a.target.localeCompare(b.target);

/**
 * Makes the channel follow a target, or changes how it follows it: one subscription per channel and
 * target, never two. A new subscription starts at the newest event (it reports what happens from now
 * on); changing one keeps its watermark so nothing is skipped, and resumes it if it was paused. The
 * caller checks roles (editors subscribe, only admins choose `names`).
 */
export const subscribe = (state: State, input: SubscribeInput, ctx: Ctx): Result<Change<Subscribed>> => {
  if (!SlackChannelIdSchema.safeParse(input.channel).success) {
    return err('SUBSCRIPTION.INVALID', { field: 'channel', channel: input.channel });
  }
  if (!isCadence(input.cadence) || !isDetail(input.detail)) {
    return err('SUBSCRIPTION.INVALID', { field: 'settings' });
  }
  const target = subscriptionTarget(state, input.target);
  if (!target.ok) return target;
  const key = { channel: input.channel, target: target.value };
  const previous = state.subscriptions.find((s) => sameKey(s, key));
  // The command states the whole subscription: filters it does not give are dropped.
  const filters = filtersOf(input);
  if (previous !== undefined) {
    const { paused: _resumed, only: _only, min: _min, quiet: _quiet, ...rest } = previous;
    const subscription: Subscription = { ...rest, cadence: input.cadence, detail: input.detail, ...filters };
    const same =
      previous.paused === undefined &&
      previous.cadence === input.cadence &&
      previous.detail === input.detail &&
      sameFilters(previous, subscription);
    if (same) return settled(state, { subscription: previous, previous });
    return settled(replaceSubscription(state, subscription), { subscription, previous });
  }
  const subscription: Subscription = {
    ...key,
    cadence: input.cadence,
    detail: input.detail,
    ...filters,
    createdBy: ctx.actor,
    createdAt: ctx.now.toISOString(),
    watermark: state.nextEvent - 1,
  };
  return settled({ ...state, subscriptions: state.subscriptions.concat([subscription]) }, { subscription });
};

/**
 * Stops the channel following a target (as typed, or as stored). Its live cards go too, unless another
 * realtime subscription of the channel still covers their program.
 */
export const unsubscribe = (state: State, channel: string, text: string): Result<Change<Subscription>> => {
  const typed = sanitizeText(text).toLowerCase();
  const resolved = subscriptionTarget(state, typed);
  const found = state.subscriptions.find(
    (s) => s.channel === channel && (s.target === typed || (resolved.ok && s.target === resolved.value)),
  );
  if (found === undefined) {
    return err('SUBSCRIPTION.UNKNOWN', {
      target: typed,
      subscribed: channelSubscriptions(state, channel).map((s) => s.target),
    });
  }
  const subscriptions = state.subscriptions.filter((s) => s !== found);
  const realtime = subscriptions.filter((s) => s.channel === channel && s.cadence === 'realtime');
  const cards = state.cards.filter(
    (card) => card.channel !== channel || realtime.some((s) => coversProgram(state, s, card.program)),
  );
  return settled({ ...state, subscriptions, cards }, found);
};

/** Whether a subscription reports this event. Events without a program (role changes) are never reported. */
export const covers = (
  subscription: Pick<Subscription, 'target'>,
  event: Pick<WinwinEvent, 'program' | 'sector'>,
): boolean =>
  event.program !== undefined &&
  (subscription.target === ALL ||
    subscription.target === event.program ||
    subscription.target === event.sector);

/**
 * Whether a subscription reports this event: it covers it (covers) and its filters let it through
 * (`only:` kinds, `min:` amount; see filters.ts).
 */
export const reports = (
  subscription: Pick<Subscription, 'target' | 'only' | 'min'>,
  event: { readonly type: string } & Pick<WinwinEvent, 'program' | 'sector' | 'before' | 'after'>,
): boolean => covers(subscription, event) && passesFilters(subscription, event);

/** Whether a subscription covers a program as it is now in the state. */
export const coversProgram = (
  state: Pick<State, 'programs'>,
  subscription: Pick<Subscription, 'target'>,
  slug: string,
): boolean => {
  const program = state.programs.find((p) => p.slug === slug);
  return program !== undefined && covers(subscription, { program: slug, sector: program.sector });
};

/** The store's event filter for a target: none for `all`, by sector or by program. */
export const eventFilterFor = (
  state: Pick<State, 'sectors'>,
  target: string,
): { readonly sector?: string; readonly program?: string } => {
  if (target === ALL) return {};
  return state.sectors.some((s) => s.name === target) ? { sector: target } : { program: target };
};

const replaceSubscription = (state: State, subscription: Subscription): State => ({
  ...state,
  subscriptions: state.subscriptions.map((s) => (sameKey(s, subscription) ? subscription : s)),
});

/**
 * Records that a subscription has reported everything up to event `watermark` at `at` (a digest was
 * posted, or there was nothing to post). Watermarks never go back. A subscription removed meanwhile is
 * no error: there is nothing left to record.
 */
export const markReported = (
  state: State,
  key: SubscriptionKey,
  watermark: number,
  at: Date,
): Result<Change<Subscription | undefined>> => {
  const found = state.subscriptions.find((s) => sameKey(s, key));
  if (found === undefined) return settled(state, undefined);
  const subscription: Subscription = {
    ...found,
    watermark: Math.max(found.watermark, watermark),
    lastDigestAt: at.toISOString(),
  };
  return settled(replaceSubscription(state, subscription), subscription);
};

/** Advances the watermark of the channel's realtime subscriptions (without touching lastDigestAt). */
export const advanceRealtime = (state: State, channel: string, watermark: number): State => ({
  ...state,
  subscriptions: state.subscriptions.map((s) =>
    s.channel === channel && s.cadence === 'realtime' && s.watermark < watermark ? { ...s, watermark } : s,
  ),
});

/**
 * Pauses every subscription of a channel Winwin can no longer post to (archived, deleted, app
 * removed), so it is not retried forever. Returns the subscriptions it paused (none if already paused).
 */
export const pauseChannel = (
  state: State,
  channel: string,
  reason: string,
  at: Date,
): Result<Change<Subscription[]>> => {
  const paused: Subscription[] = [];
  const subscriptions = state.subscriptions.map((s) => {
    if (s.channel !== channel || s.paused !== undefined) return s;
    const next: Subscription = { ...s, paused: { reason: reason.slice(0, 200), at: at.toISOString() } };
    paused.push(next);
    return next;
  });
  return settled(paused.length === 0 ? state : { ...state, subscriptions }, paused);
};

/** The channel's live card for a program, if it has one. */
export const cardOf = (state: Pick<State, 'cards'>, channel: string, program: string): Card | undefined =>
  state.cards.find((c) => c.channel === channel && c.program === program);

/**
 * Notes a change shown on the card and not yet replied in its thread; the first one starts the
 * burst (`at`: when that change was made). A card removed meanwhile is left alone.
 */
export const addPending = (
  state: State,
  card: Pick<Card, 'channel' | 'program'>,
  eventId: number,
  at: string,
) =>
  updateCard(state, card, (c) => ({
    ...c,
    pending: [...(c.pending ?? []), eventId],
    pendingSince: c.pendingSince ?? at,
  }));

/** The pending changes `replied` went in the thread: what came after them starts a new burst. */
export const clearPending = (
  state: State,
  card: Pick<Card, 'channel' | 'program'>,
  replied: readonly number[],
  nextSince?: string,
): State =>
  updateCard(state, card, (c) => {
    const { pending: _pending, pendingSince: _since, ...rest } = c;
    const left = (c.pending ?? []).filter((id) => !replied.includes(id));
    return left.length === 0
      ? rest
      : { ...rest, pending: left, pendingSince: nextSince ?? c.pendingSince ?? '' };
  });

/** Whether a card's burst of changes is due for its thread reply at `now` (a minute after it began). */
export const burstDue = (
  card: Pick<Card, 'pending' | 'pendingSince'>,
  now: Date,
  windowMs: number,
): boolean =>
  (card.pending?.length ?? 0) > 0 &&
  card.pendingSince !== undefined &&
  now.getTime() - Date.parse(card.pendingSince) >= windowMs;

const updateCard = (
  state: State,
  card: Pick<Card, 'channel' | 'program'>,
  change: (c: Card) => Card,
): State => ({
  ...state,
  cards: state.cards.map((c) => (c.channel === card.channel && c.program === card.program ? change(c) : c)),
});

/** Remembers (or replaces) the channel's live card for a program. */
export const saveCard = (state: State, card: Card): State => ({
  ...state,
  cards: [...state.cards.filter((c) => c.channel !== card.channel || c.program !== card.program), card],
});
