import type { webApi } from '@slack/bolt';
import type { ExportFile } from '../views/export.js';

/**
 * Sends files to a user in their direct message with Winwin, the way Slack wants uploads now: for each
 * file files.getUploadURLExternal, then a POST of its bytes to the URL Slack gave; then one
 * files.completeUploadExternal that shares them all in the DM (channel_id from conversations.open).
 * Throws on any failure; nothing is stored, so the user can simply try again.
 */
export const uploadToUser = async (
  client: webApi.WebClient,
  user: string,
  files: readonly ExportFile[],
  comment: string,
): Promise<void> => {
  const opened = await client.conversations.open({ users: user });
  const channel = opened.channel?.id;
  if (channel === undefined) throw new Error('conversations.open returned no channel');
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const target = await client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.bytes.length,
    });
    if (target.upload_url === undefined || target.file_id === undefined) {
      throw new Error('files.getUploadURLExternal returned no upload URL');
    }
    const response = await fetch(target.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file.bytes),
    });
    if (!response.ok) throw new Error(`file upload failed: HTTP ${response.status}`);
    uploaded.push({ id: target.file_id, title: file.title });
  }
  const [first, ...rest] = uploaded;
  if (first === undefined) return;
  await client.files.completeUploadExternal({
    files: [first, ...rest],
    channel_id: channel,
    initial_comment: comment,
  });
};
