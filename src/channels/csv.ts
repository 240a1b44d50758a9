/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (so Korean names open correctly), CRLF line
 * ends, RFC 4180 quoting. A cell that a spreadsheet would run as a formula (starting with = + - @, their
 * full-width forms ＝ ＋ － ＠ — which Excel in East Asian locales reads as the same signs — or a tab or
 * carriage return) gets a leading apostrophe, so a contributor called `=HYPERLINK(…)` stays text.
 */

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const csvCell = (value: string): string => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows: readonly (readonly string[])[]): Buffer =>
  Buffer.from(`${BOM}${rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`, 'utf8');
