import { z } from 'zod';
import { parseAmount } from './amount.js';
import type { Ctx } from './change.js';
import { isIsoDate } from './dates.js';
import { Decimal } from './decimal.js';
import { checkGuaranteeFields, checkSupplierCap, guaranteesOf, issueGuarantees } from './guarantees.js';
import { getProgram } from './programs.js';
import { type DomainError, err, errorField, ok, type Result } from './result.js';
import { contributorKey, sanitizeText } from './text.js';
import { type Guarantee, IsoDateSchema, type Program, type State, type Won } from './types.js';

/**
 * A list of guarantees from K-sure's spreadsheet, read into a table by the shell (CSV or XLSX), checked
 * here row by row: which columns are which (Korean or English headers), each row's supplier, amount
 * (any form parseAmount reads) and date, the program's supplier cap with the rows before counted.
 */

/** Limits of one import: bigger lists are split by whoever sends them. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

/** A cell as the shell read it: text, a number, a calendar date, or empty. */
export const ImportCellSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.object({ date: IsoDateSchema }),
  z.null(),
]);
export type ImportCell = z.infer<typeof ImportCellSchema>;

/** The table a file holds: the header row and the data rows, each with its line (row) number in the file. */
export const ImportTableSchema = z.object({
  headerLine: z.number().int().positive(),
  header: z.array(ImportCellSchema).max(200),
  rows: z
    .array(z.object({ line: z.number().int().positive(), cells: z.array(ImportCellSchema).max(200) }))
    .max(IMPORT_MAX_ROWS + 1),
});
export type ImportTable = z.infer<typeof ImportTableSchema>;

export const IMPORT_COLUMNS = ['supplier', 'amount', 'date'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names per column, compared without spaces, case, and a trailing unit in parentheses. */
const HEADER_NAMES: Readonly<Record<ImportColumn, readonly string[]>> = {
  supplier: [
    '업체명',
    '업체',
    '기업명',
    '기업',
    '협력사',
    '협력사명',
    '회사명',
    '수혜기업',
    'supplier',
    'suppliername',
    'company',
    'firm',
    'name',
  ],
  amount: ['보증금액', '보증액', '금액', '보증한도', 'amount', 'guaranteeamount', 'guarantee', 'value'],
  date: [
    '보증일자',
    '보증일',
    '발급일',
    '발급일자',
    '일자',
    '날짜',
    'date',
    'issuedon',
    'issued',
    'issuedate',
    'guaranteedate',
  ],
};

const headerKey = (cell: ImportCell): string =>
  typeof cell === 'string'
    ? sanitizeText(cell)
        .toLowerCase()
        .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
        .replace(/[\s_\-.:]/g, '')
    : '';

export interface ColumnMap {
  readonly found: Partial<Record<ImportColumn, { readonly index: number; readonly header: string }>>;
  readonly missing: readonly ImportColumn[];
}

/** Which header cell is which column; the first match wins. */
export const findColumns = (header: readonly ImportCell[]): ColumnMap => {
  const found: Partial<Record<ImportColumn, { index: number; header: string }>> = {};
  for (const column of IMPORT_COLUMNS) {
    const names = HEADER_NAMES[column];
    const index = header.findIndex((cell) => names.includes(headerKey(cell)));
    if (index >= 0) found[column] = { index, header: sanitizeText(String(header[index])) };
  }
  return { found, missing: IMPORT_COLUMNS.filter((c) => found[c] === undefined) };
};

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell: a calendar date, an Excel serial day, or text like 2025-08-18, 2025.08.18, 2025/8/18, 20250818, 2025년 8월 18일. */
export const parseImportDate = (cell: ImportCell): string | undefined => {
  if (cell === null) return undefined;
  if (typeof cell === 'object') return cell.date;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return undefined;
    return new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = sanitizeText(cell);
  const m =
    /^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const iso = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
};

/** An amount cell: text in any form parseAmount reads, or a number of won. */
const parseImportAmount = (cell: ImportCell): Result<Won> => {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? parseAmount(new Decimal(cell).toFixed()) : parseAmount('');
  }
  if (cell === null || typeof cell === 'object') return parseAmount('');
  return parseAmount(cell);
};

const cellText = (cell: ImportCell | undefined): string =>
  cell === undefined || cell === null ? '' : typeof cell === 'object' ? cell.date : String(cell);

export interface BadRow {
  /** Line (row) number in the file. */
  readonly line: number;
  readonly column: ImportColumn | 'row';
  readonly error: DomainError;
}

