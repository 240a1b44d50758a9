import type { Localized } from '../i18n/common.js';
import { clickedValue, respondToClick } from '../shell/action-respond.js';
import type { ActionListener } from '../shell/deps.js';
import { statusMessage } from '../shell/status-reply.js';
import { warningMessage } from '../views/blocks.js';
import { ACTIONS } from '../views/ids.js';
import { parsePageValue } from '../views/status-parts.js';

const STALE: Localized = {
  en: 'This button is out of date. Run /winwin status again.',
  ko: '오래된 버튼입니다. /winwin status를 다시 실행하세요.',
};

/**
 * "Previous / Next" under a long status reply: redraws the page asked for, for the clicker's role (the
 * button value names only the target and the page). Status replies are ephemeral, so the clicker is
 * the reader; channel posts carry no page buttons.
 */
const turnPage: ActionListener['run'] = async (args, ctx) => {
  await args.ack();
  const value = parsePageValue(clickedValue(args) ?? '');
  if (value === undefined) {
    await respondToClick(args, warningMessage(STALE[ctx.locale]));
    return;
  }
  const reply = await statusMessage(ctx.deps, {
    target: value.target,
    audience: { role: ctx.role },
    locale: ctx.locale,
    now: ctx.now,
    interactive: true,
    page: value.page,
  });
  await respondToClick(args, reply, { replace: true, rich: ctx.deps.rich });
};

export const statusPrevAction: ActionListener = { actionId: ACTIONS.pagePrev, run: turnPage };
export const statusNextAction: ActionListener = { actionId: ACTIONS.pageNext, run: turnPage };
