import { isoDateIn } from '../domain/dates.js';
import { buildDigest } from '../domain/digest.js';
import { ALL, channelSubscriptions, eventFilterFor, subscriptionTarget } from '../domain/subscriptions.js';
import type { WinwinEvent } from '../domain/types.js';
import type { Subcommand } from '../shell/deps.js';
import { buildDigestMessage, digestTitle, undisclosedLabel } from '../views/digest.js';
import { errorReply } from '../views/error-text.js';

const DAY_MS = 86_400_000;
/** How far back "the last 24 hours" looks at most; a busier day says so through the history command. */
const RECENT_LIMIT = 1000;

/**
 * `/winwin digest [<target|all>]`: the digest now, only for the requester. It covers what changed since
 * this channel's last digest of the target (or the last 24 hours when the channel has none), for the
 * requester's role: editors see every name, viewers see unsigned contributors as undisclosed.
 */
export const digestCommand: Subcommand = {
  name: 'digest',
  aliases: ['요약'],
  usage: { en: '/winwin digest [<target|all>]', ko: '/winwin digest [<대상|all>]' },
  summary: {
    en: "what changed since this channel's last digest (or 24 h), and where each program stands",
    ko: '이 채널의 마지막 요약(또는 24시간) 이후 변경 사항과 프로그램별 현황',
  },
  async run(ctx) {
    const { store, config } = ctx.deps;
    const state = store.read();
    const scheduled = channelSubscriptions(state, ctx.channel).filter((s) => s.cadence !== 'realtime');
    const typed = ctx.args.join(' ').trim();
    let target: string;
    if (typed !== '') {
      const resolved = subscriptionTarget(state, typed);
      if (!resolved.ok) return ctx.reply(errorReply(resolved.error, ctx.locale));
      target = resolved.value;
    } else {
      target = scheduled.length === 1 && scheduled[0] !== undefined ? scheduled[0].target : ALL;
    }
    const filter = eventFilterFor(state, target);
    const subscription = scheduled.find((s) => s.target === target);
    let events: WinwinEvent[];
    let since: string;
    if (subscription !== undefined) {
      since = subscription.lastDigestAt ?? subscription.createdAt;
      events = await store.eventsSince(subscription.watermark, filter);
    } else {
      since = new Date(ctx.now.getTime() - DAY_MS).toISOString();
      events = (await store.recentEvents(RECENT_LIMIT, filter)).filter((e) => e.at >= since).reverse();
    }
    const audience = { role: ctx.role };
    const digest = buildDigest({
      state,
      target,
      events,
      audience,
      today: isoDateIn(ctx.now, ctx.deps.zone),
      undisclosedLabel: undisclosedLabel(ctx.locale),
    });
    await ctx.reply(
      buildDigestMessage({
        digest,
        pledges: state.pledges,
        audience,
        locale: ctx.locale,
        timeZone: config.tz,
        kind: 'now',
        title: digestTitle(state, target, ctx.locale),
        since,
      }),
    );
  },
};
