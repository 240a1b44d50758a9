import { changePledgeStatus } from '../domain/payments.js';
import { can } from '../domain/permissions.js';
import { type Localized, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import { clickedValue, respondToClick } from '../shell/action-respond.js';
import { type ActionListener, deniedText } from '../shell/deps.js';
import { changeCtx } from '../shell/follow-args.js';
import { statusMessage } from '../shell/status-reply.js';
import { warningMessage } from '../views/blocks.js';
import { aboutSubject, errorReply } from '../views/error-text.js';
import { ACTIONS } from '../views/ids.js';
import { code } from '../views/mrkdwn.js';
import { parseControlBlockId, parseControlValue } from '../views/pledge-controls.js';

/**
 * An editor picked a new status in a pledge's menu under `/winwin status`. The role comes from the
 * request's user id (ctx.role), never from the payload; the option value names the pledge and status,
 * the block_id what the reply showed, so it can be redrawn in place with the new figures.
 */

const S: Localized<{ stale: string; done: (id: string, status: string) => string }> = {
  en: {
    stale: 'This menu is out of date. Run /winwin status again.',
    done: (id, status) => `:white_check_mark: ${id} is now *${status}*.`,
  },
  ko: {
    stale: '오래된 메뉴입니다. /winwin status를 다시 실행하세요.',
    done: (id, status) => `:white_check_mark: ${id}의 상태가 *${status}*(으)로 바뀌었습니다.`,
  },
};

export const pledgeSetStatusAction: ActionListener = {
  actionId: ACTIONS.pledgeSetStatus,
  async run(args, ctx) {
    await args.ack();
    if (!can(ctx.role, 'pledge.status')) {
      await respondToClick(args, warningMessage(deniedText(ctx)));
      return;
    }
    const choice = parseControlValue(clickedValue(args) ?? '');
    if (choice === undefined) {
      await respondToClick(args, warningMessage(S[ctx.locale].stale));
      return;
    }
    const result = await ctx.deps.store.mutate((state) =>
      changePledgeStatus(state, choice.pledge, choice.status, undefined, changeCtx(ctx)),
    );
    if (!result.ok) {
      await respondToClick(args, errorReply(aboutSubject(result.error, choice.pledge), ctx.locale));
      return;
    }
    const pledge = result.value;
    const place = parseControlBlockId(args.action.block_id);
    const redrawn = await statusMessage(ctx.deps, {
      target: place?.target ?? pledge.program,
      audience: { role: ctx.role },
      locale: ctx.locale,
      now: ctx.now,
      interactive: true,
      page: place?.page ?? 0,
      notice: S[ctx.locale].done(code(pledge.id), PLEDGE_STATUS_LABELS[ctx.locale][pledge.status]),
    });
    await respondToClick(args, redrawn, { replace: true, rich: ctx.deps.rich });
  },
};
