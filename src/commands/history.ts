import { GuaranteeIdSchema, PledgeIdSchema } from '../domain/types.js';
import type { Subcommand } from '../shell/deps.js';
import { eventFilterOf, resolveStatusTarget } from '../shell/status-reply.js';
import type { EventFilter } from '../storage/store.js';
import { errorReply } from '../views/error-text.js';
import { buildHistoryMessage, buildHistoryUsage, historyStrings } from '../views/history.js';

export const HISTORY_DEFAULT = 10;
export const HISTORY_MAX = 50;

/**
 * `/winwin history [<target>] [<n>]`: a lone number is the count; the target may be a sector, a
 * program or a pledge id (P7). Counts above the maximum show the maximum and say so.
 */
export const historyCommand: Subcommand = {
  name: 'history',
  aliases: ['이력'],
  usage: { en: '/winwin history [<target>] [<n>]', ko: '/winwin history [<대상>] [<개수>]' },
  summary: {
    en: `the last n changes (default ${HISTORY_DEFAULT}): when, who, before → after`,
    ko: `최근 변경 n건 (기본 ${HISTORY_DEFAULT}건): 언제, 누가, 변경 전 → 후`,
  },
  async run(ctx) {
    const s = historyStrings[ctx.locale];
    const args = [...ctx.args];
    if (args.length > 2) {
      await ctx.reply(buildHistoryUsage(ctx.locale));
      return;
    }
    const last = args.at(-1);
    const countText =
      last !== undefined && (args.length === 2 || /^[+-]?\d+$/.test(last)) ? args.pop() : undefined;
    let limit = HISTORY_DEFAULT;
    if (countText !== undefined) {
      const n = /^\d{1,6}$/.test(countText) ? Number(countText) : Number.NaN;
      if (!Number.isInteger(n) || n < 1) {
        await ctx.reply(buildHistoryUsage(ctx.locale, s.badCount(countText, HISTORY_MAX)));
        return;
      }
      limit = n;
    }
    const capped = limit > HISTORY_MAX;
    limit = Math.min(limit, HISTORY_MAX);

    const state = ctx.deps.store.read();
    const targetText = args[0] ?? '';
    let filter: EventFilter;
    let scope: string;
    const pledgeId = targetText.trim().toUpperCase();
    // A pledge id (P7) or a guarantee id (G7): that record's own history.
    if (PledgeIdSchema.safeParse(pledgeId).success || GuaranteeIdSchema.safeParse(pledgeId).success) {
      filter = { target: pledgeId };
      scope = pledgeId;
    } else {
      const target = resolveStatusTarget(state, targetText);
      if (!target.ok) {
        await ctx.reply(errorReply(target.error, ctx.locale));
        return;
      }
      filter = eventFilterOf(target.value);
      scope =
        target.value === 'all'
          ? 'all'
          : target.value.kind === 'program'
            ? target.value.program.slug
            : target.value.sector.name;
    }
    const events = await ctx.deps.store.recentEvents(limit, filter);
    await ctx.reply(
      buildHistoryMessage({
        events,
        scope,
        audience: { role: ctx.role, user: ctx.user },
        pledges: state.pledges,
        locale: ctx.locale,
        timeZone: ctx.deps.config.tz,
        ...(capped ? { note: s.capped(HISTORY_MAX) } : {}),
      }),
    );
  },
};
