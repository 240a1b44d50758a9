import { isoDateIn } from '../domain/dates.js';
import { getGuarantee, setGuaranteeStatus } from '../domain/guarantees.js';
import { changePledgeStatus } from '../domain/payments.js';
import { correctPledge, getPledge } from '../domain/pledges.js';
import { getProgram, setProgramStatus } from '../domain/programs.js';
import { type DomainError, ok } from '../domain/result.js';
import { GUARANTEE_STATUSES, PLEDGE_STATUSES, PROGRAM_STATUSES } from '../domain/types.js';
import {
  GUARANTEE_STATUS_LABELS,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
} from '../i18n/common.js';
import { splitAmount } from '../shell/amount-args.js';
import { committedProgram, committedUtilization } from '../shell/committed-program.js';
import type { CommandContext, Subcommand } from '../shell/deps.js';
import { changeCtx } from '../shell/follow-args.js';
import { warningMessage } from '../views/blocks.js';
import { pledgeCorrectedMessage, pledgeStatusMessage, programStatusMessage } from '../views/confirmations.js';
import { aboutSubject, usageErrorReply } from '../views/error-text.js';
import { guaranteeStatusMessage } from '../views/guarantees.js';
import { codeFromWord } from './modals/choices.js';
import { resolveProgram } from './modals/resolve.js';

const USAGE: Localized<readonly string[]> = {
  en: [
    '/winwin set <pledge-id> <status> [reason…]',
    '/winwin set <pledge-id> amount <amount> <reason…>',
    '/winwin set <program> <status> [reason…]',
    '/winwin set <guarantee-id> repaid|expired|cancelled [reason…]',
  ],
  ko: [
    '/winwin set <출연-ID> <상태> [사유…]',
    '/winwin set <출연-ID> amount <금액> <사유…>',
    '/winwin set <프로그램> <상태> [사유…]',
    '/winwin set <보증-ID> repaid|expired|cancelled [사유…]',
  ],
};

const TEXT: Localized<{ missing: string; needsReason: string }> = {
  en: {
    missing: 'Say what to change and to what, e.g. /winwin set P7 suspended data leak.',
    needsReason: 'A correction needs a reason, e.g. /winwin set P7 amount 25억 figure confirmed by the bank.',
  },
  ko: {
    missing: '무엇을 어떻게 바꿀지 쓰세요. 예: /winwin set P7 suspended 개인정보 유출.',
    needsReason: '정정에는 사유가 필요합니다. 예: /winwin set P7 amount 25억 은행 확인 금액.',
  },
};

const PLEDGE_ID = /^p[1-9]\d{0,8}$/i;
const GUARANTEE_ID = /^g[1-9]\d{0,8}$/i;

const setGuarantee = async (ctx: CommandContext, id: string, word: string, rest: readonly string[]) => {
  const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
  const domainCtx = { actor: ctx.user, now: ctx.now };
  const reason = rest.join(' ').trim() === '' ? undefined : rest.join(' ');
  const to = codeFromWord(word, GUARANTEE_STATUSES, GUARANTEE_STATUS_LABELS) ?? word;
  const result = await ctx.deps.store.mutate((state) => {
    const before = getGuarantee(state, id);
    if (!before.ok) return before;
    const changed = setGuaranteeStatus(state, id, to, reason, domainCtx);
    if (!changed.ok) return changed;
    return ok({ ...changed.value, value: { guarantee: changed.value.value, from: before.value.status } });
  });
  if (!result.ok) return fail(aboutSubject(result.error, id));
  const today = isoDateIn(ctx.now, ctx.deps.config.tz);
  const after = committedUtilization(ctx.deps.store.read(), result.value.guarantee.program, today);
  if (!after.ok) return fail(after.error);
  await ctx.reply(
    guaranteeStatusMessage({
      ...result.value,
      utilization: after.value.utilization,
      locale: ctx.locale,
      ...(reason === undefined ? {} : { reason }),
    }),
  );
};
const AMOUNT_WORDS = ['amount', '금액'];

