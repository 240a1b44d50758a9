import {
  type ActionsBlock,
  type ContextBlock,
  type KnownBlock,
  LIMITS,
  type SectionBlock,
  section,
  truncate,
} from './blocks.js';

/**
 * Long lists laid out within Block Kit limits. A list is rows of mrkdwn; consecutive rows without an
 * accessory share one section (up to 3,000 characters), a row with an accessory (a per-pledge menu)
 * is a section of its own. Rows are cut into pages so that a page's blocks, with the fixed blocks
 * around them, never exceed 50.
 */

export interface Row {
  /** mrkdwn, user strings already escaped. */
  readonly text: string;
  readonly accessory?: SectionBlock['accessory'];
  /** For a row with an accessory: its section's block_id (unique in the message). */
  readonly blockId?: string;
}

/**
 * A row with an accessory, drawn only if its page is shown. A row with an accessory is a block of its
 * own whatever its text, so pages can be cut without drawing it: a long list of per-pledge menus costs
 * the rows of the page shown, not of every page.
 */
export interface DeferredRow {
  readonly draw: () => Row & { readonly accessory: NonNullable<Row['accessory']> };
}

export type PageRow = Row | DeferredRow;

const isDeferred = (row: PageRow): row is DeferredRow => 'draw' in row;

/** The row itself, drawn if it was deferred. */
export const drawRow = (row: PageRow): Row => (isDeferred(row) ? row.draw() : row);

const JOIN = '\n';

/** The sections of `rows`: plain rows packed together, each accessory row on its own. */
export const packRows = (rows: readonly Row[]): SectionBlock[] => {
  const blocks: SectionBlock[] = [];
  let plain: string[] = [];
  let size = 0;
  const flush = () => {
    if (plain.length > 0) blocks.push(section(plain.join(JOIN)));
    plain = [];
    size = 0;
  };
  for (const row of rows) {
    if (row.accessory !== undefined) {
      flush();
      const block = section(row.text, row.accessory);
      blocks.push(row.blockId === undefined ? block : { ...block, block_id: row.blockId });
      continue;
    }
    const text = truncate(row.text, LIMITS.text);
    if (plain.length > 0 && size + JOIN.length + text.length > LIMITS.text) flush();
    plain.push(text);
    size += (plain.length > 1 ? JOIN.length : 0) + text.length;
  }
  flush();
  return blocks;
};

/** Splits rows into pages whose packed sections number at most `budget` each (at least one page). */
export const pageRows = <R extends PageRow>(rows: readonly R[], budget: number): R[][] => {
  if (budget < 1) throw new Error('a page needs room for at least one block');
  const pages: R[][] = [];
  let current: R[] = [];
  // The packing of `current` so far, tracked incrementally (packRows' rules): blocks used, and the
  // size of the open plain section (-1 when the last block is not an open plain section).
  let blocks = 0;
  let open = -1;
  for (const row of rows) {
    const own = isDeferred(row) || row.accessory !== undefined;
    const length = isDeferred(row) ? 0 : Math.min(row.text.length, LIMITS.text);
    const joins = !own && open >= 0 && open + JOIN.length + length <= LIMITS.text;
    const needed = joins ? 0 : 1;
    if (current.length > 0 && blocks + needed > budget) {
      pages.push(current);
      current = [];
      blocks = 0;
      open = -1;
    }
    current.push(row);
    if (own) {
      blocks += 1;
      open = -1;
    } else if (open >= 0 && open + JOIN.length + length <= LIMITS.text) {
      open += JOIN.length + length;
    } else {
      blocks += 1;
      open = length;
    }
  }
  pages.push(current);
  return pages;
};

export interface PagedLayout {
  readonly head: readonly KnownBlock[];
  readonly rows: readonly PageRow[];
  readonly tail: readonly KnownBlock[];
  /** 0-based; clamped to the pages there are. */
  readonly page: number;
  /** Previous/next controls for page `page` of `pages`; undefined for a single page or a channel post. */
  readonly nav?: (page: number, pages: number) => [ContextBlock, ActionsBlock] | undefined;
  /** Without nav (a channel post): the note that replaces the rows left out. */
  readonly more: (hiddenRows: number) => KnownBlock;
}

/** The blocks of one page, and how many pages there are. Always within 50 blocks. */
export const layoutPage = (l: PagedLayout): { blocks: KnownBlock[]; page: number; pages: number } => {
  const fixed = l.head.length + l.tail.length;
  // Room for the rows, keeping two blocks for the page controls (or one for the "more" note).
  const budget = Math.max(1, LIMITS.messageBlocks - fixed - 2);
  const pages = pageRows(l.rows, budget);
  const page = Math.min(Math.max(0, Math.trunc(l.page)), pages.length - 1);
  const rows = (pages[page] ?? []).map(drawRow);
  const body: KnownBlock[] = packRows(rows);
  if (l.nav === undefined) {
    const shown = rows.length;
    const hidden = l.rows.length - shown;
    return {
      blocks: [...l.head, ...body, ...(hidden > 0 ? [l.more(hidden)] : []), ...l.tail],
      page: 0,
      pages: 1,
    };
  }
  const nav = l.nav(page, pages.length) ?? [];
  return { blocks: [...l.head, ...body, ...nav, ...l.tail], page, pages: pages.length };
};
