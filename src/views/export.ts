/** A file `/winwin export` sends. */
export interface ExportFile {
  readonly filename: string;
  readonly title: string;
  readonly bytes: Buffer;
  readonly rows: number;
}

import type { Locale, Localized } from '../i18n/common.js';
import { type Message, message, section, warningMessage } from './blocks.js';
import { code } from './mrkdwn.js';
import { targetLabel } from './subscriptions.js';

const T: Localized<{
  started: (target: string) => string;
  sent: (target: string, files: string, format: 'xlsx' | 'csv') => string;
  file: (name: string, rows: number) => string;
  failed: string;
}> = {
  en: {
    started: (target) =>
      `Preparing the export of ${target}; it will arrive in your direct messages with Winwin.`,
    sent: (target, files, format) =>
      `Export of ${target} sent to your direct messages: ${files}. ${format === 'xlsx' ? 'An Excel workbook: programs, pledges, guarantees and history.' : 'UTF-8 CSV, opens in Excel.'}`,
    file: (name, rows) => `${name} (${rows} row${rows === 1 ? '' : 's'})`,
    failed:
      'The export could not be delivered: Slack did not accept the file upload. Nothing was changed; try again in a minute.',
  },
  ko: {
    started: (target) => `${target} 내보내기를 준비 중입니다. Winwin과의 DM으로 전송됩니다.`,
    sent: (target, files, format) =>
      `${target} 내보내기를 DM으로 보냈습니다: ${files}. ${format === 'xlsx' ? 'Excel 통합 문서: 프로그램, 출연, 보증, 이력.' : 'UTF-8 CSV로 Excel에서 열립니다.'}`,
    file: (name, rows) => `${name} (${rows}행)`,
    failed:
      '파일 업로드를 Slack이 받지 않아 내보내기를 전달하지 못했습니다. 변경된 것은 없습니다. 잠시 후 다시 시도하세요.',
  },
};

export const buildExportStarted = (target: string, locale: Locale): Message => {
  const text = T[locale].started(targetLabel(target, locale));
  return message(text, [section(`:hourglass_flowing_sand: ${text}`)]);
};

export const buildExportSent = (
  target: string,
  files: readonly ExportFile[],
  locale: Locale,
  format: 'xlsx' | 'csv' = 'csv',
): Message => {
  const list = files.map((f) => T[locale].file(code(f.filename), f.rows)).join(', ');
  const text = T[locale].sent(targetLabel(target, locale), list, format);
  return message(text, [section(`:white_check_mark: ${text}`)]);
};

export const buildExportFailed = (locale: Locale): Message => warningMessage(T[locale].failed);
