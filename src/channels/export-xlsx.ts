import ExcelJS from 'exceljs';
import { formatterIn } from '../domain/dates.js';
import { Decimal } from '../domain/decimal.js';
import { fieldChanges, type JsonValue } from '../domain/events.js';
import { guaranteesOf } from '../domain/guarantees.js';
import { paymentsOf } from '../domain/payments.js';
import { covers } from '../domain/subscriptions.js';
import type { State, WinwinEvent } from '../domain/types.js';
import {
  CONTRIBUTOR_KIND_LABELS,
  GUARANTEE_STATUS_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
} from '../i18n/common.js';
import type { ExportFile } from '../views/export.js';

/**
 * `/winwin export … xlsx`: one workbook with a sheet per kind of record — programs, pledges,
 * payments, guarantees and history — headers in the locale's language, amounts as numbers formatted `#,##0`,
 * dates as real dates in WINWIN_TZ (Excel has no time zones: a cell holds the wall-clock time there),
 * a frozen header row and widths fitted to the contents. Only editors and admins export, and they may
 * read every name, so nothing is redacted (as for CSV). Cells are written as values, never formulas,
 * so a name such as `=HYPERLINK(…)` stays text.
 */

/** A cell before it is written: text, whole won, a count, a calendar day, an instant, or empty. */
type Cell =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'won'; readonly value: Decimal }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'day'; readonly value: string }
  | { readonly kind: 'instant'; readonly value: string }
  | null;

const text = (value: string | undefined): Cell =>
  value === undefined || value === '' ? null : { kind: 'text', value };
const won = (value: Decimal | undefined): Cell => (value === undefined ? null : { kind: 'won', value });
const day = (value: string | undefined): Cell => (value === undefined ? null : { kind: 'day', value });
const instant = (value: string): Cell => ({ kind: 'instant', value });
const num = (value: number): Cell => ({ kind: 'number', value });

interface Sheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const H: Localized<{
  /** Excel reserves the sheet name "History", hence "Change history". */
  sheets: Record<'programs' | 'pledges' | 'payments' | 'guarantees' | 'history', string>;
  programs: readonly string[];
  pledges: readonly string[];
  payments: readonly string[];
  guarantees: readonly string[];
  history: readonly string[];
  yes: string;
  no: string;
}> = {
  en: {
    sheets: {
      programs: 'Programs',
      pledges: 'Pledges',
      payments: 'Payments',
      guarantees: 'Guarantees',
      history: 'Change history',
    },
    payments: [
      'Pledge',
      'Sector',
      'Program',
      'Contributor',
      'Amount (won)',
      'Paid on',
      'Note',
      'Recorded by',
      'Recorded',
    ],
    programs: [
      'Program',
      'Sector',
      'Name',
      'Status',
      'Target (won)',
      'Operating (won)',
      'Multiple',
      'Cap per supplier (won)',
      'Announce by',
      'Launched on',
      'Created',
      'Updated',
    ],
    pledges: [
      'Pledge',
      'Sector',
      'Program',
      'Contributor',
      'Kind',
      'Status',
      'Signed',
      'Amount (won)',
      'Expected payment',
      'Note',
      'Recorded by',
      'Created',
      'Updated',
    ],
    guarantees: [
      'Guarantee',
      'Sector',
      'Program',
      'Supplier',
      'Amount (won)',
      'Issued on',
      'Status',
      'Recorded by',
      'Created',
      'Updated',
    ],
    history: [
      'Event',
      'When',
      'Who',
      'Type',
      'Target',
      'Sector',
      'Program',
      'Field',
      'Before',
      'After',
      'Reason',
    ],
    yes: 'yes',
    no: 'no',
  },
  ko: {
    sheets: { programs: '프로그램', pledges: '출연', payments: '납입', guarantees: '보증', history: '이력' },
    payments: ['출연', '업종', '프로그램', '출연자', '납입액(원)', '납입일', '메모', '기록자', '기록'],
    programs: [
      '프로그램',
      '업종',
      '이름',
      '상태',
      '목표 규모(원)',
      '운영 규모(원)',
      '배수',
      '업체당 한도(원)',
      '발표 기한',
      '보증 개시일',
      '생성',
      '수정',
    ],
    pledges: [
      '출연',
      '업종',
      '프로그램',
      '출연자',
      '구분',
      '상태',
      '협약 여부',
      '금액(원)',
      '납입 예정일',
      '메모',
      '기록자',
      '생성',
      '수정',
    ],
    guarantees: [
      '보증',
      '업종',
      '프로그램',
      '업체명',
      '보증금액(원)',
      '보증일자',
      '상태',
      '기록자',
      '생성',
      '수정',
    ],
    history: [
      '이벤트',
      '일시',
      '변경자',
      '유형',
      '대상',
      '업종',
      '프로그램',
      '항목',
      '변경 전',
      '변경 후',
      '사유',
    ],
    yes: '예',
    no: '아니오',
  },
};

