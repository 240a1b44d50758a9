import type { webApi } from '@slack/bolt';
import type { ExportFile } from '../views/export.js';

/**
 * Sends files to a user in their direct message with Winwin through the Web API client's
 * `filesUploadV2`, maintained by Slack: it calls files.getUploadURLExternal for each file, POSTs the
 * bytes to the URL Slack gave (multipart, field `body`), then files.completeUploadExternal shares them
 * all in one message in the DM (channel_id from conversations.open), with the client's timeouts and
 * retries. Throws on any failure; nothing is stored, so the user can simply try again.
 */
export const uploadToUser = async (
  client: webApi.WebClient,
  user: string,
  files: readonly ExportFile[],
  comment: string,
): Promise<void> => {
  if (files.length === 0) return;
  const opened = await client.conversations.open({ users: user });
  const channel = opened.channel?.id;
  if (channel === undefined) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({
    channel_id: channel,
    initial_comment: comment,
    file_uploads: files.map((file) => ({
      file: Buffer.from(file.bytes),
      filename: file.filename,
      title: file.title,
    })),
  });
};
