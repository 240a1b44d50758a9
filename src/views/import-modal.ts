import { z } from 'zod';
import { formatWon } from '../domain/amount.js';
import {
  type BadRow,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type ImportPlan,
} from '../domain/guarantee-import.js';
import type { DomainError } from '../domain/result.js';
import type { Program } from '../domain/types.js';
import type { ProgramUtilization } from '../domain/utilization.js';
import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import { context, type KnownBlock, LIMITS, type ModalView, plainText, section, truncate } from './blocks.js';
import { errorText } from './error-text.js';
import { utilizationLine } from './guarantees.js';
import { IMPORT_MODAL } from './ids.js';
import { fileInput } from './modal-inputs.js';
import { bold, code, escapeMrkdwn } from './mrkdwn.js';

/**
 * `/winwin import guarantees <program>`: a modal with one file (CSV or XLSX); on submit it turns into
 * a preview of what the import would do (rows, total, new suppliers, every bad row with its line and
 * reason, missing columns, utilization after), and only its submit button stores the guarantees.
 */

/** What the modals carry in private_metadata. A hint only: the role comes from the request, and the file and program are re-read on confirm. */
export const ImportMetadataSchema = z.object({
  program: z.string().min(1).max(60),
  channel: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,20}$/)
    .optional(),
  /** The file previewed, and its SHA-256: confirm re-downloads it and refuses if it changed. */
  file: z
    .string()
    .regex(/^F[A-Z0-9]{2,30}$/)
    .optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ImportMetadata = z.infer<typeof ImportMetadataSchema>;

export const encodeImportMetadata = (m: ImportMetadata): string => {
  const json = JSON.stringify(ImportMetadataSchema.parse(m));
  if (json.length > LIMITS.privateMetadata) throw new Error('private_metadata too long');
  return json;
};