const WON_FIELDS = new Set(['amount', 'target', 'operating', 'supplierCap']);

const inScope = (state: State, target: string, slug: string): boolean => {
  const program = state.programs.find((p) => p.slug === slug);
  return program !== undefined && covers({ target }, { program: slug, sector: program.sector });
};

const historyValue = (field: string, value: JsonValue | undefined): Cell => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (WON_FIELDS.has(field) && /^\d{1,16}$/.test(value)) return won(new Decimal(value));
    return text(value);
  }
  return text(JSON.stringify(value));
};

/** The sheets for `target`; rows in the order recorded (history: oldest first). */
export const exportSheets = (
  state: State,
  events: readonly WinwinEvent[],
  target: string,
  locale: Locale,
): Sheet[] => {
  const h = H[locale];
  const sectorOf = (slug: string) => state.programs.find((p) => p.slug === slug)?.sector;
  const programs = state.programs
    .filter((p) => covers({ target }, { program: p.slug, sector: p.sector }))
    .map((p) => [
      text(p.slug),
      text(p.sector),
      text(p.name),
      text(PROGRAM_STATUS_LABELS[locale][p.status]),
      won(p.target),
      won(p.operating),
      num(p.multiple.toNumber()),
      won(p.supplierCap),
      day(p.announceBy),
      day(p.launchedOn),
      instant(p.createdAt),
      instant(p.updatedAt),
    ]);
  const pledges = state.pledges
    .filter((p) => inScope(state, target, p.program))
    .map((p) => [
      text(p.id),
      text(sectorOf(p.program)),
      text(p.program),
      text(p.contributor),
      text(CONTRIBUTOR_KIND_LABELS[locale][p.kind]),
      text(PLEDGE_STATUS_LABELS[locale][p.status]),
      text(p.signed ? h.yes : h.no),
      won(p.amount),
      day(p.due),
      text(p.note),
      text(p.recordedBy),
      instant(p.createdAt),
      instant(p.updatedAt),
    ]);
  const payments = state.pledges
    .filter((p) => inScope(state, target, p.program))
    .flatMap((p) =>
      paymentsOf(p).map((pay) => [
        text(p.id),
        text(sectorOf(p.program)),
        text(p.program),
        text(p.contributor),
        won(pay.amount),
        day(pay.on),
        text(pay.note),
        text(pay.recordedBy),
        instant(pay.at),
      ]),
    );
  const guarantees = guaranteesOf(state)
    .filter((g) => inScope(state, target, g.program))
    .map((g) => [
      text(g.id),
      text(sectorOf(g.program)),
      text(g.program),
      text(g.supplier),
      won(g.amount),
      day(g.issuedOn),
      text(GUARANTEE_STATUS_LABELS[locale][g.status]),
      text(g.recordedBy),
      instant(g.createdAt),
      instant(g.updatedAt),
    ]);
  const history = events
    .filter((e) => covers({ target }, e))
    .flatMap((e) => {
      const head = [
        num(e.id),
        instant(e.at),
        text(e.actor),
        text(e.type),
        text(e.target),
        text(e.sector),
        text(e.program),
      ];
      const changes = fieldChanges(e);
      const rows = changes.length === 0 ? [{ field: '', before: undefined, after: undefined }] : changes;
      return rows.map((c) => [
        ...head,
        text(c.field),
        historyValue(c.field, c.before),
        historyValue(c.field, c.after),
        text(e.reason),
      ]);
    });
  return [
    { name: h.sheets.programs, headers: h.programs, rows: programs },
    { name: h.sheets.pledges, headers: h.pledges, rows: pledges },
    { name: h.sheets.payments, headers: h.payments, rows: payments },
    { name: h.sheets.guarantees, headers: h.guarantees, rows: guarantees },
    { name: h.sheets.history, headers: h.history, rows: history },
  ];
};

