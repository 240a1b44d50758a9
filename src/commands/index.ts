import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import { WORDS } from '../i18n/common.js';
import { type ActionArgs, contextFor, type Deps, type HomeListener } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { createMembership, keepStrangersOut, type Membership } from '../shell/membership.js';
import { ephemeral, header, type ModalView, plainText, section, warningMessage } from '../views/blocks.js';
import { COMMAND } from '../views/ids.js';
import { escapeMrkdwn } from '../views/mrkdwn.js';
import * as registry from './registry.js';
import { createCommandRouter, failureMessage } from './router.js';
import { dropMalformed } from './well-formed.js';

export type Listeners = Pick<typeof registry, 'subcommands' | 'views' | 'actions' | 'home'>;

const errorModal = (title: string, text: string): ModalView => ({
  type: 'modal',
  title: plainText(title, 24),
  close: plainText('OK', 24),
  blocks: [section(`:warning: ${escapeMrkdwn(text)}`)],
});

const STALE = {
  en: 'This form or button is out of date. Run /winwin again to get a fresh one.',
  ko: '오래된 양식이나 버튼입니다. /winwin을 다시 실행해 새로 받으세요.',
} as const;

const matches = (actionId: string | RegExp, id: string): boolean =>
  typeof actionId === 'string' ? actionId === id : actionId.test(id);

/**
 * Registers `/winwin`, the modal submissions, the actions and App Home. Every request first passes
 * keepStrangersOut (only Winwin's own team and WINWIN_ALLOWED_TEAMS get in); every handler is wrapped
 * so that a throw still leaves the user with a message, and the role always comes from the request's
 * user id.
 */
export const registerListeners = (
  app: App,
  deps: Deps,
  listeners: Listeners = registry,
  membership: Membership = createMembership({ config: deps.config, logger: deps.logger, clock: deps.clock }),
): void => {
  app.use(dropMalformed);
  // Before any listener: users of other organizations (Slack Connect) are refused on every surface.
  app.use(keepStrangersOut(membership, deps.config.locale));
  app.command(COMMAND, createCommandRouter(deps, listeners.subcommands));

  // One listener per kind of request, dispatching by id: Bolt runs every registered listener's
  // matchers on every request, so one each keeps that work from growing with the number of modals and buttons.
  const views = new Map(listeners.views.map((view) => [view.callbackId, view]));
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async (args) => {
    const ctx = contextFor(deps, args.body.user.id);
    const view = views.get(args.body.view.callback_id);
    if (view === undefined) {
      await args.ack({
        response_action: 'update',
        view: errorModal(WORDS[ctx.locale].error, STALE[ctx.locale]),
      });
      return;
    }
    await runTracked(
      args,
      (tracked) => view.run(tracked, ctx),
      async (error, acked) => {
        args.logger.error(`view ${view.callbackId} failed for ${ctx.user}: ${describe(error)}`);
        const failure = failureMessage(ctx.locale, error);
        if (!acked) {
          // Push on top so the user keeps what they typed in the form underneath.
          await args.ack({
            response_action: 'push',
            view: errorModal(WORDS[ctx.locale].error, failure.text),
          });
        } else {
          await args.client.chat.postMessage({
            channel: ctx.user,
            text: failure.text,
            blocks: [...failure.blocks],
          });
        }
      },
    );
  });

  app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
    const ctx = contextFor(deps, args.body.user.id);
    // Like Bolt's own matching: the first action of the payload is the one clicked.
    const id = args.body.actions[0]?.action_id ?? '';
    const action = listeners.actions.find((a) => matches(a.actionId, id));
    if (action === undefined) {
      await args.ack();
      await tellAboutFailure(args, STALE[ctx.locale]);
      return;
    }
    await runTracked(
      args,
      (tracked) => action.run(tracked, ctx),
      async (error, acked) => {
        args.logger.error(`action ${String(action.actionId)} failed for ${ctx.user}: ${describe(error)}`);
        if (!acked) await args.ack();
        await tellAboutFailure(args, failureMessage(ctx.locale, error).text);
      },
    );
  });

  for (const listener of listeners.home) registerHome(app, deps, listener);
};

const registerHome = (app: App, deps: Deps, listener: HomeListener): void => {
  app.event(listener.event, async (args) => {
    if (args.event.tab !== 'home') return;
    const ctx = contextFor(deps, args.event.user);
    try {
      await listener.run(args, ctx);
    } catch (error) {
      args.logger.error(`App Home failed for ${ctx.user}: ${describe(error)}`);
      await args.client.views.publish({
        user_id: ctx.user,
        view: {
          type: 'home',
          blocks: [header('Winwin'), ...failureMessage(ctx.locale, error).blocks],
        },
      });
    }
  });
};

/**
 * Runs a handler with its ack tracked, acknowledges for it if it did not, and on a throw hands the
 * error to `failed` with whether Slack was already answered.
 */
const runTracked = async <A extends { ack: (...a: never[]) => Promise<void> }>(
  args: A,
  run: (args: A) => Promise<void>,
  failed: (error: unknown, acked: boolean) => Promise<void>,
): Promise<void> => {
  const tracked = trackAck(args);
  try {
    await run(tracked.args);
    if (!tracked.acked()) await tracked.args.ack();
  } catch (error) {
    await failed(error, tracked.acked());
  }
};

/** Wraps a listener's ack so the wrapper knows whether the handler already answered Slack. */
const trackAck = <A extends { ack: (...a: never[]) => Promise<void> }>(
  args: A,
): { args: A; acked: () => boolean } => {
  let acked = false;
  const ack = (async (...a: never[]) => {
    acked = true;
    await args.ack(...a);
  }) as A['ack'];
  return { args: { ...args, ack }, acked: () => acked };
};

/** Tells the user who clicked that something failed: in the thread of the click when possible, else by DM. */
const tellAboutFailure = async (args: ActionArgs, warning: string): Promise<void> => {
  const user = args.body.user.id;
  const { text, blocks } = ephemeral(warningMessage(warning));
  try {
    if (args.body.response_url !== undefined) {
      await args.respond({ ...ephemeral({ text, blocks }), replace_original: false });
    } else if (args.body.channel?.id !== undefined) {
      await args.client.chat.postEphemeral({ channel: args.body.channel.id, user, text, blocks });
    } else {
      await args.client.chat.postMessage({ channel: user, text, blocks });
    }
  } catch (error) {
    args.logger.error(`could not tell ${user} about a failed action: ${describe(error)}`);
  }
};
