import { webApi } from '@slack/bolt';
import type { Mutation } from '../domain/change.js';
import { isoDateIn } from '../domain/dates.js';
import { buildDigest } from '../domain/digest.js';
import { ok } from '../domain/result.js';
import { type DigestSchedule, isDue } from '../domain/schedule.js';
import {
  addPending,
  advanceRealtime,
  burstDue,
  cardOf,
  clearPending,
  coversProgram,
  eventFilterFor,
  markReported,
  pauseChannel,
  reports,
  saveCard,
} from '../domain/subscriptions.js';
import type { State, Subscription, WinwinEvent } from '../domain/types.js';
import { type Leadership, SOLE_LEADER } from '../leadership.js';
import type { Deps } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { buildCardBurstReply, buildProgramCard } from '../views/card.js';
import { buildDigestMessage, buildNoChangesMessage, digestTitle, undisclosedLabel } from '../views/digest.js';
import { buildChannelPausedNotice } from '../views/subscriptions.js';
import { notifyAdmins } from './admin-notice.js';
import { type HolidayLoader, packageHolidays } from './holidays.js';
import { createHomes, type HomesOptions } from './homes.js';
import { Lanes } from './lanes.js';
import { abortableSleep, ChannelPoster, type PostResult } from './poster.js';
import { createReminders, type ReminderRun } from './reminders.js';

/**
 * The imperative shell of subscriptions: daily and weekly digests on the schedule, realtime cards as
 * changes commit. Progress lives in the store, never in memory: a subscription's watermark (the last
 * event it reported) moves only after Slack accepted the post, so a restart neither reposts nor skips,
 * and a digest whose slot passed while the app was down goes out at start-up.
 */

export interface ChannelsOptions {
  /** How often due digests are looked for and failed posts retried (default 30 s). */
  readonly tickMs?: number;
  /** How often the store is checked for new events to post in realtime channels (default 500 ms). */
  readonly realtimePollMs?: number;
  /** Least time between two messages in one channel (default 1 s, Slack's pace). */
  readonly minPostIntervalMs?: number;
  /** 429s one post waits out before it is left for a later tick (default 3). */
  readonly maxRateLimitWaits?: number;
  /** Korean public holidays by year; by default @hyunbinseo/holidays-kr (see holidays.ts). */
  readonly holidays?: HolidayLoader;
  /** The Web API client; by default one of our own that reports 429s instead of sleeping on them. */
  readonly client?: webApi.WebClient;
  /** Whether the tick sends the reminder DMs that are due (default true). */
  readonly scheduleReminders?: boolean;
  /** Scheduled work runs only while this replica leads (default: the sole process always does). */
  readonly leadership?: Leadership;
  /**
   * A live card's burst: changes within this long of the first go in one thread reply, posted once the
   * first is this old (default 60 s, by the app's clock).
   */
  readonly burstMs?: number;
  /** App Homes republished after changes (see homes.ts). */
  readonly homes?: HomesOptions;
}

export type DigestOutcome = 'posted' | 'quiet' | 'paused' | 'failed' | 'skipped';

export interface DigestRun {
  readonly channel: string;
  readonly target: string;
  readonly outcome: DigestOutcome;
}

export interface Channels {
  /** Posts what is due or pending now (missed digests, unposted realtime changes), then keeps ticking. */
  start(): void;
  /** Stops the timers, cuts waits short and waits for posts in flight. */
  stop(): Promise<void>;
  /** Posts every digest due at `now` (default: the app's clock). The tick calls it; tests call it directly. */
  runDueDigests(now?: Date): Promise<DigestRun[]>;
  /**
   * Posts every realtime change not posted yet: new cards at once, cards edited at once, and the thread
   * reply of each burst whose minute has passed at `now` (default: the app's clock).
   */
  flushRealtime(now?: Date): Promise<void>;
  /** Republishes the App Homes that changes made stale and whose minute has passed (homes.ts). */
  refreshHomes(now?: Date): Promise<void>;
  /** Sends the reminder DMs due at `now` (default: the app's clock); the tick calls it too. */
  runDueReminders(now?: Date): Promise<ReminderRun>;
  /** Resolves when no channel work is queued or running. */
  idle(): Promise<void>;
}

const keyOf = (s: Subscription): string => `${s.channel} ${s.target}`;