/** The wall-clock time of an instant in `timeZone`, as a Date whose UTC fields are that time (what Excel shows). */
export const wallClock = (iso: string, timeZone: string): Date => {
  const parts = formatterIn(timeZone, 'minute').formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute')));
};

const dayDate = (isoDay: string): Date => new Date(`${isoDay}T00:00:00.000Z`);

export const FORMATS = {
  won: '#,##0',
  day: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm',
  multiple: '0.######',
} as const;

const shown = (cell: Cell): number => {
  if (cell === null) return 0;
  switch (cell.kind) {
    case 'text':
      // Hangul takes about two columns' width.
      return [...cell.value.slice(0, 200)].reduce(
        (n, ch) => n + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 2 : 1),
        0,
      );
    case 'won':
      return cell.value.toFixed(0).length * 1.35;
    case 'number':
      return String(cell.value).length;
    case 'day':
      return 10;
    case 'instant':
      return 16;
  }
};

const cellValue = (cell: Cell, timeZone: string): string | number | Date | null => {
  if (cell === null) return null;
  switch (cell.kind) {
    case 'text':
    case 'number':
      return cell.value;
    case 'won':
      return cell.value.toNumber();
    case 'day':
      return dayDate(cell.value);
    case 'instant':
      return wallClock(cell.value, timeZone);
  }
};

/** The workbook's bytes. */
export const buildWorkbook = async (sheets: readonly Sheet[], timeZone: string): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Winwin';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow([...spec.headers]);
    header.font = { bold: true };
    const widths = spec.headers.map((h) => shown(text(h)));
    for (const cells of spec.rows) {
      const row = sheet.addRow(cells.map((cell) => cellValue(cell, timeZone)));
      cells.forEach((cell, i) => {
        widths[i] = Math.max(widths[i] ?? 0, shown(cell));
        if (cell === null) return;
        const target = row.getCell(i + 1);
        if (cell.kind === 'won') target.numFmt = FORMATS.won;
        else if (cell.kind === 'day') target.numFmt = FORMATS.day;
        else if (cell.kind === 'instant') target.numFmt = FORMATS.instant;
        else if (cell.kind === 'number' && !Number.isInteger(cell.value)) target.numFmt = FORMATS.multiple;
      });
    }
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(8, Math.ceil((widths[i] ?? 8) + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** The workbook for `target`, named with the target and the day. */
export const exportWorkbook = async (
  state: State,
  events: readonly WinwinEvent[],
  target: string,
  today: string,
  locale: Locale,
  timeZone: string,
): Promise<ExportFile> => {
  const sheets = exportSheets(state, events, target, locale);
  return {
    filename: `winwin-${target}-${today}.xlsx`,
    title: `Winwin · ${target} · ${today}`,
    bytes: await buildWorkbook(sheets, timeZone),
    rows: sheets.reduce((n, s) => n + s.rows.length, 0),
  };
};
