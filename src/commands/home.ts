import type { webApi } from '@slack/bolt';
import type { Result } from '../domain/result.js';
import type { State } from '../domain/types.js';
import type { Localized } from '../i18n/common.js';
import {
  type ActionArgs,
  type ActionListener,
  deniedText,
  type HomeListener,
  hasRole,
  type WinwinContext,
} from '../shell/deps.js';
import { homeViewFor } from '../shell/home-view.js';
import { statusMessage } from '../shell/status-reply.js';
import { LIMITS, type ModalView, plainText, section } from '../views/blocks.js';
import { ACTIONS } from '../views/ids.js';
import { escapeMrkdwn } from '../views/mrkdwn.js';
import { openPledgeModal, openProgramModal } from './modals/open.js';

/**
 * App Home: published when a user opens the Home tab, and again when they page through sectors. The
 * Record pledge / New program buttons open the same modals as `/winwin pledge` and `/winwin program new`;
 * their submissions are handled there. The role is always re-checked from the clicking user's id.
 */

/**
 * Publishes the Home for the context's user (page = 0-based page of sectors), and notes that they look
 * at it: for a day, changes republish it (channels/homes.ts) on the page they were shown.
 */
export const publishHome = async (client: webApi.WebClient, ctx: WinwinContext, page = 0): Promise<void> => {
  ctx.deps.homeViewers.shown(ctx.user, page, ctx.now);
  await client.views.publish({
    user_id: ctx.user,
    view: homeViewFor(ctx.deps, { user: ctx.user, role: ctx.role, locale: ctx.locale, page, now: ctx.now }),
  });
};

export const homeOpened: HomeListener = {
  event: 'app_home_opened',
  async run({ client }, ctx) {
    await publishHome(client, ctx);
  },
};

const REFUSAL_TITLE: Localized = { en: 'Not allowed', ko: '권한 없음' };

const refusalModal = (ctx: WinwinContext): ModalView => ({
  type: 'modal',
  title: plainText(REFUSAL_TITLE[ctx.locale], LIMITS.modalTitle),
  close: plainText('OK', LIMITS.modalButton),
  blocks: [section(`:no_entry: ${escapeMrkdwn(deniedText(ctx))}`)],
});

/**
 * Opens a modal for an editor through `open` (the same helpers as `/winwin pledge` and `/winwin program
 * new`); anyone else gets the refusal instead, and their Home is redrawn without the buttons (they may
 * have been shown for a role the user no longer holds).
 */
const openForEditor = async (
  { ack, body, client }: ActionArgs,
  ctx: WinwinContext,
  open: (client: webApi.WebClient, triggerId: string, state: State) => Promise<Result<void>>,
): Promise<void> => {
  await ack();
  if (!hasRole(ctx.role, 'editor')) {
    await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(ctx) });
    await publishHome(client, ctx);
    return;
  }
  const opened = await open(client, body.trigger_id, ctx.deps.store.read());
  // Without a target nothing can be unknown, so a failure here is a bug worth a loud error.
  if (!opened.ok) throw new Error(`App Home could not open a modal: ${opened.error.code}`);
};

// No channel: the confirmation of a submission from App Home arrives as a direct message.
export const homeRecordPledge: ActionListener = {
  actionId: ACTIONS.homeRecordPledge,
  run: (args, ctx) =>
    openForEditor(args, ctx, (client, trigger, state) =>
      openPledgeModal(client, trigger, state, { locale: ctx.locale }),
    ),
};

export const homeNewProgram: ActionListener = {
  actionId: ACTIONS.homeNewProgram,
  run: (args, ctx) =>
    openForEditor(args, ctx, (client, trigger, state) =>
      openProgramModal(client, trigger, state, { locale: ctx.locale }),
    ),
};

/** Previous / next page of sectors; the value is only a page number, clamped by the builder. */
export const homePage: ActionListener = {
  actionId: new RegExp(`^(${ACTIONS.homePagePrev}|${ACTIONS.homePageNext})$`),
  async run({ ack, action, client }, ctx) {
    await ack();
    const raw = action.type === 'button' ? Number(action.value) : 0;
    const page = Number.isInteger(raw) && raw >= 0 && raw <= 10_000 ? raw : 0;
    await publishHome(client, ctx, page);
  },
};

/**
 * A sector's Details button: its full status as a direct message (App Home has no channel to reply in).
 * Not interactive, like any post outside an ephemeral reply; contributor names follow the user's role.
 */
export const homeOpenStatus: ActionListener = {
  actionId: ACTIONS.homeOpenStatus,
  async run({ ack, action, client }, ctx) {
    await ack();
    const target = action.type === 'button' ? (action.value ?? '') : '';
    const m = await statusMessage(ctx.deps, {
      target: target === '' ? 'all' : target,
      audience: { role: ctx.role },
      locale: ctx.locale,
      now: ctx.now,
      interactive: false,
    });
    await ctx.deps.rich.send(undefined, m, (sent) =>
      client.chat.postMessage({ channel: ctx.user, text: sent.text, blocks: [...sent.blocks] }),
    );
  },
};
