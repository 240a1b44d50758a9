import { isoDateIn } from '../domain/dates.js';
import { myFollowUps } from '../domain/follow.js';
import type { Subcommand } from '../shell/deps.js';
import { mineMessage } from '../views/follow.js';

/**
 * `/winwin mine`: the pledges I own that need attention — next steps by date (overdue first),
 * installments due in the next 14 days or overdue, talks with no change for 30 days.
 */
export const mineCommand: Subcommand = {
  name: 'mine',
  aliases: ['내것'],
  usage: { en: '/winwin mine', ko: '/winwin mine' },
  summary: {
    en: 'my follow-ups: next steps, installments due within 14 days or overdue, talks stale for 30 days',
    ko: '내 후속 조치: 다음 단계, 14일 내 또는 연체된 납입, 30일간 변동 없는 협의',
  },
  async run(ctx) {
    const tz = ctx.deps.zone;
    const today = isoDateIn(ctx.now, tz);
    const items = myFollowUps(ctx.deps.store.read(), ctx.user, today, (iso) => isoDateIn(new Date(iso), tz));
    await ctx.reply(mineMessage(items, today, ctx.locale));
  },
};