/** The metadata, or undefined when it is not what Winwin wrote. Never throws. */
export const decodeImportMetadata = (raw: unknown): ImportMetadata | undefined => {
  if (typeof raw !== 'string' || raw.length > LIMITS.privateMetadata) return undefined;
  try {
    const parsed = ImportMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

const T: Localized<{
  title: string;
  import: string;
  close: string;
  cancel: string;
  file: string;
  fileHint: string;
  intro: (program: string) => string;
  working: string;
  storing: string;
  summary: (rows: number, total: string) => string;
  newSuppliers: (n: number) => string;
  badRows: (n: number) => string;
  line: (line: number) => string;
  more: (n: number) => string;
  missing: (columns: string, seen: string) => string;
  columnsFound: string;
  after: string;
  afterValid: string;
  fixAndRetry: string;
  confirmNote: string;
  nothing: string;
  done: (n: number, program: string) => string;
  failed: string;
  columns: Record<ImportColumn | 'row', string>;
}> = {
  en: {
    title: 'Import guarantees',
    import: 'Import',
    close: 'Close',
    cancel: 'Cancel',
    file: 'K-sure list (CSV or XLSX)',
    fileHint: `One file, at most 5 MB and ${IMPORT_MAX_ROWS.toLocaleString('en')} rows. Columns: 업체명/supplier, 보증금액/amount, 보증일자/date.`,
    intro: (program) =>
      `Guarantees for ${program}. Nothing is stored until you confirm the preview; the import is all or nothing.`,
    working: ':hourglass_flowing_sand: Reading the file…',
    storing: ':hourglass_flowing_sand: Importing…',
    summary: (rows, total) => `${rows} guarantee${rows === 1 ? '' : 's'}, ${total} in all.`,
    newSuppliers: (n) => `New suppliers (${n})`,
    badRows: (n) => `:warning: ${n} row${n === 1 ? '' : 's'} cannot be imported`,
    line: (line) => `line ${line}`,
    more: (n) => `… and ${n} more.`,
    missing: (columns, seen) => `:warning: Columns not found: ${columns}. Headers in the file: ${seen}.`,
    columnsFound: 'Columns',
    after: 'Utilization after the import',
    afterValid: 'Utilization if the good rows were imported',
    fixAndRetry:
      'Fix these rows in the file and import it again: the import is all or nothing, so nothing was stored.',
    confirmNote: 'Press *Import* to store these guarantees (one event each). Nothing is stored before.',
    nothing: 'There is nothing to import.',
    done: (n, program) => `:white_check_mark: Imported ${n} guarantee${n === 1 ? '' : 's'} into ${program}.`,
    failed: ':warning: Nothing was imported.',
    columns: { supplier: 'supplier', amount: 'amount', date: 'date', row: 'row' },
  },
  ko: {
    title: '보증 가져오기',
    import: '가져오기',
    close: '닫기',
    cancel: '취소',
    file: '무역보험공사 목록 (CSV 또는 XLSX)',
    fileHint: `파일 하나, 최대 5MB·${IMPORT_MAX_ROWS.toLocaleString('en')}행. 열: 업체명, 보증금액, 보증일자 (영문 supplier, amount, date도 가능).`,
    intro: (program) =>
      `${program}의 보증. 미리보기를 확인하기 전에는 아무것도 저장되지 않으며, 전부 가져오거나 전혀 가져오지 않습니다.`,
    working: ':hourglass_flowing_sand: 파일을 읽는 중…',
    storing: ':hourglass_flowing_sand: 가져오는 중…',
    summary: (rows, total) => `보증 ${rows}건, 합계 ${total}.`,
    newSuppliers: (n) => `새 업체 (${n})`,
    badRows: (n) => `:warning: 가져올 수 없는 행 ${n}개`,
    line: (line) => `${line}행`,
    more: (n) => `… 외 ${n}개.`,
    missing: (columns, seen) => `:warning: 찾지 못한 열: ${columns}. 파일의 머리글: ${seen}.`,
    columnsFound: '열',
    after: '가져온 뒤 한도 사용률',
    afterValid: '올바른 행만 가져온다면 한도 사용률',
    fixAndRetry:
      '파일에서 이 행들을 고친 뒤 다시 가져오세요. 전부 가져오거나 전혀 가져오지 않으므로 저장된 것은 없습니다.',
    confirmNote:
      '*가져오기*를 누르면 이 보증들이 저장됩니다 (보증마다 이벤트 하나). 그 전에는 저장되지 않습니다.',
    nothing: '가져올 것이 없습니다.',
    done: (n, program) => `:white_check_mark: ${program}에 보증 ${n}건을 가져왔습니다.`,
    failed: ':warning: 아무것도 가져오지 않았습니다.',
    columns: { supplier: '업체명(supplier)', amount: '보증금액(amount)', date: '보증일자(date)', row: '행' },
  },
};

/** Bad rows listed one by one, up to this many (a modal holds 100 blocks of 3,000 characters). */
const BAD_ROWS_SHOWN = 60;
const SUPPLIERS_SHOWN = 40;

const modal = (
  locale: Locale,
  blocks: KnownBlock[],
  metadata: ImportMetadata,
  submit?: string,
  callbackId: string = IMPORT_MODAL.callbackId,
): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plainText(T[locale].title, LIMITS.modalTitle),
  close: plainText(submit === undefined ? T[locale].close : T[locale].cancel, LIMITS.modalButton),
  ...(submit === undefined ? {} : { submit: plainText(submit, LIMITS.modalButton) }),
  private_metadata: encodeImportMetadata(metadata),
  blocks,
});

/** The file modal (callback_id `guarantee_import`, file_input `file`). */
export const buildImportModal = (program: Program, locale: Locale, channel?: string): ModalView =>
  modal(
    locale,
    [
      section(escapeMrkdwn(T[locale].intro(`${program.name} (${program.slug})`))),
      fileInput({
        field: IMPORT_MODAL.fields.file,
        label: T[locale].file,
        hint: T[locale].fileHint,
        filetypes: ['csv', 'xlsx'],
      }),
    ],
    { program: program.slug, ...(channel === undefined ? {} : { channel }) },
    WORDS[locale].submit,
  );

/** While the file is fetched and read, or the import stored. */
export const buildImportWorkingModal = (
  locale: Locale,
  metadata: ImportMetadata,
  storing = false,
): ModalView =>
  modal(
    locale,
    [section(storing ? T[locale].storing : T[locale].working)],
    metadata,
    undefined,
    IMPORT_MODAL.confirmCallbackId,
  );

