import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { context, section } from '../../src/views/blocks.js';
import { type DeferredRow, layoutPage, type PageRow, type Row } from '../../src/views/pages.js';

const MENU = { type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a' } as const;

/** Plain rows, and rows with a menu (the only kind that may be deferred). */
const rowArb: fc.Arbitrary<Row> = fc
  .record({ text: fc.string({ minLength: 1, maxLength: 3500 }), menu: fc.boolean(), id: fc.nat(99_999) })
  .map(({ text, menu, id }) => (menu ? { text, accessory: MENU, blockId: `b${id}` } : { text }));

const layoutOf = (rows: readonly PageRow[], page: number, nav: boolean) =>
  layoutPage({
    head: [section('head')],
    rows,
    tail: [context('tail')],
    page,
    ...(nav
      ? { nav: (p: number, n: number) => [context(`${p}/${n}`), { type: 'actions', elements: [] }] as never }
      : {}),
    more: (hidden) => context(`${hidden} more`),
  });

describe('deferred rows', () => {
  it('lay out exactly as the same rows drawn up front, and only the rows of the page shown are drawn', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 150 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (rows, page, nav) => {
          const drawn = new Set<number>();
          const deferred = rows.map((row, i): PageRow => {
            if (row.accessory === undefined) return row;
            const lazy: DeferredRow = {
              draw: () => {
                drawn.add(i);
                return { ...row, accessory: MENU };
              },
            };
            return lazy;
          });
          const eager = layoutOf(rows, page, nav);
          const lazy = layoutOf(deferred, page, nav);
          expect(lazy).toEqual(eager);
          const shown = JSON.stringify(eager.blocks);
          for (const i of drawn) expect(shown).toContain(`"block_id":"${rows[i]?.blockId}"`);
          const menusShown = eager.blocks.filter((b) => 'accessory' in b && b.accessory !== undefined).length;
          expect(drawn.size).toBe(menusShown);
        },
      ),
      { numRuns: 200 },
    );
  });
});
