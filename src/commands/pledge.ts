import { parseAmount } from '../domain/amount.js';
import { RECORDABLE_STATUSES, type RecordableStatus, recordPledge } from '../domain/pledges.js';
import { type DomainError, ok, type Result } from '../domain/result.js';
import { CONTRIBUTOR_KINDS, type ContributorKind } from '../domain/types.js';
import { CONTRIBUTOR_KIND_LABELS, type Localized, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import { splitAmount } from '../shell/amount-args.js';
import { committedProgram } from '../shell/committed-program.js';
import type { CommandContext, Subcommand } from '../shell/deps.js';
import { warningMessage } from '../views/blocks.js';
import { pledgeRecordedMessage } from '../views/confirmations.js';
import { usageErrorReply } from '../views/error-text.js';
import { codeFromWord } from './modals/choices.js';
import { openPledgeModal } from './modals/open.js';
import { resolveProgram } from './modals/resolve.js';

const USAGE: Localized<readonly string[]> = {
  en: [
    '/winwin pledge [<target>]',
    '/winwin pledge <target> <amount> <contributor…> [kind:<kind>] [status:<status>]',
  ],
  ko: ['/winwin pledge [<대상>]', '/winwin pledge <대상> <금액> <출연자…> [kind:<종류>] [status:<상태>]'],
};

const TEXT: Localized<{
  badKind: (given: string) => string;
  badStatus: (given: string) => string;
}> = {
  en: {
    badKind: (given) => `"${given}" is not a kind. Use kind:${CONTRIBUTOR_KINDS.join('|')}.`,
    badStatus: (given) =>
      `A new pledge is ${RECORDABLE_STATUSES.join(', ')} (got "${given}"). Use status:${RECORDABLE_STATUSES.join('|')}.`,
  },
  ko: {
    badKind: (given) =>
      `"${given}"은(는) 출연자 구분이 아닙니다. kind:${CONTRIBUTOR_KINDS.join('|')} 중 하나를 쓰세요.`,
    badStatus: (given) =>
      `새 출연의 상태는 ${RECORDABLE_STATUSES.join(', ')} 중 하나입니다 ("${given}"). status:${RECORDABLE_STATUSES.join('|')}를 쓰세요.`,
  },
};

const readOptions = (
  ctx: CommandContext,
): Result<{ kind?: ContributorKind; status?: RecordableStatus }, string> => {
  const t = TEXT[ctx.locale];
  const { kind: kindWord, status: statusWord } = ctx.options;
  const kind =
    kindWord === undefined ? undefined : codeFromWord(kindWord, CONTRIBUTOR_KINDS, CONTRIBUTOR_KIND_LABELS);
  if (kindWord !== undefined && kind === undefined) return { ok: false, error: t.badKind(kindWord) };
  const status =
    statusWord === undefined
      ? undefined
      : codeFromWord(statusWord, RECORDABLE_STATUSES, PLEDGE_STATUS_LABELS);
  if (statusWord !== undefined && status === undefined) return { ok: false, error: t.badStatus(statusWord) };
  return ok({ ...(kind === undefined ? {} : { kind }), ...(status === undefined ? {} : { status }) });
};

/** `/winwin pledge [<target> [<amount>]]`: the modal, with what was typed filled in. Unacknowledged until it is open, as the trigger expires in 3 s. */
const openModal = async (
  ctx: CommandContext,
  options: { kind?: ContributorKind; status?: RecordableStatus },
): Promise<void> => {
  const [target, second] = ctx.args;
  // A second word is the amount when it reads as one (`/winwin pledge retail 10억`), else the contributor.
  const typed =
    second === undefined ? {} : parseAmount(second).ok ? { amount: second } : { contributor: second };
  const opened = await openPledgeModal(ctx.client, ctx.triggerId, ctx.deps.store.read(), {
    locale: ctx.locale,
    channel: ctx.channel,
    ...(target === undefined ? {} : { target }),
    prefill: { ...options, ...typed },
  });
  if (!opened.ok) await ctx.reply(usageErrorReply(opened.error, ctx.locale, USAGE[ctx.locale]));
};

/** `/winwin pledge <target> <amount> <contributor…> [kind:] [status:]`: recorded at once. */
const recordNow = async (
  ctx: CommandContext,
  options: { kind?: ContributorKind; status?: RecordableStatus },
): Promise<void> => {
  const fail = (error: DomainError) => ctx.reply(usageErrorReply(error, ctx.locale, USAGE[ctx.locale]));
  const [target = '', ...rest] = ctx.args;
  const program = resolveProgram(ctx.deps.store.read(), target);
  if (!program.ok) return fail(program.error);
  const split = splitAmount(rest);
  if (!split.ok) return fail(split.error);
  const input = {
    program: program.value.slug,
    contributor: split.value.rest.join(' '),
    kind: options.kind ?? 'corporation',
    amount: split.value.amount,
    status: options.status ?? 'verbal',
  } as const;
  const domainCtx = { actor: ctx.user, now: ctx.now };
  // Only the change itself runs in the serialized mutation; the reply's figures are read after it.
  const result = await ctx.deps.store.mutate((state) => recordPledge(state, input, domainCtx));
  if (!result.ok) return fail(result.error);
  const after = committedProgram(ctx.deps.derived, result.value.program);
  if (!after.ok) return fail(after.error);
  await ctx.reply(pledgeRecordedMessage({ pledge: result.value, ...after.value, locale: ctx.locale }));
};

export const pledgeCommand: Subcommand = {
  name: 'pledge',
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: 'record a pledge: the form, or at once (defaults kind:corporation status:verbal)',
    ko: '출연 기록: 입력 양식, 또는 바로 기록 (기본값 kind:corporation status:verbal)',
  },
  options: ['kind', 'status'],
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const options = readOptions(ctx);
    if (!options.ok) return ctx.reply(warningMessage(options.error, USAGE[ctx.locale]));
    if (ctx.args.length <= 2) return openModal(ctx, options.value);
    return recordNow(ctx, options.value);
  },
};
