import type { webApi } from '@slack/bolt';
import { isoDateIn } from '../domain/dates.js';
import { standingOf } from '../domain/standing.js';
import { type Localized, WORDS } from '../i18n/common.js';
import {
  type ActionArgs,
  type ActionListener,
  type HomeListener,
  hasRole,
  type WinwinContext,
} from './deps.js';
import { ACTIONS } from './ids.js';
import { LIMITS, type ModalView, plainText, section } from './views/blocks.js';
import { buildHomeView } from './views/home.js';
import { escapeMrkdwn } from './views/mrkdwn.js';
import { buildPledgeModal } from './views/pledge-modal.js';
import { buildProgramModal } from './views/program-modal.js';

/**
 * App Home: published when a user opens the Home tab, and again when they page through sectors. The
 * Record pledge / New program buttons open the same modals as `/winwin pledge` and `/winwin program new`;
 * their submissions are handled there. The role is always re-checked from the clicking user's id.
 */

/** Publishes the Home for the context's user (page = 0-based page of sectors). */
export const publishHome = async (client: webApi.WebClient, ctx: WinwinContext, page = 0): Promise<void> => {
  const { store, config } = ctx.deps;
  const standing = standingOf(store.read(), 'all', isoDateIn(ctx.now, config.tz));
  if (standing.kind !== 'all') throw new Error('standingOf(all) returned a single target');
  await client.views.publish({
    user_id: ctx.user,
    view: buildHomeView(standing, ctx.role, ctx.locale, { user: ctx.user, page }),
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
  blocks: [section(`:no_entry: ${escapeMrkdwn(WORDS[ctx.locale].deniedNeedsEditor)}`)],
});

/**
 * Opens `modal` for an editor; anyone else gets the refusal instead, and their Home is redrawn without
 * the buttons (they may have been shown to a role the user no longer holds).
 */
const openForEditor = async (
  { ack, body, client }: ActionArgs,
  ctx: WinwinContext,
  modal: () => ModalView,
): Promise<void> => {
  await ack();
  if (!hasRole(ctx.role, 'editor')) {
    await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(ctx) });
    await publishHome(client, ctx);
    return;
  }
  await client.views.open({ trigger_id: body.trigger_id, view: modal() });
};

export const homeRecordPledge: ActionListener = {
  actionId: ACTIONS.homeRecordPledge,
  run: (args, ctx) => openForEditor(args, ctx, () => buildPledgeModal(ctx.deps.store.read(), {}, ctx.locale)),
};

export const homeNewProgram: ActionListener = {
  actionId: ACTIONS.homeNewProgram,
  run: (args, ctx) =>
    openForEditor(args, ctx, () => buildProgramModal(ctx.deps.store.read().sectors, undefined, ctx.locale)),
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
