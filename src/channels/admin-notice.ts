import type { webApi } from '@slack/bolt';
import type { Deps } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import type { Message } from '../views/blocks.js';

/** Every admin: those named in WINWIN_ADMINS and those granted the role in the app. */
export const adminIds = (deps: Deps): string[] => [
  ...new Set([
    ...deps.config.admins,
    ...deps.store
      .read()
      .grants.filter((g) => g.role === 'admin')
      .map((g) => g.user),
  ]),
];

/**
 * Sends `message` to each admin by direct message (conversations.open, then chat.postMessage). One
 * admin Slack cannot reach does not stop the others; failures are logged by user id only.
 */
export const notifyAdmins = async (client: webApi.WebClient, deps: Deps, message: Message): Promise<void> => {
  for (const admin of adminIds(deps)) {
    try {
      const opened = await client.conversations.open({ users: admin });
      const channel = opened.channel?.id;
      if (channel === undefined) throw new Error('conversations.open returned no channel');
      await client.chat.postMessage({ channel, text: message.text, blocks: [...message.blocks] });
    } catch (error) {
      deps.logger.error(`could not tell admin ${admin} that a channel was paused: ${describe(error)}`);
    }
  }
};
