import { can } from '../domain/permissions.js';
import { allSubscriptions, channelSubscriptions } from '../domain/subscriptions.js';
import type { ActionListener, Deps, Subcommand, WinwinContext } from '../shell/deps.js';
import { ephemeral } from '../views/blocks.js';
import { ACTIONS } from '../views/ids.js';
import {
  buildAllSubscriptions,
  buildChannelSubscriptions,
  buildSubscriptionProblem,
  type ListOptions,
} from '../views/subscriptions.js';

const listOptions = (deps: Deps, ctx: Pick<WinwinContext, 'locale'>): ListOptions => ({
  schedule: { time: deps.config.digestTime, tz: deps.config.tz },
  locale: ctx.locale,
  timeZone: deps.config.tz,
});

export const subscriptionsCommand: Subcommand = {
  name: 'subscriptions',
  aliases: ['구독목록'],
  usage: { en: '/winwin subscriptions [all]', ko: '/winwin subscriptions [all]' },
  summary: {
    en: "this channel's subscriptions; `all`: every channel's (admins)",
    ko: '이 채널의 구독 목록; `all`: 모든 채널 (관리자)',
  },
  async run(ctx) {
    const state = ctx.deps.store.read();
    const o = listOptions(ctx.deps, ctx);
    if (ctx.args[0]?.toLowerCase() !== 'all') {
      return ctx.reply(buildChannelSubscriptions(channelSubscriptions(state, ctx.channel), o));
    }
    if (!can(ctx.role, 'subscriptions.all')) {
      return ctx.reply(buildSubscriptionProblem({ kind: 'allNeedsAdmin' }, ctx.locale));
    }
    await ctx.reply(buildAllSubscriptions(allSubscriptions(state), 0, o));
  },
};

/** Previous / Next under `/winwin subscriptions all`: re-checks the role, redraws the page in place. */
export const subscriptionsPageAction: ActionListener = {
  actionId: ACTIONS.subscriptionsPage,
  async run(args, ctx) {
    await args.ack();
    const action = args.body.actions[0];
    const page = Number(action !== undefined && 'value' in action ? action.value : 0);
    const m = can(ctx.role, 'subscriptions.all')
      ? buildAllSubscriptions(
          allSubscriptions(ctx.deps.store.read()),
          Number.isInteger(page) && page >= 0 ? page : 0,
          listOptions(ctx.deps, ctx),
        )
      : buildSubscriptionProblem({ kind: 'allNeedsAdmin' }, ctx.locale);
    await args.respond({ ...ephemeral(m), replace_original: true });
  },
};
