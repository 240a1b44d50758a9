import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportCell,
  type ImportTable,
  ImportTableSchema,
} from '../domain/guarantee-import.js';
import { err, ok, type Result } from '../domain/result.js';

/**
 * The shell of a guarantee import: download the file the user attached (files.info, then its private
 * download URL with the bot token) and read it into a table (csv-parse for CSV, exceljs for XLSX). The
 * domain (guarantee-import.ts) checks the rows.
 */

export type ImportFormat = 'csv' | 'xlsx';

export interface DownloadedFile {
  readonly id: string;
  readonly name: string;
  readonly format: ImportFormat;
  readonly bytes: Buffer;
  /** SHA-256 of the bytes, hex: the same file imported twice is refused by it. */
  readonly sha256: string;
}

const formatOf = (name: string, filetype: string | undefined, bytes?: Buffer): ImportFormat | undefined => {
  const lower = name.toLowerCase();
  if (filetype === 'xlsx' || lower.endsWith('.xlsx')) return 'xlsx';
  if (filetype === 'csv' || lower.endsWith('.csv')) return 'csv';
  // A zip (PK\x03\x04) is an Office Open XML workbook.
  if (bytes?.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (filetype === 'text' || lower.endsWith('.txt')) return 'csv';
  return undefined;
};

/**
 * Whether `url` may receive the bot token: Slack's file hosts, or the Web API's own origin (the
 * loopback fake and any proxy configured as SLACK_API_URL). Never an arbitrary host.
 */
export const mayCarryToken = (url: string, apiUrl: string): boolean => {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (
    target.protocol === 'https:' &&
    (target.hostname === 'files.slack.com' || target.hostname.endsWith('.slack.com'))
  )
    return true;
  try {
    return target.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
};

/** Downloads a file shared in a modal: IMPORT.TOO_LARGE above 5 MB, IMPORT.INVALID when it is not CSV or XLSX or cannot be fetched. */
export const downloadFile = async (
  client: webApi.WebClient,
  fileId: string,
  token: string,
  apiUrl: string,
): Promise<Result<DownloadedFile>> => {
  const info = await client.files.info({ file: fileId });
  const file = info.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (file === undefined || url === undefined) return err('IMPORT.INVALID', { reason: 'download' });
  const name = file.name ?? file.title ?? fileId;
  if (typeof file.size === 'number' && file.size > IMPORT_MAX_BYTES) {
    return err('IMPORT.TOO_LARGE', {
      reason: 'bytes',
      maxMb: 5,
      got: file.size,
    });
  }
  if (formatOf(name, file.filetype) === undefined) {
    return err('IMPORT.INVALID', { reason: 'format', filename: name });
  }
  if (!mayCarryToken(url, apiUrl)) {
    return err('IMPORT.INVALID', {
      reason: 'download',
    });
  }
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, redirect: 'error' });
  if (!response.ok) return err('IMPORT.INVALID', { reason: 'download' });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > IMPORT_MAX_BYTES) {
    return err('IMPORT.TOO_LARGE', {
      reason: 'bytes',
      maxMb: 5,
      got: declared,
    });
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > IMPORT_MAX_BYTES) {
    return err('IMPORT.TOO_LARGE', {
      reason: 'bytes',
      maxMb: 5,
      got: bytes.length,
    });
  }
  const format = formatOf(name, file.filetype, bytes) ?? 'csv';
  return ok({ id: fileId, name, format, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
};

const cellOfXlsx = (value: ExcelJS.CellValue): ImportCell => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : { date: value.toISOString().slice(0, 10) };
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellOfXlsx((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return null;
};

/** The first non-empty row is the header; the rest are data, numbered as the sheet numbers them. */
const toTable = (rows: { line: number; cells: ImportCell[] }[]): Result<ImportTable> => {
  const nonEmpty = rows.filter((r) =>
    r.cells.some((c) => c !== null && String(typeof c === 'object' ? c.date : c).trim() !== ''),
  );
  const [head, ...data] = nonEmpty;
  if (head === undefined) return err('IMPORT.INVALID', { reason: 'empty' });
  if (data.length > IMPORT_MAX_ROWS) {
    return err('IMPORT.TOO_LARGE', {
      reason: 'rows',
      max: IMPORT_MAX_ROWS,
      got: data.length,
    });
  }
  const table = ImportTableSchema.safeParse({ headerLine: head.line, header: head.cells, rows: data });
  return table.success
    ? ok(table.data)
    : err('IMPORT.INVALID', {
        reason: 'unreadable',
      });
};

/** Comma, unless the first line has none and a semicolon or a tab instead (Excel in some locales). */
const delimiterOf = (bytes: Buffer): string => {
  const first = bytes.subarray(0, 4096).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
};

const readCsv = (bytes: Buffer): Result<ImportTable> => {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      delimiter: delimiterOf(bytes),
      max_record_size: 100_000,
      to_line: IMPORT_MAX_ROWS + 100,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return err('IMPORT.INVALID', { reason: 'unreadable' });
  }
  return toTable(
    records.map((r) => ({ line: r.info.lines, cells: r.record.map((c) => (c === '' ? null : c)) })),
  );
};

const readXlsx = async (bytes: Buffer): Promise<Result<ImportTable>> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return err('IMPORT.INVALID', { reason: 'unreadable' });
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return err('IMPORT.INVALID', { reason: 'empty' });
  const rows: { line: number; cells: ImportCell[] }[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (rows.length > IMPORT_MAX_ROWS + 1) {
      tooMany = true;
      return;
    }
    const cells: ImportCell[] = [];
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based: index 0 is always empty.
    for (let i = 1; i < values.length; i++) cells.push(cellOfXlsx(values[i]));
    rows.push({ line, cells });
  });
  if (tooMany) {
    return err('IMPORT.TOO_LARGE', {
      reason: 'rows',
      max: IMPORT_MAX_ROWS,
      got: sheet.actualRowCount - 1,
    });
  }
  return toTable(rows);
};

/** The file's first sheet (XLSX) or its rows (CSV) as a table. */
export const readTable = (file: Pick<DownloadedFile, 'format' | 'bytes'>): Promise<Result<ImportTable>> =>
  file.format === 'xlsx' ? readXlsx(file.bytes) : Promise.resolve(readCsv(file.bytes));
