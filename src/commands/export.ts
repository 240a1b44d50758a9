import { exportFiles } from '../channels/export-files.js';
import { exportWorkbook } from '../channels/export-xlsx.js';
import { uploadToUser } from '../channels/upload.js';
import { isoDateIn } from '../domain/dates.js';
import { ALL, eventFilterFor, subscriptionTarget } from '../domain/subscriptions.js';
import type { Subcommand } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { errorReply } from '../views/error-text.js';
import { buildExportFailed, buildExportSent, buildExportStarted } from '../views/export.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * `/winwin export [<target|all>] [xlsx|csv]` (editors and admins): one Excel workbook (programs,
 * pledges, guarantees, history), or with `csv` the same as CSV files, sent to the requester's DM. The
 * command is acknowledged first; the files follow, and the requester hears back either way.
 */
export const exportCommand: Subcommand = {
  name: 'export',
  aliases: ['내보내기'],
  usage: { en: '/winwin export [<target|all>] [xlsx|csv]', ko: '/winwin export [<대상|all>] [xlsx|csv]' },
  summary: {
    en: 'programs, pledges, guarantees and history as an Excel workbook (default) or CSV files, sent to you by DM (editors)',
    ko: '프로그램, 출연, 보증, 이력을 Excel 통합 문서(기본) 또는 CSV 파일로 DM 전송 (편집자)',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const { store, zone, config } = ctx.deps;
    const state = store.read();
    const args = [...ctx.args];
    const last = args.at(-1)?.toLowerCase();
    const format: ExportFormat = last === 'csv' || last === 'xlsx' ? last : 'xlsx';
    if (last === 'csv' || last === 'xlsx') args.pop();
    const typed = args.join(' ').trim();
    const target = typed === '' ? { ok: true as const, value: ALL } : subscriptionTarget(state, typed);
    if (!target.ok) return ctx.reply(errorReply(target.error, ctx.locale));
    await ctx.ack(buildExportStarted(target.value, ctx.locale));
    try {
      const events = await store.eventsSince(0, eventFilterFor(state, target.value));
      const today = isoDateIn(ctx.now, zone);
      const files =
        format === 'xlsx'
          ? [await exportWorkbook(state, events, target.value, today, ctx.locale, config.tz)]
          : exportFiles(state, events, target.value, today, ctx.locale, config.tz);
      const sent = buildExportSent(target.value, files, ctx.locale, format);
      await uploadToUser(ctx.client, ctx.user, files, sent.text);
      ctx.logger.info(`export: ${files.map((f) => `${f.rows} rows`).join(', ')} sent to ${ctx.user}`);
      await ctx.respond(sent);
    } catch (error) {
      ctx.logger.error(`export for ${ctx.user} failed: ${describe(error)}`);
      await ctx.respond(buildExportFailed(ctx.locale));
    }
  },
};
