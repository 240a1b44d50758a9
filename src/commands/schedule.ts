import { isoDateIn } from '../domain/dates.js';
import { overdueInstallments, setSchedule } from '../domain/payments.js';
import type { Localized } from '../i18n/common.js';
import type { Subcommand } from '../shell/deps.js';
import { changeCtx, openPledgeChange, parseInstallments, withChanged } from '../shell/follow-args.js';
import { scheduleMessage } from '../views/follow.js';

const USAGE: Localized<readonly string[]> = {
  en: [
    '/winwin schedule <pledge-id> <amount> <YYYY-MM-DD> [<amount> <YYYY-MM-DD> …]',
    '/winwin schedule <pledge-id> none',
  ],
  ko: [
    '/winwin schedule <출연-ID> <금액> <YYYY-MM-DD> [<금액> <YYYY-MM-DD> …]',
    '/winwin schedule <출연-ID> none',
  ],
};

const MISSING: Localized = {
  en: 'Give the pledge and its installments, e.g. /winwin schedule P9 150억 2026-01-30.',
  ko: '출연 ID와 납입 일정을 쓰세요. 예: /winwin schedule P9 150억 2026-01-30.',
};

const CLEAR = new Set(['none', 'clear', '없음']);

/** `/winwin schedule <pledge-id> <amount> <date> …`: the expected installments, replacing the old ones. */
export const scheduleCommand: Subcommand = {
  name: 'schedule',
  aliases: ['일정'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: 'set the expected installments (replaces the schedule; the sum may not exceed the pledge)',
    ko: '납입 예정 일정 설정 (기존 일정을 대체, 합계는 출연액 이하)',
  },
  async run(ctx) {
    const opened = await openPledgeChange(ctx, USAGE, MISSING);
    if (opened === undefined) return;
    const { id, tokens, fail } = opened;
    const today = isoDateIn(ctx.now, ctx.deps.zone);
    const clearing = tokens.length === 1 && CLEAR.has((tokens[0] ?? '').toLowerCase());
    const items = clearing ? { ok: true as const, value: [] } : parseInstallments(tokens, today);
    if (!items.ok) return fail(items.error);
    const result = await ctx.deps.store.mutate((state) =>
      withChanged(setSchedule(state, id, items.value, changeCtx(ctx))),
    );
    if (!result.ok) return fail(result.error);
    const pledge = result.value.value;
    await ctx.reply(
      scheduleMessage({
        pledge,
        changed: result.value.changed,
        overdue: overdueInstallments(pledge, today),
        locale: ctx.locale,
      }),
    );
  },
};