export const createChannels = (deps: Deps, options: ChannelsOptions = {}): Channels => {
  const { store, config, logger } = deps;
  const schedule: DigestSchedule = { time: config.digestTime, tz: config.tz };
  const locale = config.locale;
  const label = undisclosedLabel(locale);
  const client =
    options.client ??
    new webApi.WebClient(config.botToken, {
      slackApiUrl: config.apiUrl,
      logger,
      // 429s come back to the poster, which waits per channel instead of stalling every call.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  const poster = new ChannelPoster(client, {
    minIntervalMs: options.minPostIntervalMs ?? 1000,
    maxRateLimitWaits: options.maxRateLimitWaits ?? 3,
    sleep: abortableSleep,
    now: () => Date.now(),
    rich: deps.rich,
  });
  const lanes = new Lanes();
  const burstMs = options.burstMs ?? 60_000;
  const homes = createHomes(deps, client, options.homes);
  const reminders = createReminders(deps, client, options.holidays ?? packageHolidays(logger));
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let ticking: Promise<unknown> | undefined;
  let seenEventId = -1;
  const leadership = options.leadership ?? SOLE_LEADER;
  const scheduleReminders = options.scheduleReminders ?? true;

  const mutate = async <T>(mutation: Mutation<T>, what: string): Promise<boolean> => {
    try {
      const result = await store.mutate(mutation);
      return result.ok;
    } catch (error) {
      logger.error(`channels: could not store ${what}: ${describe(error)}`);
      return false;
    }
  };

  const current = (key: string): Subscription | undefined =>
    store.read().subscriptions.find((s) => keyOf(s) === key);

  /** A post failed: a gone channel is paused and the admins told; anything else waits for a later tick. */
  const handleFailure = async (
    channel: string,
    failure: Extract<PostResult<unknown>, { ok: false }>['failure'],
  ): Promise<'paused' | 'failed'> => {
    if (failure.kind === 'retry') {
      logger.warn(`channels: posting in ${channel} failed (${failure.error}); will retry`);
      return 'failed';
    }
    logger.warn(`channels: ${channel} cannot take posts (${failure.error}); pausing its subscriptions`);
    let paused: Subscription[] = [];
    await mutate((state) => {
      const result = pauseChannel(state, channel, failure.error, deps.clock());
      if (result.ok) paused = result.value.value;
      return result;
    }, `the pause of ${channel}`);
    if (paused.length > 0) {
      await notifyAdmins(
        client,
        deps,
        buildChannelPausedNotice(channel, failure.error, paused, schedule, locale),
      );
    }
    return 'paused';
  };

  const postDigest = async (key: string, now: Date): Promise<DigestOutcome> => {
    const sub = current(key);
    if (sub === undefined || !isDue(sub, now, schedule)) return 'skipped';
    const through = store.lastEventId();
    const snapshot = store.snapshot();
    const { state } = snapshot;
    // What the subscription's filters (only:, min:) leave out counts as reported: it is never posted.
    const events = (await store.eventsSince(sub.watermark, eventFilterFor(state, sub.target))).filter(
      (e) => e.id <= through && reports(sub, e),
    );
    const audience = { role: 'viewer' as const, channelNames: sub.detail === 'names' };
    const today = isoDateIn(now, deps.zone);
    const digest = buildDigest({
      state,
      target: sub.target,
      events,
      audience,
      today,
      undisclosedLabel: label,
      groups: deps.derived.pledgeGroups(snapshot),
      names: deps.derived.confidentialNames(snapshot, audience),
    });
    const mark = (state: State) => markReported(state, sub, through, now);
    const kind = sub.cadence === 'weekly' ? 'weekly' : 'daily';
    const since = sub.lastDigestAt ?? sub.createdAt;
    if (digest.changes.length === 0) {
      // Nothing new: the watermark still moves, and only a `quiet:off` channel hears about it.
      if (sub.quiet === false) {
        const heartbeat = buildNoChangesMessage({
          kind,
          title: digestTitle(state, sub.target, locale),
          since,
          locale,
          timeZone: schedule.tz,
        });
        const posted = await poster.post(sub.channel, heartbeat);
        if (!posted.ok) return handleFailure(sub.channel, posted.failure);
      }
      await mutate(mark, `the quiet digest of ${key}`);
      return sub.quiet === false ? 'posted' : 'quiet';
    }
    const message = buildDigestMessage({
      digest,
      pledges: state.pledges,
      audience,
      locale,
      timeZone: schedule.tz,
      kind,
      title: digestTitle(state, sub.target, locale),
      since,
    });
    const posted = await poster.post(sub.channel, message);
    if (!posted.ok) return handleFailure(sub.channel, posted.failure);
    await mutate(mark, `the watermark of ${key}`);
    return 'posted';
  };

  const runDueDigests = async (now: Date = deps.clock()): Promise<DigestRun[]> => {
    const due = store.read().subscriptions.filter((s) => isDue(s, now, schedule));
    return Promise.all(
      due.map(async (s): Promise<DigestRun> => {
        let outcome: DigestOutcome;
        try {
          outcome = await lanes.run(s.channel, () => postDigest(keyOf(s), now));
        } catch (error) {
          logger.error(`channels: digest of ${keyOf(s)} failed: ${describe(error)}`);
          outcome = 'failed';
        }
        return { channel: s.channel, target: s.target, outcome };
      }),
    );
  };

  /** The channel's active realtime subscriptions, as they are now. */
  const realtimeOf = (channel: string): Subscription[] =>
    store
      .read()
      .subscriptions.filter(
        (s) => s.channel === channel && s.cadence === 'realtime' && s.paused === undefined,
      );

  /** A program's change as this channel may read it, with the program's standing, from the current snapshot. */
  const viewOf = (
    channel: string,
    program: string,
    events: readonly WinwinEvent[],
    subs: readonly Subscription[],
  ) => {
    const snapshot = store.snapshot();
    const { state } = snapshot;
    const audience = {
      role: 'viewer' as const,
      channelNames: subs.length > 0 && subs.every((s) => s.detail === 'names'),
    };
    const digest = buildDigest({
      state,
      target: program,
      events,
      audience,
      today: isoDateIn(deps.clock(), deps.zone),
      undisclosedLabel: label,
      groups: deps.derived.pledgeGroups(snapshot),
      names: deps.derived.confidentialNames(snapshot, audience),
    });
    const o = { pledges: state.pledges, audience, locale, timeZone: schedule.tz };
    return { digest, o, card: cardOf(state, channel, program) };
  };

  const advance = (channel: string, through: number) => (s: State) =>
    ok({ state: advanceRealtime(s, channel, through), events: [], value: undefined });

  /**
   * Shows one change in a realtime channel: a program's first change posts its card; a later one edits
   * the card at once and waits, with the rest of its burst, for one thread reply (postBursts).
   */
  const showChange = async (
    channel: string,
    event: WinwinEvent,
    subs: readonly Subscription[],
  ): Promise<PostResult<unknown>> => {
    const nothing = { ok: true, value: undefined } as const;
    const program = event.program;
    if (program === undefined) return nothing;
    const { digest, o, card: existing } = viewOf(channel, program, [event], subs);
    const [change] = digest.changes;
    const [standing] = digest.programs;
    if (change === undefined || standing === undefined) return nothing;
    const card = buildProgramCard({ ...o, program: standing, latest: change });
    if (existing === undefined) {
      const posted = await poster.post(channel, card);
      if (!posted.ok) return posted;
      await mutate(
        (s) => advance(channel, event.id)(saveCard(s, { channel, program, ts: posted.value.ts })),
        `the card of ${program} in ${channel}`,
      );
      return posted;
    }
    await mutate(
      (s) => advance(channel, event.id)(addPending(s, existing, event.id, event.at)),
      `the pending change of ${program} in ${channel}`,
    );
    const updated = await poster.update(channel, existing.ts, card);
    if (!updated.ok) {
      // The change waits for its thread reply; a stale card is fixed by the next change's edit.
      logger.warn(
        `channels: could not update the card of ${program} in ${channel} (${updated.failure.error})`,
      );
    }
    return nothing;
  };

  /** Each card of the channel whose burst began `burstMs` ago or more gets its one thread reply. */
  const postBursts = async (channel: string, now: Date): Promise<PostResult<unknown>> => {
    // A paused channel keeps its bursts until it is resumed.
    if (realtimeOf(channel).length === 0) return { ok: true, value: undefined };
    const due = store.read().cards.filter((c) => c.channel === channel && burstDue(c, now, burstMs));
    for (const card of due) {
      if (stopped) break;
      const ids = card.pending ?? [];
      const first = Math.min(...ids);
      const events = (await store.eventsSince(first - 1, { program: card.program })).filter((e) =>
        ids.includes(e.id),
      );
      const subs = realtimeOf(channel).filter((s) => coversProgram(store.read(), s, card.program));
      const { digest, o } = viewOf(channel, card.program, events, subs);
      if (digest.changes.length > 0) {
        const replied = await poster.post(channel, buildCardBurstReply(digest.changes, o), card.ts);
        if (!replied.ok) return replied;
      }
      await mutate(
        (s) => ok({ state: clearPending(s, card, ids), events: [], value: undefined }),
        `the thread reply of ${card.program} in ${channel}`,
      );
    }
    return { ok: true, value: undefined };
  };

  /** Everything a realtime channel has not been shown yet, oldest first; stops at the first failure. */
  const flushChannel = async (channel: string, now: Date): Promise<void> => {
    for (;;) {
      const subs = realtimeOf(channel);
      const through = store.lastEventId();
      const from = subs.length === 0 ? through : Math.min(...subs.map((s) => s.watermark));
      if (from >= through) break;
      const events = (await store.eventsSince(from)).filter((e) => e.id <= through);
      for (const event of events) {
        if (stopped) return;
        const covering = subs.filter((s) => s.watermark < event.id && reports(s, event));
        if (covering.length === 0) continue;
        const result = await showChange(channel, event, covering);
        if (!result.ok) {
          await handleFailure(channel, result.failure);
          return;
        }
      }
      // Events no subscription of the channel reports are passed over in one step.
      await mutate(advance(channel, through), `the watermark of ${channel}`);
    }
    const bursts = await postBursts(channel, now);
    if (!bursts.ok) await handleFailure(channel, bursts.failure);
  };

  /** The active realtime channels with a card whose burst is due at `now`. */
  const burstsDue = (state: State, now: Date): Set<string> => {
    const due = new Set(state.cards.filter((c) => burstDue(c, now, burstMs)).map((c) => c.channel));
    const active = state.subscriptions.filter((s) => s.cadence === 'realtime' && s.paused === undefined);
    return new Set(active.map((s) => s.channel).filter((channel) => due.has(channel)));
  };

  const flushRealtime = async (now: Date = deps.clock()): Promise<void> => {
    const through = store.lastEventId();
    seenEventId = through;
    const state = store.read();
    const channels = new Set([
      ...state.subscriptions
        .filter((s) => s.cadence === 'realtime' && s.paused === undefined && s.watermark < through)
        .map((s) => s.channel),
      ...burstsDue(state, now),
    ]);
    await Promise.all(
      [...channels].map((channel) =>
        lanes
          .runCoalesced(channel, () => flushChannel(channel, now))
          .catch((error: unknown) => {
            logger.error(`channels: realtime posts in ${channel} failed: ${describe(error)}`);
          }),
      ),
    );
  };

  const tick = (): void => {
    // One voice: on replicas, only the leader posts what is due (watermarks in the store say what is).
    if (stopped || ticking !== undefined || !leadership.isLeader()) return;
    ticking = Promise.all([
      runDueDigests(),
      flushRealtime(),
      homes.refresh(),
      ...(scheduleReminders ? [reminders.runDue()] : []),
    ])
      .catch((error: unknown) => logger.error(`channels: tick failed: ${describe(error)}`))
      .finally(() => {
        ticking = undefined;
      });
  };

  return {
    start() {
      if (stopped || timers.length > 0) return;
      // A replica that becomes the leader posts what is due at once, not at its next tick.
      leadership.onChange((leader) => {
        if (leader) tick();
      });
      tick();
      timers.push(setInterval(tick, options.tickMs ?? 30_000));
      timers.push(
        setInterval(() => {
          // Only the leader posts (and republishes Homes); cheap checks: a new event, a burst whose
          // minute has passed, or a Home waiting for its minute.
          if (stopped || !leadership.isLeader()) return;
          const now = deps.clock();
          const fresh = store.lastEventId() !== seenEventId;
          if (fresh || burstsDue(store.read(), now).size > 0) void flushRealtime(now);
          if (fresh || homes.waiting().length > 0) void homes.refresh(now);
        }, options.realtimePollMs ?? 500),
      );
      for (const timer of timers) timer.unref();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      poster.close();
      homes.close();
      await ticking;
      await lanes.idle();
    },
    runDueDigests,
    flushRealtime,
    refreshHomes: (now) => homes.refresh(now),
    runDueReminders: (now?: Date) => reminders.runDue(now),
    idle: () => lanes.idle(),
  };
};
