import { isoDateIn } from '../domain/dates.js';
import { guaranteesOf, latestGuarantees } from '../domain/guarantees.js';
import { sectorUtilization, type UtilizationFigures } from '../domain/utilization.js';
import type { Localized } from '../i18n/common.js';
import type { Subcommand } from '../shell/deps.js';
import { resolveStatusTarget } from '../shell/status-reply.js';
import { warningMessage } from '../views/blocks.js';
import { errorReply } from '../views/error-text.js';
import { buildGuaranteeList } from '../views/guarantees.js';

export const GUARANTEES_DEFAULT = 10;
export const GUARANTEES_MAX = 50;

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin guarantees <target|all> [<n>]'],
  ko: ['/winwin guarantees <대상|all> [<개수>]'],
};

const TEXT: Localized<{ badCount: (given: string) => string }> = {
  en: { badCount: (given) => `"${given}" is not a count; give a whole number from 1 to ${GUARANTEES_MAX}.` },
  ko: {
    badCount: (given) => `"${given}"은(는) 개수가 아닙니다. 1부터 ${GUARANTEES_MAX}까지의 정수를 쓰세요.`,
  },
};

/**
 * `/winwin guarantees <target> [<n>]`: the utilization of a program, a sector or everything, and its
 * latest n guarantees (default 10, at most 50), newest first. Anyone may read it; suppliers are named
 * to editors and admins only.
 */
export const guaranteesCommand: Subcommand = {
  name: 'guarantees',
  aliases: ['보증목록'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: `guarantees issued and capacity used, with the latest n (default ${GUARANTEES_DEFAULT})`,
    ko: `발급된 보증과 한도 사용률, 최근 n건 (기본 ${GUARANTEES_DEFAULT}건)`,
  },
  async run(ctx) {
    const args = [...ctx.args];
    const last = args.at(-1);
    let limit = GUARANTEES_DEFAULT;
    if (last !== undefined && /^[+-]?\d+$/.test(last)) {
      const n = /^\d{1,6}$/.test(last) ? Number(last) : Number.NaN;
      if (!Number.isInteger(n) || n < 1)
        return ctx.reply(warningMessage(TEXT[ctx.locale].badCount(last), USAGE[ctx.locale]));
      limit = Math.min(n, GUARANTEES_MAX);
      args.pop();
    }
    const snapshot = ctx.deps.derived.snapshot();
    const state = snapshot.state;
    const target = resolveStatusTarget(state, args.join(' '));
    if (!target.ok) return ctx.reply(errorReply(target.error, ctx.locale));
    const standing = ctx.deps.derived.standing(snapshot, target.value, isoDateIn(ctx.now, ctx.deps.zone));
    let slugs: Set<string>;
    let utilization: UtilizationFigures;
    let name: string;
    if (standing.kind === 'program') {
      slugs = new Set([standing.program.program.slug]);
      utilization = standing.program.utilization;
      name = standing.program.program.slug;
    } else if (standing.kind === 'sector') {
      slugs = new Set(standing.sector.programs.map((p) => p.program.slug));
      utilization = standing.sector.utilization;
      name = standing.sector.sector.name;
    } else {
      slugs = new Set(state.programs.map((p) => p.slug));
      utilization = sectorUtilization(
        'all',
        standing.sectors.flatMap((s) => s.utilization.programs),
      );
      name = 'all';
    }
    const total = guaranteesOf(state).filter((g) => slugs.has(g.program)).length;
    await ctx.reply(
      buildGuaranteeList({
        target: name,
        guarantees: latestGuarantees(state, (slug) => slugs.has(slug), limit),
        total,
        utilization,
        manyPrograms: slugs.size > 1,
        audience: { role: ctx.role },
        locale: ctx.locale,
      }),
    );
  },
};
