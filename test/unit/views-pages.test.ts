import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/views/blocks.js';
import { packRows, pageRows, type Row } from '../../src/views/pages.js';

const rowArb: fc.Arbitrary<Row> = fc
  .record({
    text: fc.string({ minLength: 1, maxLength: 3500 }),
    menu: fc.boolean(),
  })
  .map(({ text, menu }) =>
    menu
      ? { text, accessory: { type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a' } }
      : { text },
  );

describe('pageRows', () => {
  it('every page packs into at most `budget` sections, each within 3,000 characters, and no row is lost', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 120 }), fc.integer({ min: 1, max: 48 }), (rows, budget) => {
        const pages = pageRows(rows, budget);
        expect(pages.flat()).toEqual(rows);
        for (const page of pages) {
          const blocks = packRows(page);
          expect(blocks.length).toBeLessThanOrEqual(budget);
          for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('packs short plain rows together and keeps a row with a menu on its own', () => {
    const blocks = packRows([
      { text: 'a' },
      { text: 'b' },
      { text: 'c', accessory: { type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a' } },
      { text: 'd' },
    ]);
    expect(blocks.map((b) => b.text?.text)).toEqual(['a\nb', 'c', 'd']);
  });
});
