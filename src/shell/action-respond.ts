import { ephemeral, type Message } from '../views/blocks.js';
import type { ActionArgs } from './deps.js';

/**
 * Answers a click on a message through its response_url: an ephemeral note under it, or (replace) the
 * message redrawn in place. A click without a response_url (App Home) gets the note as a DM.
 */
export const respondToClick = async (
  args: ActionArgs,
  message: Message,
  { replace = false }: { replace?: boolean } = {},
): Promise<void> => {
  if (args.body.response_url !== undefined) {
    await args.respond({ ...ephemeral(message), replace_original: replace });
    return;
  }
  await args.client.chat.postMessage({
    channel: args.body.user.id,
    text: message.text,
    blocks: [...message.blocks],
  });
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
