import { parseMin, parseOnly } from '../domain/filters.js';
import { can } from '../domain/permissions.js';
import type { DomainError } from '../domain/result.js';
import {
  type Cadence,
  type Detail,
  isCadence,
  isDetail,
  type SubscribeInput,
  subscribe,
} from '../domain/subscriptions.js';
import type { CommandContext, Subcommand } from '../shell/deps.js';
import { errorReply } from '../views/error-text.js';
import {
  buildSubscribedMessage,
  buildSubscriptionProblem,
  type SubscriptionProblem,
} from '../views/subscriptions.js';

/** The words after the target: how often and how much, in any order; defaults daily and totals. */
export const parseSubscribeSettings = (
  words: readonly string[],
): { ok: true; cadence: Cadence; detail: Detail } | { ok: false; problem: SubscriptionProblem } => {
  let cadence: Cadence | undefined;
  let detail: Detail | undefined;
  for (const raw of words) {
    const word = raw.toLowerCase();
    if (isCadence(word)) {
      if (cadence !== undefined) return { ok: false, problem: { kind: 'twice', what: 'cadence' } };
      cadence = word;
    } else if (isDetail(word)) {
      if (detail !== undefined) return { ok: false, problem: { kind: 'twice', what: 'detail' } };
      detail = word;
    } else {
      return { ok: false, problem: { kind: 'unknownWord', word: raw } };
    }
  }
  return { ok: true, cadence: cadence ?? 'daily', detail: detail ?? 'totals' };
};

/** `only:`, `min:` and `quiet:` as typed: the filters to store, or why they can't be read. */
export const parseFilters = (
  options: Readonly<Record<string, string>>,
):
  | { ok: true; value: Pick<SubscribeInput, 'only' | 'min' | 'quiet'> }
  | { ok: false; error: DomainError }
  | { ok: false; problem: SubscriptionProblem } => {
  let value: Pick<SubscribeInput, 'only' | 'min' | 'quiet'> = {};
  if (options.only !== undefined) {
    const only = parseOnly(options.only);
    if (!only.ok) return { ok: false, error: only.error };
    value = { ...value, only: only.value };
  }
  if (options.min !== undefined) {
    const min = parseMin(options.min);
    if (!min.ok) return { ok: false, error: min.error };
    value = { ...value, min: min.value };
  }
  if (options.quiet !== undefined) {
    const word = options.quiet.trim().toLowerCase();
    if (word !== 'on' && word !== 'off')
      return { ok: false, problem: { kind: 'quietValue', word: options.quiet } };
    value = { ...value, quiet: word === 'on' };
  }
  return { ok: true, value };
};

const run = async (ctx: CommandContext): Promise<void> => {
  if (!(await ctx.require('editor'))) return;
  const [target, ...rest] = ctx.args;
  if (target === undefined)
    return ctx.reply(buildSubscriptionProblem({ kind: 'subscribeUsage' }, ctx.locale));
  const settings = parseSubscribeSettings(rest);
  if (!settings.ok) return ctx.reply(buildSubscriptionProblem(settings.problem, ctx.locale));
  const filters = parseFilters(ctx.options);
  if (!filters.ok) {
    return ctx.reply(
      'problem' in filters
        ? buildSubscriptionProblem(filters.problem, ctx.locale)
        : errorReply(filters.error, ctx.locale),
    );
  }
  if (settings.detail === 'names' && !can(ctx.role, 'subscribe.names')) {
    return ctx.reply(buildSubscriptionProblem({ kind: 'namesNeedsAdmin' }, ctx.locale));
  }
  const result = await ctx.deps.store.mutate((state) =>
    subscribe(
      state,
      {
        channel: ctx.channel,
        target,
        cadence: settings.cadence,
        detail: settings.detail,
        ...filters.value,
      },
      { actor: ctx.user, now: ctx.now },
    ),
  );
  if (!result.ok) return ctx.reply(errorReply(result.error, ctx.locale));
  const schedule = { time: ctx.deps.config.digestTime, tz: ctx.deps.config.tz };
  await ctx.reply(buildSubscribedMessage(result.value, schedule, ctx.locale));
};

export const subscribeCommand: Subcommand = {
  name: 'subscribe',
  aliases: ['구독'],
  usage: {
    en: '/winwin subscribe <target|all> [daily|weekly|realtime] [totals|names] [only:<kinds>] [min:<amount>] [quiet:off]',
    ko: '/winwin subscribe <대상|all> [daily|weekly|realtime] [totals|names] [only:<종류>] [min:<금액>] [quiet:off]',
  },
  summary: {
    en: 'this channel follows a sector or program: digests or live cards, with filters (editors; names: admins)',
    ko: '이 채널이 업종·프로그램을 구독: 요약 또는 실시간 카드, 필터 가능 (편집자; names는 관리자)',
  },
  options: ['only', 'min', 'quiet'],
  run,
};