export interface ImportPlan {
  readonly program: Program;
  readonly columns: ColumnMap;
  /** Data rows read (blank rows skipped). */
  readonly rowCount: number;
  /** The good rows, in file order. */
  readonly rows: readonly {
    readonly line: number;
    readonly supplier: string;
    readonly amount: Won;
    readonly issuedOn: string;
  }[];
  readonly bad: readonly BadRow[];
  /** Sum of the good rows. */
  readonly total: Won;
  /** Suppliers of the good rows the program has no guarantee for yet (as first written). */
  readonly newSuppliers: readonly string[];
  /** The state with the good rows issued (nothing stored): for the utilization after the import. */
  readonly after: State;
}

const ZERO = new Decimal(0);

/**
 * Checks every row of `table` for `program` and what the import would do, storing nothing. Too many
 * rows is IMPORT.TOO_LARGE; a program that takes no guarantees is GUARANTEE.PROGRAM_NOT_OPEN; missing
 * columns are reported in the plan (`columns.missing`) with no rows read.
 */
export const planImport = (state: State, slug: string, table: ImportTable, ctx: Ctx): Result<ImportPlan> => {
  const found = getProgram(state, slug);
  if (!found.ok) return found;
  const program = found.value;
  if (program.status !== 'announced' && program.status !== 'launched') {
    return err('GUARANTEE.PROGRAM_NOT_OPEN', {
      field: 'program',
      program: program.slug,
      status: program.status,
    });
  }
  const dataRows = table.rows.filter((r) => r.cells.some((c) => cellText(c).trim() !== ''));
  if (dataRows.length > IMPORT_MAX_ROWS) {
    return err('IMPORT.TOO_LARGE', { reason: 'rows', max: IMPORT_MAX_ROWS, got: dataRows.length });
  }
  const columns = findColumns(table.header);
  const empty: ImportPlan = {
    program,
    columns,
    rowCount: dataRows.length,
    rows: [],
    bad: [],
    total: ZERO,
    newSuppliers: [],
    after: state,
  };
  const { supplier: sCol, amount: aCol, date: dCol } = columns.found;
  if (sCol === undefined || aCol === undefined || dCol === undefined) return ok(empty);

  const known = new Set(
    guaranteesOf(state)
      .filter((g) => g.program === program.slug)
      .map((g) => contributorKey(g.supplier)),
  );
  const running: Guarantee[] = [...guaranteesOf(state)];
  const rows: ImportPlan['rows'][number][] = [];
  const bad: BadRow[] = [];
  const fresh = new Map<string, string>();
  let total = ZERO;
  for (const row of dataRows) {
    const amount = parseImportAmount(row.cells[aCol.index] ?? null);
    if (!amount.ok) {
      bad.push({ line: row.line, column: 'amount', error: amount.error });
      continue;
    }
    const dateCell = row.cells[dCol.index] ?? null;
    const issuedOn = parseImportDate(dateCell);
    if (issuedOn === undefined) {
      bad.push({
        line: row.line,
        column: 'date',
        error: {
          code: 'DATE.INVALID',
          details: { field: 'date', input: cellText(dateCell).slice(0, 40) },
        },
      });
      continue;
    }
    const fields = checkGuaranteeFields({
      supplier: cellText(row.cells[sCol.index]),
      amount: amount.value,
      issuedOn,
    });
    if (!fields.ok) {
      const field = errorField(fields.error);
      bad.push({
        line: row.line,
        column: field === 'supplier' ? 'supplier' : field === 'on' ? 'date' : 'amount',
        error: fields.error,
      });
      continue;
    }
    const capped = checkSupplierCap(program, running, fields.value.supplier, fields.value.amount);
    if (!capped.ok) {
      bad.push({ line: row.line, column: 'amount', error: capped.error });
      continue;
    }
    running.push({
      id: 'G0',
      program: program.slug,
      ...fields.value,
      status: 'active',
      recordedBy: ctx.actor,
      createdAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
    });
    rows.push({ line: row.line, ...fields.value });
    total = total.plus(fields.value.amount);
    const key = contributorKey(fields.value.supplier);
    if (!known.has(key) && !fresh.has(key)) fresh.set(key, fields.value.supplier);
  }
  const issued = rows.length === 0 ? undefined : issueGuarantees(state, program.slug, rows, ctx);
  return ok({
    ...empty,
    rows,
    bad,
    total,
    newSuppliers: [...fresh.values()],
    after: issued?.ok === true ? issued.value.state : state,
  });
};
