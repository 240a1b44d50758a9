import type { webApi } from '@slack/bolt';
import { isoDateIn } from '../domain/dates.js';
import { type ImportPlan, planImport } from '../domain/guarantee-import.js';
import { issueGuarantees, OPEN_FOR_GUARANTEES } from '../domain/guarantees.js';
import {
  type DomainError,
  type ErrorCode,
  type ErrorDetails,
  err,
  ok,
  type Result,
} from '../domain/result.js';
import { programStanding } from '../domain/standing.js';
import type { Localized } from '../i18n/common.js';
import type { Deps, Subcommand, ViewArgs, ViewListener, WinwinContext } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { type DownloadedFile, downloadFile, readTable } from '../shell/import-file.js';
import { warningMessage } from '../views/blocks.js';
import { usageErrorReply } from '../views/error-text.js';
import { guaranteeIssuedMessage } from '../views/guarantees.js';
import { IMPORT_MODAL } from '../views/ids.js';
import {
  buildImportDoneModal,
  buildImportErrorModal,
  buildImportModal,
  buildImportPreviewModal,
  buildImportWorkingModal,
  decodeImportMetadata,
  type ImportMetadata,
} from '../views/import-modal.js';
import { deliver } from './modals/deliver.js';
import { submittedByEditor } from './modals/editor-gate.js';
import { resolveProgram } from './modals/resolve.js';

/**
 * `/winwin import guarantees <program>` (editors): a modal takes one CSV or XLSX file; on submit Winwin
 * downloads it with the bot token, reads every row and turns the modal into a preview. Nothing is stored
 * until the preview is confirmed; then the file is downloaded again (it must be the same bytes), checked
 * again against the store as it is then, and its guarantees recorded all or nothing, one event each.
 */

const USAGE: Localized<readonly string[]> = {
  en: ['/winwin import guarantees <program>'],
  ko: ['/winwin import guarantees <프로그램>'],
};

/** A failure as a value (no Result around it), for the modals that show it. */
const problem = <C extends ErrorCode>(code: C, details: ErrorDetails[C]): DomainError =>
  ({ code, details }) as DomainError;

const TEXT: Localized<{ what: string }> = {
  en: { what: 'Say what to import: /winwin import guarantees <program>.' },
  ko: { what: '무엇을 가져올지 쓰세요: /winwin import guarantees <프로그램>.' },
};

export const importCommand: Subcommand = {
  name: 'import',
  aliases: ['가져오기'],
  usage: { en: USAGE.en.join('\n'), ko: USAGE.ko.join('\n') },
  summary: {
    en: "import K-sure's list of guarantees (CSV or XLSX) into a program, after a preview (editors)",
    ko: '무역보험공사의 보증 목록(CSV 또는 XLSX)을 미리보기 후 프로그램으로 가져오기 (편집자)',
  },
  async run(ctx) {
    if (!(await ctx.require('editor'))) return;
    const [what, target, ...rest] = ctx.args;
    if (
      !['guarantees', 'guarantee', '보증'].includes((what ?? '').toLowerCase()) ||
      target === undefined ||
      rest.length > 0
    ) {
      return ctx.reply(warningMessage(TEXT[ctx.locale].what, USAGE[ctx.locale]));
    }
    const program = resolveProgram(ctx.deps.store.read(), target);
    if (!program.ok) return ctx.reply(usageErrorReply(program.error, ctx.locale, USAGE[ctx.locale]));
    if (!OPEN_FOR_GUARANTEES.includes(program.value.status)) {
      const refused = problem('GUARANTEE.PROGRAM_NOT_OPEN', {
        field: 'program',
        program: program.value.slug,
        status: program.value.status,
      });
      return ctx.reply(usageErrorReply(refused, ctx.locale, USAGE[ctx.locale]));
    }
    await ctx.client.views.open({
      trigger_id: ctx.triggerId,
      view: buildImportModal(program.value, ctx.locale, ctx.channel),
    });
  },
};

/** The id of the one file in the submitted file_input, if any. */
const submittedFile = (values: unknown): string | undefined => {
  const field = IMPORT_MODAL.fields.file;
  const block = (values as Record<string, Record<string, { files?: { id?: unknown }[] }>> | undefined)?.[
    field
  ]?.[field];
  const id = block?.files?.[0]?.id;
  return typeof id === 'string' && /^F[A-Z0-9]{2,30}$/.test(id) ? id : undefined;
};

interface Read {
  readonly file: DownloadedFile;
  readonly plan: ImportPlan;
}

/** Downloads and reads the file, refuses a file imported before, and plans the import on today's store. */
const readAndPlan = async (
  deps: Deps,
  client: webApi.WebClient,
  fileId: string,
  program: string,
  ctx: WinwinContext,
): Promise<Result<Read>> => {
  const token = deps.config.botToken;
  if (token === undefined) return err('IMPORT.INVALID', { reason: 'download' });
  const file = await downloadFile(client, fileId, token, deps.config.apiUrl);
  if (!file.ok) return file;
  const state = deps.store.read();
  const earlier = (state.guaranteeImports ?? []).find((i) => i.sha256 === file.value.sha256);
  if (earlier !== undefined) {
    return err('IMPORT.DUPLICATE', {
      filename: earlier.filename,
      at: earlier.at,
      program: earlier.program,
    });
  }
  const table = await readTable(file.value);
  if (!table.ok) return table;
  const plan = planImport(state, program, table.value, { actor: ctx.user, now: ctx.now });
  if (!plan.ok) return plan;
  return ok({ file: file.value, plan: plan.value });
};

