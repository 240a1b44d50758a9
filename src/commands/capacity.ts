import { parseAmount } from '../domain/amount.js';
import { programCapacity, sectorCapacity, whatIf } from '../domain/capacity.js';
import { knownTargets, resolveTarget } from '../domain/targets.js';
import type { Subcommand } from '../shell/deps.js';
import { buildCapacityMessage, buildCapacityUsage } from '../views/capacity.js';
import { errorReply } from '../views/error-text.js';

/**
 * `/winwin capacity <target> [<amount>]`. The amount may be one token or several (`5 억`, or quoted
 * `"1조 2,630억"`): everything after the target is read as one amount. An extra amount needs one
 * program, so a sector of several programs asks which.
 */
export const capacityCommand: Subcommand = {
  name: 'capacity',
  aliases: ['보증규모'],
  usage: { en: '/winwin capacity <target> [<amount>]', ko: '/winwin capacity <대상> [<금액>]' },
  summary: {
    en: 'capacity now, with an extra contribution, and what is still needed',
    ko: '현재 보증 규모, 추가 출연 시 규모, 추가로 필요한 출연금',
  },
  async run(ctx) {
    const state = ctx.deps.store.read();
    const [targetText, ...rest] = ctx.args;
    if (targetText === undefined || targetText.trim() === '') {
      await ctx.reply(buildCapacityUsage(knownTargets(state).all, ctx.locale));
      return;
    }
    const target = resolveTarget(state, targetText);
    if (!target.ok) {
      await ctx.reply(errorReply(target.error, ctx.locale));
      return;
    }
    const amountText = rest.join(' ').trim();
    const extra = amountText === '' ? undefined : parseAmount(amountText);
    if (extra !== undefined && !extra.ok) {
      await ctx.reply(errorReply(extra.error, ctx.locale));
      return;
    }
    const t = target.value;
    if (t.kind === 'program') {
      const program = t.program;
      await ctx.reply(
        buildCapacityMessage(
          {
            kind: 'program',
            program,
            capacity: programCapacity(program, state.pledges),
            ...(extra === undefined ? {} : { whatIf: whatIf(program, state.pledges, extra.value) }),
          },
          ctx.locale,
        ),
      );
      return;
    }
    if (extra !== undefined && t.programs.length > 0) {
      const slugs = t.programs.map((p) => p.slug);
      await ctx.reply(
        errorReply(
          {
            code: 'TARGET.AMBIGUOUS',
            details: { sector: t.sector.name, programs: slugs },
          },
          ctx.locale,
        ),
      );
      return;
    }
    await ctx.reply(
      buildCapacityMessage(
        {
          kind: 'sector',
          sector: t.sector,
          capacity: sectorCapacity(t.sector, t.programs, state.pledges),
          programs: t.programs,
        },
        ctx.locale,
      ),
    );
  },
};
