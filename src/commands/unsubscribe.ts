import { unsubscribe } from '../domain/subscriptions.js';
import type { Subcommand } from '../shell/deps.js';
import { errorReply } from '../views/error-text.js';
import { buildSubscriptionProblem, buildUnsubscribedMessage } from '../views/subscriptions.js';

export const unsubscribeCommand: Subcommand = {
  name: 'unsubscribe',
  aliases: ['구독해지'],
  usage: { en: '/winwin unsubscribe <target|all>', ko: '/winwin unsubscribe <대상|all>' },
  summary: { en: 'this channel stops following a target (editors)', ko: '이 채널의 구독 해지 (편집자)' },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const target = ctx.args.join(' ').trim();
    if (target === '') return ctx.reply(buildSubscriptionProblem({ kind: 'unsubscribeUsage' }, ctx.locale));
    const result = await ctx.deps.store.mutate((state) => unsubscribe(state, ctx.channel, target));
    if (!result.ok) {
      const { error } = result;
      if (error.code === 'SUBSCRIPTION.UNKNOWN') {
        const { subscribed } = error.details;
        return ctx.reply(buildSubscriptionProblem({ kind: 'notSubscribed', target, subscribed }, ctx.locale));
      }
      return ctx.reply(errorReply(error, ctx.locale));
    }
    await ctx.reply(buildUnsubscribedMessage(result.value, ctx.locale));
  },
};