/** Replaces the modal the user is looking at (after an ack that showed "working…"). */
const show = async (args: ViewArgs, view: ReturnType<typeof buildImportWorkingModal>): Promise<void> => {
  const viewId = (args.body.view as { id?: string } | undefined)?.id;
  if (viewId === undefined) return;
  try {
    await args.client.views.update({ view_id: viewId, view });
  } catch (error) {
    args.logger.warn(`import: could not update the modal: ${describe(error)}`);
  }
};

const metadataOf = (args: ViewArgs): ImportMetadata | undefined =>
  decodeImportMetadata((args.body.view as { private_metadata?: unknown } | undefined)?.private_metadata);

/** The file modal's submission: acknowledged at once with "reading…", then the preview replaces it. */
export const importSubmission: ViewListener = {
  callbackId: IMPORT_MODAL.callbackId,
  async run(args, ctx) {
    if (!(await submittedByEditor(args.ack, ctx))) return;
    const metadata = metadataOf(args);
    const fileId = submittedFile(
      (args.body.view as { state?: { values?: unknown } } | undefined)?.state?.values,
    );
    if (metadata === undefined || fileId === undefined) {
      await args.ack({
        response_action: 'errors',
        errors: {
          [IMPORT_MODAL.fields.file]: ctx.locale === 'ko' ? '파일 하나를 고르세요.' : 'Choose one file.',
        },
      });
      return;
    }
    const base: ImportMetadata = {
      program: metadata.program,
      ...(metadata.channel === undefined ? {} : { channel: metadata.channel }),
    };
    await args.ack({ response_action: 'update', view: buildImportWorkingModal(ctx.locale, base) });
    const read = await readAndPlan(ctx.deps, args.client, fileId, metadata.program, ctx).catch(
      (error: unknown) => {
        args.logger.error(`import: reading ${fileId} failed: ${describe(error)}`);
        return err('IMPORT.INVALID', { reason: 'download' });
      },
    );
    if (!read.ok) return show(args, buildImportErrorModal(read.error, ctx.locale, base));
    const { file, plan } = read.value;
    const after = programStanding(
      plan.after,
      plan.program,
      isoDateIn(ctx.now, ctx.deps.config.tz),
    ).utilization;
    await show(
      args,
      buildImportPreviewModal({
        plan,
        filename: file.name,
        after,
        metadata: { ...base, file: file.id, sha256: file.sha256 },
        locale: ctx.locale,
      }),
    );
  },
};

/** The preview's submission: the same file again, checked again, stored all or nothing. */
export const importConfirmSubmission: ViewListener = {
  callbackId: IMPORT_MODAL.confirmCallbackId,
  async run(args, ctx) {
    if (!(await submittedByEditor(args.ack, ctx))) return;
    const metadata = metadataOf(args);
    if (metadata?.file === undefined || metadata.sha256 === undefined) {
      const error = problem('IMPORT.INVALID', { reason: 'expired' });
      await args.ack({
        response_action: 'update',
        view: buildImportErrorModal(error, ctx.locale, { program: metadata?.program ?? 'unknown' }),
      });
      return;
    }
    await args.ack({ response_action: 'update', view: buildImportWorkingModal(ctx.locale, metadata, true) });
    const fail = (error: Parameters<typeof buildImportErrorModal>[0]) =>
      show(args, buildImportErrorModal(error, ctx.locale, metadata));
    const read = await readAndPlan(ctx.deps, args.client, metadata.file, metadata.program, ctx).catch(
      (error: unknown) => {
        args.logger.error(`import: reading ${metadata.file} again failed: ${describe(error)}`);
        return err('IMPORT.INVALID', { reason: 'download' });
      },
    );
    if (!read.ok) return fail(read.error);
    const { file, plan } = read.value;
    if (file.sha256 !== metadata.sha256) return fail(problem('IMPORT.INVALID', { reason: 'expired' }));
    if (plan.columns.missing.length > 0 || plan.bad.length > 0 || plan.rows.length === 0) {
      return fail(
        problem('IMPORT.INVALID', {
          reason: plan.rows.length === 0 ? 'empty' : 'bad_rows',
        }),
      );
    }
    const domainCtx = { actor: ctx.user, now: ctx.now };
    const stored = await ctx.deps.store.mutate((state) =>
      issueGuarantees(state, plan.program.slug, plan.rows, domainCtx, {
        sha256: file.sha256,
        filename: file.name.slice(0, 255),
      }),
    );
    if (!stored.ok) return fail(stored.error);
    const state = ctx.deps.store.read();
    const program = state.programs.find((p) => p.slug === plan.program.slug) ?? plan.program;
    const after = programStanding(state, program, isoDateIn(ctx.now, ctx.deps.config.tz)).utilization;
    ctx.deps.logger.info(`import: ${stored.value.length} guarantees into ${program.slug} by ${ctx.user}`);
    await show(args, buildImportDoneModal(stored.value.length, program, after, ctx.locale, metadata));
    await deliver(
      args.client,
      { user: ctx.user, ...(metadata.channel === undefined ? {} : { channel: metadata.channel }) },
      guaranteeIssuedMessage({
        issued: stored.value.slice(0, 20),
        program,
        utilization: after,
        locale: ctx.locale,
      }),
      args.logger,
    );
  },
};
