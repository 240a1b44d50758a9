import { parseAmount } from '../domain/amount.js';
import type { Change, Ctx } from '../domain/change.js';
import { isoDateIn, parseDay, type Zone } from '../domain/dates.js';
import { type DomainError, err, ok, type Result } from '../domain/result.js';
import type { Installment } from '../domain/types.js';
import type { Localized } from '../i18n/common.js';
import { warningMessage } from '../views/blocks.js';
import { usageErrorReply } from '../views/error-text.js';
import type { CommandContext } from './deps.js';

/**
 * A date at the start of `tokens`: one token (`2026-12-15`, `12/15`, `tomorrow`, `+7d`) or two
 * (`12월 15일`). DATE.INVALID naming what was typed when neither reads.
 */
export const leadingDay = (
  tokens: readonly string[],
  today: string,
  field: string,
): Result<{ date: string; rest: string[] }> => {
  if (tokens.length >= 2) {
    const two = parseDay(`${tokens[0]} ${tokens[1]}`, today, field);
    if (two.ok && /월$/.test(tokens[0] ?? '')) return ok({ date: two.value, rest: tokens.slice(2) });
  }
  const one = parseDay(tokens[0] ?? '', today, field);
  return one.ok ? ok({ date: one.value, rest: tokens.slice(1) }) : one;
};

/**
 * `<amount> <date> [<amount> <date> …]` as installments: the schedule grammar of `/winwin schedule` and
 * the pledge form's `schedule` field. An amount may span tokens (`1조 2,630억 2026-03-31`).
 */
export const parseInstallments = (tokens: readonly string[], today: string): Result<Installment[]> => {
  const items: Installment[] = [];
  let rest = [...tokens];
  while (rest.length > 0) {
    // The amount runs up to the first token that reads as a date.
    const dateAt = rest.findIndex((_t, i) => i > 0 && leadingDay(rest.slice(i), today, 'installment').ok);
    if (dateAt < 0) {
      return err('SCHEDULE.INVALID', {
        reason: 'pairs',
        field: 'schedule',
        input: rest.join(' ').slice(0, 80),
      });
    }
    const amount = parseAmount(rest.slice(0, dateAt).join(' '));
    if (!amount.ok) return amount;
    const day = leadingDay(rest.slice(dateAt), today, 'installment');
    if (!day.ok) return day;
    items.push({ amount: amount.value, due: day.value.date });
    rest = day.value.rest;
  }
  return ok(items);
};

/** A mutation's result with whether it recorded anything (no event: nothing changed). */
export const withChanged = <T>(result: Result<Change<T>>): Result<Change<{ value: T; changed: boolean }>> =>
  result.ok
    ? ok({ ...result.value, value: { value: result.value.value, changed: result.value.events.length > 0 } })
    : result;

/** The domain context of a change made now by `user`, with today's date in the ministry's zone. */
export const changeCtx = (ctx: { user: string; now: Date; deps: { zone: Zone } }): Ctx => ({
  actor: ctx.user,
  now: ctx.now,
  today: isoDateIn(ctx.now, ctx.deps.zone),
});

/**
 * The opening of `/winwin <subcommand> <pledge-id> <…>` commands that change a pledge (next, schedule,
 * pay): editors only, then the pledge id and at least one token after it, else the `missing` warning
 * with the usage. Gives the id, the tokens after it and `fail`, which answers a domain error with the
 * usage; undefined once it has replied.
 */
export const openPledgeChange = async (
  ctx: CommandContext,
  usage: Localized<readonly string[]>,
  missing: Localized,
): Promise<{ id: string; tokens: string[]; fail: (error: DomainError) => Promise<void> } | undefined> => {
  if (!(await ctx.require('editor'))) return undefined;
  const [id, ...tokens] = ctx.args;
  if (id === undefined || tokens.length === 0) {
    await ctx.reply(warningMessage(missing[ctx.locale], usage[ctx.locale]));
    return undefined;
  }
  return { id, tokens, fail: (error) => ctx.reply(usageErrorReply(error, ctx.locale, usage[ctx.locale])) };
};
