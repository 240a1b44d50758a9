import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/channels/csv.js';
import { readCsv } from '../support/read-csv.js';

/** Excel in East Asian locales reads the full-width ＝ ＋ － ＠ as the same signs. */
const FORMULA = /^[=+\-@\t\r＝＋－＠]/;
const neutralized = (value: string): string => (FORMULA.test(value) ? `'${value}` : value);

describe('CSV for Excel', () => {
  it('starts with a UTF-8 byte-order mark and ends rows with CRLF', () => {
    const bytes = toCsv([
      ['a', '쿠팡'],
      ['1', '2'],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFFa,쿠팡\r\n1,2\r\n');
  });

  it('quotes what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralizes cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+82-2-1234')).toBe("'+82-2-1234");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('630000000000')).toBe('630000000000');
    for (const sign of ['＝', '＋', '－', '＠']) expect(csvCell(`${sign}1+2`)).toBe(`'${sign}1+2`);
  });

  it('reads back as written, every formula neutralized (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
        (rows) => {
          const text = toCsv(rows).toString('utf8');
          expect(text.startsWith('\uFEFF')).toBe(true);
          const read = readCsv(text.slice(1));
          expect(read).toEqual(rows.map((r) => r.map(neutralized)));
          for (const cell of read.flat()) expect(cell).not.toMatch(FORMULA);
        },
      ),
    );
  });
});
