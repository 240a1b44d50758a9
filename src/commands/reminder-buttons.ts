import { isoDateIn } from '../domain/dates.js';
import { clearNextStep, ownerOf, snooze } from '../domain/follow.js';
import { hasRole } from '../domain/permissions.js';
import { getPledge } from '../domain/pledges.js';
import type { Localized } from '../i18n/common.js';
import { clickedValue, respondToClick } from '../shell/action-respond.js';
import type { ActionArgs, ActionListener, WinwinContext } from '../shell/deps.js';
import { withChanged } from '../shell/follow-args.js';
import { context, type KnownBlock, message, warningMessage } from '../views/blocks.js';
import { errorReply } from '../views/error-text.js';
import { reminderPressedText } from '../views/follow.js';
import { ACTIONS } from '../views/ids.js';

/**
 * The buttons of a reminder DM: Done clears the next step, Snooze puts the pledge's reminders off for a
 * day or a week. Each is an audited change (event pledge.next) by whoever pressed it, and only the
 * pledge's owner, an editor or an admin may press it; the role and ownership come from the request's
 * user id and the store, never from the payload (the value only names the pledge).
 */

const DENIED: Localized = {
  en: 'Only the owner of this pledge, an editor or an admin can do that.',
  ko: '이 출연의 담당자, 편집자 또는 관리자만 할 수 있습니다.',
};

type Press = { kind: 'done' } | { kind: 'snooze'; days: number };

/** The DM with the pressed pledge's buttons replaced by what was done, when Slack sent the message. */
const redrawn = (args: ActionArgs, note: string): KnownBlock[] | undefined => {
  const blocks = (args.body as { message?: { blocks?: KnownBlock[] } }).message?.blocks;
  if (!Array.isArray(blocks)) return undefined;
  const id = args.action.block_id;
  return blocks.map((b) => (b.type === 'actions' && b.block_id === id ? context(note) : b));
};

const press = async (args: ActionArgs, ctx: WinwinContext, what: Press): Promise<void> => {
  await args.ack();
  const id = clickedValue(args) ?? '';
  const known = getPledge(ctx.deps.store.read(), id);
  if (!known.ok) return respondToClick(args, errorReply(known.error, ctx.locale));
  if (!hasRole(ctx.role, 'editor') && ownerOf(known.value) !== ctx.user) {
    return respondToClick(args, warningMessage(DENIED[ctx.locale]));
  }
  const domainCtx = { actor: ctx.user, now: ctx.now, today: isoDateIn(ctx.now, ctx.deps.zone) };
  const result = await ctx.deps.store.mutate((state) => {
    // Checked again inside the mutation: the pledge may have changed hands since.
    const pledge = getPledge(state, id);
    if (!pledge.ok) return pledge;
    return withChanged(
      what.kind === 'done'
        ? clearNextStep(state, id, domainCtx)
        : snooze(state, id, what.days, domainCtx.today, domainCtx),
    );
  });
  if (!result.ok) return respondToClick(args, errorReply(result.error, ctx.locale));
  const note = reminderPressedText(what.kind, result.value.value, ctx.user, ctx.locale);
  const blocks = redrawn(args, note);
  if (blocks !== undefined && args.body.response_url !== undefined) {
    await args.respond({ replace_original: true, text: note, blocks });
    return;
  }
  await respondToClick(args, message(note, [context(note)]));
};

export const reminderDoneAction: ActionListener = {
  actionId: ACTIONS.reminderDone,
  run: (args, ctx) => press(args, ctx, { kind: 'done' }),
};

export const reminderSnoozeDayAction: ActionListener = {
  actionId: ACTIONS.reminderSnoozeDay,
  run: (args, ctx) => press(args, ctx, { kind: 'snooze', days: 1 }),
};

export const reminderSnoozeWeekAction: ActionListener = {
  actionId: ACTIONS.reminderSnoozeWeek,
  run: (args, ctx) => press(args, ctx, { kind: 'snooze', days: 7 }),
};