/** A refusal: what was wrong (too large, not CSV/XLSX, a duplicate file…), nothing stored. */
export const buildImportErrorModal = (
  error: DomainError,
  locale: Locale,
  metadata: ImportMetadata,
): ModalView =>
  modal(
    locale,
    [section(`${T[locale].failed}\n${errorText(error, locale)}`)],
    metadata,
    undefined,
    IMPORT_MODAL.confirmCallbackId,
  );

const badRowText = (row: BadRow, locale: Locale): string =>
  `• ${bold(T[locale].line(row.line))} (${escapeMrkdwn(T[locale].columns[row.column])}): ${truncate(errorText(row.error, locale), 300)}`;

export interface PreviewInput {
  readonly plan: ImportPlan;
  readonly filename: string;
  /** The program's utilization with the good rows imported. */
  readonly after: ProgramUtilization;
  readonly metadata: ImportMetadata;
  readonly locale: Locale;
}

/**
 * The preview (callback_id `guarantee_import_confirm`). With every row good and every column found it
 * has an Import button; otherwise it lists what is wrong and can only be closed.
 */
export const buildImportPreviewModal = ({
  plan,
  filename,
  after,
  metadata,
  locale,
}: PreviewInput): ModalView => {
  const t = T[locale];
  const blocks: KnownBlock[] = [
    context(`${code(filename)} → ${code(plan.program.slug)} ${escapeMrkdwn(plan.program.name)}`),
  ];
  const found = Object.entries(plan.columns.found)
    .map(([column, f]) => `${escapeMrkdwn(t.columns[column as ImportColumn])} = ${code(f.header)}`)
    .join(' · ');
  if (plan.columns.missing.length > 0) {
    const seen = found === '' ? WORDS[locale].none : found;
    blocks.push(section(t.missing(plan.columns.missing.map((c) => bold(t.columns[c])).join(', '), seen)));
    return modal(locale, blocks, metadata, undefined, IMPORT_MODAL.confirmCallbackId);
  }
  blocks.push(context(`${escapeMrkdwn(t.columnsFound)}: ${found}`));
  blocks.push(section(t.summary(plan.rows.length, formatWon(plan.total, locale))));
  if (plan.newSuppliers.length > 0) {
    const shown = plan.newSuppliers.slice(0, SUPPLIERS_SHOWN).map(escapeMrkdwn).join(', ');
    const more =
      plan.newSuppliers.length > SUPPLIERS_SHOWN
        ? ` ${t.more(plan.newSuppliers.length - SUPPLIERS_SHOWN)}`
        : '';
    blocks.push(
      section(`*${escapeMrkdwn(t.newSuppliers(plan.newSuppliers.length))}*\n${truncate(shown, 2800)}${more}`),
    );
  }
  const good = plan.bad.length === 0 && plan.rows.length > 0;
  blocks.push(
    section(
      `*${escapeMrkdwn(good ? t.after : t.afterValid)}*\n${escapeMrkdwn(utilizationLine(after, locale))}`,
    ),
  );
  if (plan.bad.length > 0) {
    blocks.push(section(t.badRows(plan.bad.length)));
    const lines = plan.bad.slice(0, BAD_ROWS_SHOWN).map((row) => badRowText(row, locale));
    // A few rows per section keeps each inside Slack's 3,000 characters.
    for (let i = 0; i < lines.length; i += 8) blocks.push(section(lines.slice(i, i + 8).join('\n')));
    if (plan.bad.length > BAD_ROWS_SHOWN)
      blocks.push(context(escapeMrkdwn(t.more(plan.bad.length - BAD_ROWS_SHOWN))));
    blocks.push(context(escapeMrkdwn(t.fixAndRetry)));
  } else if (plan.rows.length === 0) {
    blocks.push(section(escapeMrkdwn(t.nothing)));
  } else {
    blocks.push(context(t.confirmNote));
  }
  return modal(locale, blocks, metadata, good ? t.import : undefined, IMPORT_MODAL.confirmCallbackId);
};

/** After the import: how many, and the utilization now. */
export const buildImportDoneModal = (
  count: number,
  program: Program,
  after: ProgramUtilization,
  locale: Locale,
  metadata: ImportMetadata,
): ModalView =>
  modal(
    locale,
    [
      section(escapeMrkdwn(T[locale].done(count, program.slug))),
      context(escapeMrkdwn(utilizationLine(after, locale))),
    ],
    metadata,
    undefined,
    IMPORT_MODAL.confirmCallbackId,
  );
