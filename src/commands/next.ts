import { clearNextStep, setNextStep } from '../domain/follow.js';
import type { Localized } from '../i18n/common.js';
import type { Subcommand } from '../shell/deps.js';
import { changeCtx, leadingDay, openPledgeChange, withChanged } from '../shell/follow-args.js';
import { warningMessage } from '../views/blocks.js';
import { nextStepMessage } from '../views/follow.js';

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin next <pledge-id> <YYYY-MM-DD> <what…>', '/winwin next <pledge-id> done'],
  ko: ['/winwin next <출연-ID> <YYYY-MM-DD> <할 일…>', '/winwin next <출연-ID> done'],
};

const MISSING: Localized = {
  en: "Give the pledge, a date and the step, e.g. /winwin next P9 2026-12-15 call Coupang's CFO.",
  ko: '출연 ID, 날짜, 할 일을 쓰세요. 예: /winwin next P9 2026-12-15 쿠팡 CFO와 통화.',
};

const DONE = new Set(['done', '완료']);

/**
 * `/winwin next <pledge-id> <date> <what…>` sets the next step (dates: ISO, `12/15`, `12월 15일`,
 * `tomorrow`, `+7d`); `/winwin next <pledge-id> done` clears it.
 */
export const nextCommand: Subcommand = {
  name: 'next',
  aliases: ['다음'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: 'set the next step and its date (also 12/15, 12월 15일, tomorrow, +7d), or mark it done',
    ko: '다음 단계와 기한 설정 (12/15, 12월 15일, 내일, +7d도 가능), 또는 완료 처리',
  },
  async run(ctx) {
    const opened = await openPledgeChange(ctx, USAGE, MISSING);
    if (opened === undefined) return;
    const { id, tokens, fail } = opened;
    const domainCtx = changeCtx(ctx);
    if (tokens.length === 1 && DONE.has((tokens[0] ?? '').toLowerCase())) {
      const result = await ctx.deps.store.mutate((state) => withChanged(clearNextStep(state, id, domainCtx)));
      if (!result.ok) return fail(result.error);
      return ctx.reply(nextStepMessage(result.value.value, result.value.changed, ctx.locale));
    }
    const day = leadingDay(tokens, domainCtx.today ?? '', 'next');
    if (!day.ok) return fail(day.error);
    const what = day.value.rest.join(' ');
    if (what.trim() === '') return ctx.reply(warningMessage(MISSING[ctx.locale], USAGE[ctx.locale]));
    const result = await ctx.deps.store.mutate((state) =>
      withChanged(setNextStep(state, id, day.value.date, what, domainCtx)),
    );
    if (!result.ok) return fail(result.error);
    await ctx.reply(nextStepMessage(result.value.value, result.value.changed, ctx.locale));
  },
};
