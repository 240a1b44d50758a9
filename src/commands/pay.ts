import { isoDateIn } from '../domain/dates.js';
import { balanceOf, paidIn, recordPayment } from '../domain/payments.js';
import type { Localized } from '../i18n/common.js';
import { leadingAmount } from '../shell/amount-args.js';
import type { Subcommand } from '../shell/deps.js';
import { leadingDay, openPledgeChange } from '../shell/follow-args.js';
import { paymentRecordedMessage } from '../views/follow.js';

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin pay <pledge-id> <amount> [on:<YYYY-MM-DD>] [note…]'],
  ko: ['/winwin pay <출연-ID> <금액> [on:<YYYY-MM-DD>] [메모…]'],
};

const MISSING: Localized = {
  en: 'Say which pledge and how much, e.g. /winwin pay P9 150억 on:2026-01-15.',
  ko: '어느 출연에 얼마를 납입했는지 쓰세요. 예: /winwin pay P9 150억 on:2026-01-15.',
};

/** `/winwin pay <pledge-id> <amount> [on:<date>] [note…]`: money paid into the fund. */
export const payCommand: Subcommand = {
  name: 'pay',
  aliases: ['납입'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: 'record money paid in (default date: today); reaching the amount makes the pledge paid',
    ko: '출연금 납입 기록 (기본 날짜: 오늘). 출연액에 이르면 출연 완료가 됨',
  },
  options: ['on'],
  async run(ctx) {
    const opened = await openPledgeChange(ctx, USAGE, MISSING);
    if (opened === undefined) return;
    const { id, tokens, fail } = opened;
    const today = isoDateIn(ctx.now, ctx.deps.zone);
    const split = leadingAmount(tokens);
    if (!split.ok) return fail(split.error);
    let on: string | undefined;
    if (ctx.options.on !== undefined) {
      const day = leadingDay([ctx.options.on], today, 'on');
      if (!day.ok) return fail(day.error);
      on = day.value.date;
    }
    const note = split.value.rest.join(' ').trim();
    const domainCtx = { actor: ctx.user, now: ctx.now, today };
    const result = await ctx.deps.store.mutate((state) =>
      recordPayment(
        state,
        id,
        {
          amount: split.value.amount,
          ...(on === undefined ? {} : { on }),
          ...(note === '' ? {} : { note }),
        },
        domainCtx,
      ),
    );
    if (!result.ok) return fail(result.error);
    const { pledge, payment } = result.value;
    await ctx.reply(
      paymentRecordedMessage({
        pledge,
        payment,
        paidIn: paidIn(pledge),
        balance: balanceOf(pledge),
        becamePaid: pledge.status === 'paid' && balanceOf(pledge).isZero(),
        locale: ctx.locale,
      }),
    );
  },
};
