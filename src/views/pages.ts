import {
  type ActionsBlock,
  type ContextBlock,
  type KnownBlock,
  LIMITS,
  type Part,
  partSize,
  type SectionBlock,
  section,
  type TableBlock,
  truncate,
} from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';

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
  /**
   * The row as table cells (plain text, unescaped): where Slack takes tables, the rows with cells of a
   * page are drawn as one table block instead of their text.
   */
  readonly cells?: readonly string[];
  /** A row that only groups others (a status heading): left out of the table form, whose columns say it. */
  readonly tableOmits?: boolean;
}

/** The table form of a list: its header row and column settings. */
export interface TableSpec {
  readonly header: readonly string[];
  readonly align?: readonly ('left' | 'right')[];
}

export const TABLE_LIMITS = { rows: 100, cells: 20, columnSettings: 20, cellText: 500 } as const;

/**
 * A table block: a header row, then `rows`, within Slack's limits (100 rows of 20 cells). Cells are
 * plain text with `&`, `<`, `>` as entities, as Slack wants them in any text: no mention forms.
 */
export const tableBlock = (spec: TableSpec, rows: readonly (readonly string[])[]): TableBlock => {
  const cell = (text: string) => ({
    type: 'raw_text' as const,
    text: truncate(escapeMrkdwn(text), TABLE_LIMITS.cellText) || ' ',
  });
  return {
    type: 'table',
    rows: [spec.header, ...rows]
      .slice(0, TABLE_LIMITS.rows)
      .map((row) => row.slice(0, TABLE_LIMITS.cells).map(cell)),
    ...(spec.align === undefined
      ? {}
      : { column_settings: spec.align.slice(0, TABLE_LIMITS.columnSettings).map((align) => ({ align })) }),
  };
};

/**
 * A page's rows as blocks: packed sections, or (with a table spec, when some rows have cells) a rich
 * part: the rows without cells as sections, then one table of the rows with cells; its plain form is
 * the packed sections.
 */
export const pageBody = (rows: readonly Row[], table?: TableSpec): Part[] => {
  const plain = packRows(rows);
  const celled = rows.filter((r) => r.cells !== undefined && r.accessory === undefined);
  if (table === undefined || celled.length === 0) return plain;
  const others = rows.filter(
    (r) => (r.cells === undefined || r.accessory !== undefined) && r.tableOmits !== true,
  );
  return [
    {
      rich: [
        ...packRows(others),
        tableBlock(
          table,
          celled.map((r) => r.cells ?? []),
        ),
      ],
      plain,
    },
  ];
};

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

/** How many item rows (rows with cells or a menu: one per pledge) a page holds at most. */
export interface PageCaps {
  readonly items?: number;
}

/**
 * Splits rows into pages whose packed sections number at most `budget` each (at least one page), and
 * whose rows with cells or with a menu stay within `caps`.
 */
export const pageRows = <R extends PageRow>(
  rows: readonly R[],
  budget: number,
  caps: PageCaps = {},
): R[][] => {
  if (budget < 1) throw new Error('a page needs room for at least one block');
  const pages: R[][] = [];
  let current: R[] = [];
  let items = 0;
  // The packing of `current` so far, tracked incrementally (packRows' rules): blocks used, and the
  // size of the open plain section (-1 when the last block is not an open plain section).
  let blocks = 0;
  let open = -1;
  for (const row of rows) {
    const own = isDeferred(row) || row.accessory !== undefined;
    const length = isDeferred(row) ? 0 : Math.min(row.text.length, LIMITS.text);
    const joins = !own && open >= 0 && open + JOIN.length + length <= LIMITS.text;
    const needed = joins ? 0 : 1;
    const item = own || row.cells !== undefined ? 1 : 0;
    const full = caps.items !== undefined && items + item > caps.items;
    if (current.length > 0 && (blocks + needed > budget || full)) {
      pages.push(current);
      current = [];
      blocks = 0;
      open = -1;
      items = 0;
    }
    current.push(row);
    items += item;
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
  readonly head: readonly Part[];
  readonly rows: readonly PageRow[];
  readonly tail: readonly KnownBlock[];
  /** 0-based; clamped to the pages there are. */
  readonly page: number;
  /** Previous/next controls for page `page` of `pages`; undefined for a single page or a channel post. */
  readonly nav?: (page: number, pages: number) => [ContextBlock, ActionsBlock] | undefined;
  /** Without nav (a channel post): the note that replaces the rows left out. */
  readonly more: (hiddenRows: number) => KnownBlock;
  /** The table form of the rows with cells (see `pageBody`). */
  readonly table?: TableSpec;
  readonly caps?: PageCaps;
}

/** The blocks of one page, and how many pages there are. Always within 50 blocks. */
export const layoutPage = (l: PagedLayout): { blocks: Part[]; page: number; pages: number } => {
  const fixed = [...l.head, ...l.tail].reduce((n, p) => n + partSize(p), 0);
  // Room for the rows, keeping two blocks for the page controls (or one for the "more" note), and one
  // for a table beside the sections of the rows without cells.
  const budget = Math.max(1, LIMITS.messageBlocks - fixed - 2 - (l.table === undefined ? 0 : 1));
  const pages = pageRows(
    l.rows,
    budget,
    l.caps ?? (l.table === undefined ? {} : { items: TABLE_LIMITS.rows - 1 }),
  );
  const page = Math.min(Math.max(0, Math.trunc(l.page)), pages.length - 1);
  const rows = (pages[page] ?? []).map(drawRow);
  const body: Part[] = pageBody(rows, l.table);
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
