import { isoDateIn } from '../domain/dates.js';
import { issueGuarantee } from '../domain/guarantees.js';
import type { DomainError } from '../domain/result.js';
import type { Localized } from '../i18n/common.js';
import { splitAmount } from '../shell/amount-args.js';
import { committedUtilization } from '../shell/committed-program.js';
import type { CommandContext, Subcommand } from '../shell/deps.js';
import { warningMessage } from '../views/blocks.js';
import { usageErrorReply } from '../views/error-text.js';
import { guaranteeIssuedMessage } from '../views/guarantees.js';
import { resolveProgram } from './modals/resolve.js';

/**
 * `/winwin guarantee <program> <amount> <supplier…> [on:<YYYY-MM-DD>]` (editors): records a guarantee
 * K-sure issued against a program, dated today in WINWIN_TZ unless `on:` says otherwise.
 */

export const GUARANTEE_USAGE: Localized<readonly string[]> = {
  en: ['/winwin guarantee <program> <amount> <supplier…> [on:<YYYY-MM-DD>]'],
  ko: ['/winwin guarantee <프로그램> <금액> <업체명…> [on:<YYYY-MM-DD>]'],
};

const TEXT: Localized<{ missing: string }> = {
  en: {
    missing:
      'Name the program, the amount and the supplier, e.g. /winwin guarantee autos-hyundai 20억 DY Auto.',
  },
  ko: { missing: '프로그램, 금액, 업체명을 쓰세요. 예: /winwin guarantee autos-hyundai 20억 DY Auto.' },
};

export const guaranteeCommand: Subcommand = {
  name: 'guarantee',
  aliases: ['보증'],
  usage: { en: GUARANTEE_USAGE.en.join('\n'), ko: GUARANTEE_USAGE.ko.join('\n') },
  summary: {
    en: 'record a guarantee K-sure issued against a program (the first launches an announced program)',
    ko: '프로그램에 대해 무역보험공사가 발급한 보증 기록 (첫 보증이면 협약 발표 프로그램이 보증 개시로 바뀜)',
  },
  options: ['on'],
  async run(ctx: CommandContext) {
    if (!(await ctx.require('editor'))) return;
    const usage = GUARANTEE_USAGE[ctx.locale];
    const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, usage));
    const [target, ...rest] = ctx.args;
    if (target === undefined || rest.length < 2)
      return ctx.reply(warningMessage(TEXT[ctx.locale].missing, usage));
    const program = resolveProgram(ctx.deps.store.read(), target);
    if (!program.ok) return fail(program.error);
    const split = splitAmount(rest);
    if (!split.ok) return fail(split.error);
    const input = {
      program: program.value.slug,
      supplier: split.value.rest.join(' '),
      amount: split.value.amount,
      issuedOn: ctx.options.on ?? isoDateIn(ctx.now, ctx.deps.config.tz),
    };
    const domainCtx = { actor: ctx.user, now: ctx.now };
    const result = await ctx.deps.store.mutate((state) => issueGuarantee(state, input, domainCtx));
    if (!result.ok) return fail(result.error);
    const after = committedUtilization(
      ctx.deps.store.read(),
      result.value.guarantee.program,
      isoDateIn(ctx.now, ctx.deps.config.tz),
    );
    if (!after.ok) return fail(after.error);
    await ctx.reply(guaranteeIssuedMessage({ issued: [result.value], ...after.value, locale: ctx.locale }));
  },
};