const setPledge = async (ctx: CommandContext, id: string, word: string, rest: readonly string[]) => {
  const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
  const domainCtx = changeCtx(ctx);
  const known = getPledge(ctx.deps.store.read(), id);
  if (!known.ok) return fail(known.error);
  const reason = rest.join(' ').trim() === '' ? undefined : rest.join(' ');
  const to = codeFromWord(word, PLEDGE_STATUSES, PLEDGE_STATUS_LABELS) ?? word;
  const result = await ctx.deps.store.mutate((state) => {
    const before = getPledge(state, id);
    if (!before.ok) return before;
    const changed = changePledgeStatus(state, id, to, reason, domainCtx);
    if (!changed.ok) return changed;
    return ok({ ...changed.value, value: { pledge: changed.value.value, from: before.value.status } });
  });
  if (!result.ok) return fail(aboutSubject(result.error, known.value.id));
  const after = committedProgram(ctx.deps.derived, result.value.pledge.program);
  if (!after.ok) return fail(after.error);
  await ctx.reply(
    pledgeStatusMessage({
      ...result.value,
      ...after.value,
      locale: ctx.locale,
      ...(reason === undefined ? {} : { reason }),
    }),
  );
};

const correctAmount = async (ctx: CommandContext, id: string, tokens: readonly string[]) => {
  const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
  const split = splitAmount(tokens);
  if (!split.ok) return fail(split.error);
  const reason = split.value.rest.join(' ');
  if (reason.trim() === '') return ctx.reply(warningMessage(TEXT[ctx.locale].needsReason, USAGE[ctx.locale]));
  const domainCtx = { actor: ctx.user, now: ctx.now };
  const result = await ctx.deps.store.mutate((state) => {
    const before = getPledge(state, id);
    if (!before.ok) return before;
    const corrected = correctPledge(state, id, { amount: split.value.amount }, reason, domainCtx);
    if (!corrected.ok) return corrected;
    return ok({ ...corrected.value, value: { pledge: corrected.value.value, before: before.value } });
  });
  if (!result.ok) return fail(result.error);
  const after = committedProgram(ctx.deps.derived, result.value.pledge.program);
  if (!after.ok) return fail(after.error);
  await ctx.reply(pledgeCorrectedMessage({ ...result.value, ...after.value, reason, locale: ctx.locale }));
};

const setProgram = async (ctx: CommandContext, target: string, word: string, rest: readonly string[]) => {
  const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
  const program = resolveProgram(ctx.deps.store.read(), target);
  if (!program.ok) return fail(program.error);
  const slug = program.value.slug;
  const reason = rest.join(' ').trim() === '' ? undefined : rest.join(' ');
  const to = codeFromWord(word, PROGRAM_STATUSES, PROGRAM_STATUS_LABELS) ?? word;
  // A launch is dated in the ministry's time zone (WINWIN_TZ).
  const domainCtx = changeCtx(ctx);
  const result = await ctx.deps.store.mutate((state) => {
    const before = getProgram(state, slug);
    if (!before.ok) return before;
    const changed = setProgramStatus(state, slug, to, reason, domainCtx);
    if (!changed.ok) return changed;
    return ok({ ...changed.value, value: { program: changed.value.value, from: before.value.status } });
  });
  if (!result.ok) return fail(aboutSubject(result.error, slug));
  await ctx.reply(
    programStatusMessage({
      ...result.value,
      locale: ctx.locale,
      ...(reason === undefined ? {} : { reason }),
    }),
  );
};

export const setCommand: Subcommand = {
  name: 'set',
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: "change a pledge's, a program's or a guarantee's status (illegal moves name the allowed ones), or correct a pledge's amount",
    ko: '출연, 프로그램 또는 보증의 상태 변경 (불가능한 변경이면 가능한 상태를 알려 줌), 출연 금액 정정',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const [subject, word, ...rest] = ctx.args;
    if (subject === undefined || word === undefined) {
      return ctx.reply(warningMessage(TEXT[ctx.locale].missing, USAGE[ctx.locale]));
    }
    if (GUARANTEE_ID.test(subject)) return setGuarantee(ctx, subject.toUpperCase(), word, rest);
    if (PLEDGE_ID.test(subject)) {
      const id = subject.toUpperCase();
      if (AMOUNT_WORDS.includes(word.toLowerCase())) return correctAmount(ctx, id, rest);
      return setPledge(ctx, id, word, rest);
    }
    return setProgram(ctx, subject, word, rest);
  },
};
