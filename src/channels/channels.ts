import { webApi } from '@slack/bolt';
import type { Mutation } from '../domain/change.js';
import { isoDateIn } from '../domain/dates.js';
import { buildDigest } from '../domain/digest.js';
import { ok } from '../domain/result.js';
import { type DigestSchedule, isDue } from '../domain/schedule.js';
import {
  advanceRealtime,
  cardOf,
  covers,
  eventFilterFor,
  markReported,
  pauseChannel,
  saveCard,
} from '../domain/subscriptions.js';
import type { State, Subscription, WinwinEvent } from '../domain/types.js';
import { type Leadership, SOLE_LEADER } from '../leadership.js';
import type { Deps } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { buildCardReply, buildProgramCard } from '../views/card.js';
import { buildDigestMessage, digestTitle, undisclosedLabel } from '../views/digest.js';
import { buildChannelPausedNotice } from '../views/subscriptions.js';
import { notifyAdmins } from './admin-notice.js';
import { Lanes } from './lanes.js';
import { abortableSleep, ChannelPoster, type PostResult } from './poster.js';

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
  /** The Web API client; by default one of our own that reports 429s instead of sleeping on them. */
  readonly client?: webApi.WebClient;
  /** Scheduled work runs only while this replica leads (default: the sole process always does). */
  readonly leadership?: Leadership;
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
  /** Posts every realtime change not posted yet. */
  flushRealtime(): Promise<void>;
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
  });
  const lanes = new Lanes();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let ticking: Promise<unknown> | undefined;
  let seenEventId = -1;
  const leadership = options.leadership ?? SOLE_LEADER;

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
    const events = (await store.eventsSince(sub.watermark, eventFilterFor(state, sub.target))).filter(
      (e) => e.id <= through,
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
    if (digest.changes.length === 0) {
      await mutate(mark, `the quiet digest of ${key}`);
      return 'quiet';
    }
    const message = buildDigestMessage({
      digest,
      pledges: state.pledges,
      audience,
      locale,
      timeZone: schedule.tz,
      kind: sub.cadence === 'weekly' ? 'weekly' : 'daily',
      title: digestTitle(state, sub.target, locale),
      since: sub.lastDigestAt ?? sub.createdAt,
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

  /** Posts one change in a realtime channel: a new card, or a thread reply plus an edit of the card. */
  const postChange = async (
    channel: string,
    event: WinwinEvent,
    subs: readonly Subscription[],
  ): Promise<PostResult<unknown>> => {
    const nothing = { ok: true, value: undefined } as const;
    const snapshot = store.snapshot();
    const { state } = snapshot;
    const program = event.program;
    if (program === undefined) return nothing;
    const audience = { role: 'viewer' as const, channelNames: subs.every((s) => s.detail === 'names') };
    const digest = buildDigest({
      state,
      target: program,
      events: [event],
      audience,
      today: isoDateIn(deps.clock(), deps.zone),
      undisclosedLabel: label,
      groups: deps.derived.pledgeGroups(snapshot),
      names: deps.derived.confidentialNames(snapshot, audience),
    });
    const [change] = digest.changes;
    const [standing] = digest.programs;
    if (change === undefined || standing === undefined) return nothing;
    const o = { pledges: state.pledges, audience, locale, timeZone: schedule.tz };
    const card = buildProgramCard({ ...o, program: standing, latest: change });
    const existing = cardOf(state, channel, program);
    if (existing === undefined) {
      const posted = await poster.post(channel, card);
      if (!posted.ok) return posted;
      await mutate(
        (s) =>
          ok({
            state: advanceRealtime(saveCard(s, { channel, program, ts: posted.value.ts }), channel, event.id),
            events: [],
            value: undefined,
          }),
        `the card of ${program} in ${channel}`,
      );
      return posted;
    }
    const replied = await poster.post(channel, buildCardReply(change, o), existing.ts);
    if (!replied.ok) return replied;
    await mutate(
      (s) => ok({ state: advanceRealtime(s, channel, event.id), events: [], value: undefined }),
      `the watermark of ${channel}`,
    );
    const updated = await poster.update(channel, existing.ts, card);
    if (!updated.ok) {
      // The reply is in the thread; a stale card is fixed by the next change's edit.
      logger.warn(
        `channels: could not update the card of ${program} in ${channel} (${updated.failure.error})`,
      );
    }
    return replied;
  };

  /** Everything a realtime channel has not been shown yet, oldest first; stops at the first failure. */
  const flushChannel = async (channel: string): Promise<void> => {
    for (;;) {
      const subs = store
        .read()
        .subscriptions.filter((s) => s.channel === channel && s.cadence === 'realtime' && !s.paused);
      if (subs.length === 0) return;
      const through = store.lastEventId();
      const from = Math.min(...subs.map((s) => s.watermark));
      if (from >= through) return;
      const events = (await store.eventsSince(from)).filter((e) => e.id <= through);
      for (const event of events) {
        if (stopped) return;
        const covering = subs.filter((s) => s.watermark < event.id && covers(s, event));
        if (covering.length === 0) continue;
        const result = await postChange(channel, event, covering);
        if (!result.ok) {
          await handleFailure(channel, result.failure);
          return;
        }
      }
      // Events no subscription of the channel covers are passed over in one step.
      await mutate(
        (s) => ok({ state: advanceRealtime(s, channel, through), events: [], value: undefined }),
        `the watermark of ${channel}`,
      );
    }
  };

  const flushRealtime = async (): Promise<void> => {
    const through = store.lastEventId();
    seenEventId = through;
    const channels = new Set(
      store
        .read()
        .subscriptions.filter((s) => s.cadence === 'realtime' && !s.paused && s.watermark < through)
        .map((s) => s.channel),
    );
    await Promise.all(
      [...channels].map((channel) =>
        lanes
          .runCoalesced(channel, () => flushChannel(channel))
          .catch((error: unknown) => {
            logger.error(`channels: realtime posts in ${channel} failed: ${describe(error)}`);
          }),
      ),
    );
  };

  const tick = (): void => {
    // One voice: on replicas, only the leader posts what is due (watermarks in the store say what is).
    if (stopped || ticking !== undefined || !leadership.isLeader()) return;
    ticking = Promise.all([runDueDigests(), flushRealtime()])
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
          // O(1) check: only a new event can need a realtime post.
          if (!stopped && leadership.isLeader() && store.lastEventId() !== seenEventId) void flushRealtime();
        }, options.realtimePollMs ?? 500),
      );
      for (const timer of timers) timer.unref();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      poster.close();
      await ticking;
      await lanes.idle();
    },
    runDueDigests,
    flushRealtime,
    idle: () => lanes.idle(),
  };
};
