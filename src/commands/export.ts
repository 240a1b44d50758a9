import { exportFiles } from '../channels/export-files.js';
import { uploadToUser } from '../channels/upload.js';
import { isoDateIn } from '../domain/dates.js';
import { ALL, eventFilterFor, subscriptionTarget } from '../domain/subscriptions.js';
import type { Subcommand } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { errorReply } from '../views/error-text.js';
import { buildExportFailed, buildExportSent, buildExportStarted } from '../views/export.js';

/**
 * `/winwin export [<target|all>]` (editors and admins): pledges and history as two CSV files, sent to
 * the requester's DM. The command is acknowledged first; the files follow, and the requester hears
 * back either way.
 */
export const exportCommand: Subcommand = {
  name: 'export',
  aliases: ['내보내기'],
  usage: { en: '/winwin export [<target|all>]', ko: '/winwin export [<대상|all>]' },
  summary: {
    en: 'pledges and history as CSV files, sent to you by DM (editors)',
    ko: '출연 목록과 이력을 CSV 파일로 DM 전송 (편집자)',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const { store, zone } = ctx.deps;
    const state = store.read();
    const typed = ctx.args.join(' ').trim();
    const target = typed === '' ? { ok: true as const, value: ALL } : subscriptionTarget(state, typed);
    if (!target.ok) return ctx.reply(errorReply(target.error, ctx.locale));
    await ctx.ack(buildExportStarted(target.value, ctx.locale));
    try {
      const events = await store.eventsSince(0, eventFilterFor(state, target.value));
      const files = exportFiles(state, events, target.value, isoDateIn(ctx.now, zone), ctx.locale);
      await uploadToUser(ctx.client, ctx.user, files, buildExportSent(target.value, files, ctx.locale).text);
      ctx.logger.info(`export: ${files.map((f) => `${f.rows} rows`).join(', ')} sent to ${ctx.user}`);
      await ctx.respond(buildExportSent(target.value, files, ctx.locale));
    } catch (error) {
      ctx.logger.error(`export for ${ctx.user} failed: ${describe(error)}`);
      await ctx.respond(buildExportFailed(ctx.locale));
    }
  },
};
