import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  button,
  context,
  fitBlocks,
  header,
  type KnownBlock,
  LIMITS,
  message,
  option,
  pageNav,
  paginate,
  plainText,
  section,
  truncate,
} from '../../src/views/blocks.js';
import { ACTIONS } from '../../src/views/ids.js';
import { escapeMrkdwn } from '../../src/views/mrkdwn.js';

const isLoneSurrogate = (text: string): boolean =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('630억', 10)).toBe('630억');
    expect(truncate('x'.repeat(3000), 3000)).toHaveLength(3000);
  });

  it('cuts long text to the limit with an ellipsis', () => {
    const cut = truncate('가'.repeat(5000), 3000);
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never leaves half a surrogate pair', () => {
    const emoji = '😀'.repeat(2000);
    for (const max of [2, 3, 4, 5, 100, 101, 3000]) {
      const cut = truncate(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(isLoneSurrogate(cut)).toBe(false);
    }
  });

  it('never leaves half an entity or half a <…> sequence', () => {
    const escaped = escapeMrkdwn('<'.repeat(100));
    for (let max = 1; max < 40; max += 1) {
      const cut = truncate(escaped, max);
      expect(cut.replace(/&lt;/g, '')).toMatch(/^…?$/);
    }
    expect(truncate('see <@U0123ABCD> now', 10)).toBe('see …');
  });

  it('respects any limit for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 0, max: 300 }),
        (text, max) => {
          const cut = truncate(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (text.length <= max) expect(cut).toBe(text);
          if (!isLoneSurrogate(text)) expect(isLoneSurrogate(cut)).toBe(false);
        },
      ),
    );
  });
});

describe('builders stay within Block Kit limits', () => {
  const huge = `${'긴 이름 '.repeat(2000)}😀`;

  it('section text ≤ 3000', () => {
    const block = section(huge);
    expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.text);
  });

  it('header ≤ 150 plain text', () => {
    const block = header(huge);
    expect(block.text.type).toBe('plain_text');
    expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.header);
  });

  it('button text ≤ 75 and value ≤ 2000', () => {
    const b = button({ text: huge, actionId: 'x', value: huge });
    expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(b.value?.length).toBeLessThanOrEqual(LIMITS.buttonValue);
  });

  it('option text ≤ 75; an over-long value is a bug, not silently cut', () => {
    expect(option(huge, 'autos-hyundai').text.text.length).toBeLessThanOrEqual(LIMITS.optionText);
    expect(() => option('x', 'v'.repeat(151))).toThrow();
  });

  it('context has at most 10 elements', () => {
    const block = context(...Array.from({ length: 12 }, (_, i) => `e${i}`));
    expect(block.elements).toHaveLength(LIMITS.contextElements);
  });

  it('plain text is never empty (Slack rejects empty text) and drops invisible characters', () => {
    expect(plainText('').text).toBe(' ');
    expect(plainText('a\u202eb').text).toBe('ab');
  });

  it('a message keeps ≤ 50 blocks, says how many were left out, and cuts its fallback to 4000', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`row ${i}`));
    const m = message(huge, blocks);
    expect(m.blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(m.blocks.at(-1))).toContain('71');
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });
});

describe('pagination', () => {
  it('splits items into pages of a size', () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 50)).toEqual([[]]);
    expect(() => paginate([1], 0)).toThrow();
  });

  it('pages hold every item once, in order, none over size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 120 }), (items, size) => {
        const pages = paginate(items, size);
        expect(pages.flat()).toEqual(items);
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(size);
      }),
    );
  });

  it('fitBlocks keeps views within 100 blocks', () => {
    const blocks: KnownBlock[] = Array.from({ length: 250 }, () => section('x'));
    const fitted = fitBlocks(blocks, LIMITS.viewBlocks, (n) => context(`${n} more`));
    expect(fitted).toHaveLength(100);
    expect(fitBlocks(blocks.slice(0, 100), 100, () => context('never'))).toHaveLength(100);
  });
});

describe('pageNav', () => {
  const labels = { previous: 'Previous', next: 'Next', page: 'Page' };
  it('is absent for a single page', () => {
    expect(pageNav({ page: 0, pages: 1, value: String, labels })).toBeUndefined();
  });
  it('offers only the directions that exist', () => {
    const ids = (page: number) =>
      pageNav({ page, pages: 3, value: (p) => JSON.stringify({ p }), labels })?.[1].elements.map(
        (e) => (e as { action_id: string }).action_id,
      );
    expect(ids(0)).toEqual([ACTIONS.pageNext]);
    expect(ids(1)).toEqual([ACTIONS.pagePrev, ACTIONS.pageNext]);
    expect(ids(2)).toEqual([ACTIONS.pagePrev]);
  });
  it('carries the target page in the button value', () => {
    const nav = pageNav({ page: 1, pages: 3, value: (p) => `autos:${p}`, labels });
    expect(nav?.[1].elements.map((e) => (e as { value: string }).value)).toEqual(['autos:0', 'autos:2']);
    expect(JSON.stringify(nav?.[0])).toContain('Page 2/3');
  });
});
