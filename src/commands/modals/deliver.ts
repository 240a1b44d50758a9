import type { Logger, webApi } from '@slack/bolt';
import { describe } from '../../shell/describe.js';
import type { Message } from '../../views/blocks.js';

export interface Recipient {
  readonly user: string;
  /** Where the user started: answer there, visible to them only. Without it (App Home), by DM. */
  readonly channel?: string;
}

/**
 * Tells one user something after a modal closed: an ephemeral message in the channel the modal came
 * from, or a DM when there is none or the channel refuses (the bot is not a member, the channel was
 * archived). Returns whether it was delivered; failures are logged, never thrown, because the change
 * they report is already stored.
 */
export const deliver = async (
  client: webApi.WebClient,
  to: Recipient,
  message: Message,
  logger: Logger,
): Promise<boolean> => {
  const body = { text: message.text, blocks: [...message.blocks] };
  if (to.channel !== undefined) {
    try {
      await client.chat.postEphemeral({ channel: to.channel, user: to.user, ...body });
      return true;
    } catch (error) {
      logger.warn(`confirmation to ${to.user} in ${to.channel} failed, sending a DM: ${describe(error)}`);
    }
  }
  try {
    await client.chat.postMessage({ channel: to.user, ...body });
    return true;
  } catch (error) {
    logger.error(`could not deliver a confirmation to ${to.user}: ${describe(error)}`);
    return false;
  }
};
