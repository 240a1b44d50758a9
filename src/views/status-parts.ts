import type { Audience } from '../domain/permissions.js';
import type { Standing } from '../domain/standing.js';
import type { Pledge, WinwinEvent } from '../domain/types.js';
import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import { actions, button, context, type KnownBlock, type Part, pageNav } from './blocks.js';
import { type EventTextOptions, eventText } from './event-text.js';
import { ACTIONS, BLOCKS } from './ids.js';
import { code } from './mrkdwn.js';
import { layoutPage, type PageCaps, type PageRow, type TableSpec } from './pages.js';

/** Pieces the status and overview messages share: options, Share button, page controls, last change. */

export interface StatusOptions {
  /**
   * An ephemeral reply to the requester: it gets the Share button, page controls and, for editors, the
   * per-pledge menus. A channel post is not interactive: it shows what fits and says how to see more.
   */
  readonly interactive?: boolean;
  /** 0-based page of a long list. */
  readonly page?: number;
  /** For dates of the last change; default Asia/Seoul. */
  readonly timeZone?: string;
  /** A line on top (mrkdwn, already escaped), e.g. the confirmation of a status change. */
  readonly notice?: string;
}

const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** What a button or a command names to show this standing again. */
export const standingTarget = (standing: Standing): string =>
  standing.kind === 'all'
    ? 'all'
    : standing.kind === 'sector'
      ? standing.sector.sector.name
      : standing.program.program.slug;

/** The value of the page buttons: what to draw and which page. */
export interface PageValue {
  readonly target: string;
  readonly page: number;
}

export const pageValue = (value: PageValue): string => JSON.stringify(value);

/** The page buttons' value, or undefined when it is not one Winwin made. */
export const parsePageValue = (text: string): PageValue | undefined => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { target, page } = parsed as Record<string, unknown>;
    if (typeof target !== 'string' || target.length === 0 || target.length > 60) return undefined;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 0 || page > 10_000) return undefined;
    return { target, page };
  } catch {
    return undefined;
  }
};

const lastChangeBlock = (event: WinwinEvent | undefined, o: EventTextOptions): KnownBlock[] =>
  event === undefined ? [] : [context(`*${WORDS[o.locale].lastChange}:* ${eventText(event, o)}`)];

const shareBlocks = (target: string, interactive: boolean, locale: Locale): KnownBlock[] =>
  interactive
    ? [
        actions(
          [button({ text: WORDS[locale].share, actionId: ACTIONS.shareStatus, value: target })],
          BLOCKS.statusActions,
        ),
      ]
    : [];

const navFor = (target: string, locale: Locale) => (page: number, pages: number) =>
  pageNav({
    page,
    pages,
    value: (p) => pageValue({ target, page: p }),
    labels: { previous: WORDS[locale].previous, next: WORDS[locale].next, page: WORDS[locale].page },
  });

const MORE: Localized<(n: number) => string> = {
  en: (n) => `… and ${n} more line${n === 1 ? '' : 's'}. See them all with`,
  ko: (n) => `… 외 ${n}줄. 전체 보기:`,
};

const moreNote = (target: string, locale: Locale) => (hidden: number) =>
  context(`${MORE[locale](hidden)} ${code(`/winwin status ${target}`)}`);

export interface StatusPage {
  readonly standing: Standing;
  readonly audience: Audience;
  readonly locale: Locale;
  readonly options: StatusOptions;
  /** Every pledge the page covers: decides which names the last change may show. */
  readonly pledges: readonly Pledge[];
  readonly head: readonly Part[];
  readonly rows: (page: number) => PageRow[];
  /** The table form of the rows with cells, and how many rows of a kind a page holds. */
  readonly table?: TableSpec;
  readonly caps?: PageCaps;
  /**
   * The rows carry the page they are drawn on (pledge menus): a page number past the end is drawn
   * again as the last page, so its menus name the page they are on.
   */
  readonly rowsKnowTheirPage?: boolean;
}

/** A status page's blocks: head, the page's rows, the last change, the Share button and page controls. */
export const statusPageBlocks = (p: StatusPage): Part[] => {
  const target = standingTarget(p.standing);
  const interactive = p.options.interactive ?? false;
  const events: EventTextOptions = {
    locale: p.locale,
    audience: p.audience,
    pledges: p.pledges,
    timeZone: p.options.timeZone ?? DEFAULT_TIME_ZONE,
  };
  const tail = [
    ...lastChangeBlock(p.standing.lastChange, events),
    ...shareBlocks(target, interactive, p.locale),
  ];
  const layout = (page: number) =>
    layoutPage({
      head: p.head,
      rows: p.rows(page),
      tail,
      page,
      ...(interactive ? { nav: navFor(target, p.locale) } : {}),
      more: moreNote(target, p.locale),
      ...(p.table === undefined ? {} : { table: p.table }),
      ...(p.caps === undefined ? {} : { caps: p.caps }),
    });
  const page = p.options.page ?? 0;
  const laid = layout(page);
  return p.rowsKnowTheirPage === true && laid.page !== page ? layout(laid.page).blocks : laid.blocks;
};
