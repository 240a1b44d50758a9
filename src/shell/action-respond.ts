import { ephemeral, type Message, plainMessage } from '../views/blocks.js';
import type { ActionArgs } from './deps.js';
import type { RichBlocks } from './rich-blocks.js';

/**
 * Answers a click on a message through its response_url: an ephemeral note under it, or (replace) the
 * message redrawn in place. A click without a response_url (App Home) gets the note as a DM. Charts
 * and tables go only where `rich` says the workspace takes them; without it, the plain form.
 */
export const respondToClick = async (
  args: ActionArgs,
  message: Message,
  { replace = false, rich }: { replace?: boolean; rich?: RichBlocks } = {},
): Promise<void> => {
  if (args.body.response_url !== undefined) {
    const m = rich === undefined ? plainMessage(message) : rich.forAck(message);
    await args.respond({ ...ephemeral(m), replace_original: replace });
    return;
  }
  const team = args.body.team?.id;
  const post = (m: Message) =>
    args.client.chat.postMessage({ channel: args.body.user.id, text: m.text, blocks: [...m.blocks] });
  await (rich === undefined ? post(plainMessage(message)) : rich.send(team, message, post));
};

/** The clicked element's value: a button's `value` or a menu's selected option. */
export const clickedValue = (args: ActionArgs): string | undefined => {
  const action = args.action;
  switch (action.type) {
    case 'button':
      return action.value;
    case 'static_select':
      return action.selected_option?.value;
    case 'overflow':
      return action.selected_option?.value;
    default:
      return undefined;
  }
};
