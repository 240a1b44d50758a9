import type { types } from '@slack/bolt';
import type { DataVisualizationBlock } from './chart.js';
import { ACTIONS, BLOCKS } from './ids.js';
import { code, escapeMrkdwn, stripInvisible } from './mrkdwn.js';

/** Block Kit types, re-exported so views import them from one place. */
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type DividerBlock = types.DividerBlock;
export type InputBlock = types.InputBlock;
export type Button = types.Button;
export type PlainTextOption = types.PlainTextOption;
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type TableBlock = types.TableBlock;

/** Every block a message may carry: Block Kit's known blocks and the chart, which @slack/types lacks. */
export type Block = KnownBlock | DataVisualizationBlock;

/**
 * Blocks some workspaces refuse (GovSlack, older clients: `invalid_blocks`): charts and tables, with the
 * same content in plain sections to send instead. `plain` never holds a rich block.
 */
export interface RichPart {
  readonly rich: readonly Block[];
  readonly plain: readonly KnownBlock[];
}

/** What a message is built from: blocks, and rich parts with their plain form. */
export type Part = KnownBlock | RichPart;

export const isRichPart = (part: Part): part is RichPart => 'rich' in part;

/** The rich blocks of `parts` (what a message sends where Slack takes them). */
export const richBlocks = (parts: readonly Part[]): Block[] =>
  parts.flatMap((p) => (isRichPart(p) ? p.rich : [p]));

/** The plain blocks of `parts` (what a message sends where Slack refuses rich blocks). */
export const plainBlocks = (parts: readonly Part[]): KnownBlock[] =>
  parts.flatMap((p) => (isRichPart(p) ? p.plain : [p]));

/** The blocks a part takes at most, in either form (for page budgets). */
export const partSize = (part: Part): number =>
  isRichPart(part) ? Math.max(part.rich.length, part.plain.length) : 1;

/** Slack's documented limits (characters are counted as UTF-16 units here, which never undercounts). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  /** Top-level `text` of a message; Slack truncates beyond 40,000 and advises 4,000. */
  fallbackText: 4000,
  sectionField: 2000,
  sectionFields: 10,
  contextElements: 10,
  actionsElements: 25,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  placeholder: 150,
  inputLabel: 2000,
  hint: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  id: 255,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 units, ending in `…` when cut. Never leaves half a surrogate
 * pair, half an HTML entity (`&amp;`) or half a `<…>` mention/link, which Slack would reject or render
 * as garbage.
 */
export const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // a high surrogate would lose its pair
  let kept = text.slice(0, cut);
  const amp = kept.lastIndexOf('&');
  if (amp !== -1 && amp >= kept.length - 7 && !kept.slice(amp).includes(';')) kept = kept.slice(0, amp);
  const open = kept.lastIndexOf('<');
  if (open !== -1 && !kept.slice(open).includes('>')) kept = kept.slice(0, open);
  return `${kept}${ELLIPSIS}`;
};

export const plainText = (text: string, max: number = LIMITS.text): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(stripInvisible(text), max) || ' ',
  emoji: true,
});

/** A mrkdwn text object; `text` must already be escaped where it holds user input. */
export const mrkdwn = (text: string, max: number = LIMITS.text): MrkdwnElement => ({
  type: 'mrkdwn',
  text: truncate(stripInvisible(text), max) || ' ',
});

export const section = (text: string, accessory?: SectionBlock['accessory']): SectionBlock =>
  accessory === undefined
    ? { type: 'section', text: mrkdwn(text) }
    : { type: 'section', text: mrkdwn(text), accessory };

/** Joins lines into as few sections as fit Slack's 3,000-character limit; an overlong line is cut. */
export const linesToSections = (lines: readonly string[]): KnownBlock[] => {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.text);
    if (current !== '' && current.length + 1 + line.length > LIMITS.text) {
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push(section(current));
  return blocks;
};

/** A section of two-column fields (mrkdwn), at most 10. */
export const fieldsSection = (fields: readonly string[]): SectionBlock => ({
  type: 'section',
  fields: fields.slice(0, LIMITS.sectionFields).map((f) => mrkdwn(f, LIMITS.sectionField)),
});

export const header = (text: string): HeaderBlock => ({
  type: 'header',
  text: plainText(text, LIMITS.header),
});

export const context = (...texts: string[]): ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

export const button = (b: {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
}): Button => ({
  type: 'button',
  text: plainText(b.text, LIMITS.buttonText),
  action_id: b.actionId,
  ...(b.value === undefined ? {} : { value: b.value.slice(0, LIMITS.buttonValue) }),
  ...(b.style === undefined ? {} : { style: b.style }),
});

export const actions = (elements: readonly Button[], blockId?: string): ActionsBlock => ({
  type: 'actions',
  elements: elements.slice(0, LIMITS.actionsElements),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

/** A select option. The value is an id Winwin made, so it is never truncated silently. */
export const option = (text: string, value: string): PlainTextOption => {
  if (value.length > LIMITS.optionValue) throw new Error(`option value longer than ${LIMITS.optionValue}`);
  return { text: plainText(text, LIMITS.optionText), value };
};

/** Splits items into pages of `size` (at least one page, possibly empty). */
export const paginate = <T>(items: readonly T[], size: number): T[][] => {
  if (size < 1) throw new Error('page size must be at least 1');
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length === 0 ? [[]] : pages;
};

/**
 * Keeps `blocks` within `max` (50 for a message, 100 for a view). When they don't fit, the last kept
 * block becomes `more(hidden)`, a note saying how many were left out (e.g. "… and 12 more; use
 * /winwin status autos").
 */
export const fitBlocks = <B extends Block>(
  blocks: readonly B[],
  max: number,
  more: (hidden: number) => KnownBlock,
): (B | KnownBlock)[] => {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, more(blocks.length - kept.length)];
};

/**
 * A reply: Block Kit blocks plus the plain-text fallback every message needs (notifications, screen
 * readers). `plain`, when the blocks hold charts or tables: the same content in sections and text bars,
 * for a workspace that refuses them (see `plainMessage`).
 */
export interface Message {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly plain?: readonly KnownBlock[];
}

const more = (hidden: number): KnownBlock => context(`… +${hidden}`);

/** Builds a Message within limits: fallback text cut to 4,000, blocks to 50 (with a "more" note). */
export const message = (text: string, parts: readonly Part[] = []): Message => {
  const fallback = truncate(stripInvisible(text), LIMITS.fallbackText) || ' ';
  const blocks = fitBlocks(richBlocks(parts), LIMITS.messageBlocks, more);
  if (!parts.some(isRichPart)) return { text: fallback, blocks };
  return { text: fallback, blocks, plain: fitBlocks(plainBlocks(parts), LIMITS.messageBlocks, more) };
};

/** Whether the message holds blocks a workspace may refuse. */
export const isRich = (m: Message): boolean => m.plain !== undefined;

/** The message as sections and text bars only: what a workspace that refuses charts and tables gets. */
export const plainMessage = (m: Message): Message =>
  m.plain === undefined ? m : { text: m.text, blocks: m.plain };

/** The body of an ephemeral reply (slash-command ack or response_url post). */
export const ephemeral = (m: Message) => ({
  response_type: 'ephemeral' as const,
  text: m.text,
  blocks: [...m.blocks],
});

/** The body of a reply everyone in the channel sees. */
export const inChannel = (m: Message) => ({
  response_type: 'in_channel' as const,
  text: m.text,
  blocks: [...m.blocks],
});

const warning = (fallback: string, mrkdwn: string, usage: readonly string[]): Message =>
  message([fallback, ...usage.map(escapeMrkdwn)].join('\n'), [
    section(`:warning: ${mrkdwn}`),
    ...(usage.length === 0 ? [] : [context(usage.map(code).join('\n'))]),
  ]);

/**
 * A refusal or failure: `:warning:` + `mrkdwn` (user text already escaped), then the command's usage
 * lines as code. The fallback is the same text without markup and stays escaped: Slack reads mentions
 * in a message's `text` too.
 */
export const warningReply = (mrkdwn: string, usage: readonly string[] = []): Message =>
  warning(mrkdwn.replace(/[`*]/g, ''), mrkdwn, usage);

/** `warningReply` for plain text, escaped here. */
export const warningMessage = (text: string, usage: readonly string[] = []): Message =>
  warning(escapeMrkdwn(text), escapeMrkdwn(text), usage);

/**
 * "Previous / Next" buttons for page `page` (0-based) of `pages`; undefined when there is one page.
 * `value(page)` encodes what the handler needs to render that page (keep it under 2,000 characters).
 */
export const pageNav = (nav: {
  readonly page: number;
  readonly pages: number;
  readonly value: (page: number) => string;
  readonly labels: { readonly previous: string; readonly next: string; readonly page: string };
}): [ContextBlock, ActionsBlock] | undefined => {
  if (nav.pages <= 1) return undefined;
  const buttons: Button[] = [];
  if (nav.page > 0) {
    buttons.push(
      button({ text: nav.labels.previous, actionId: ACTIONS.pagePrev, value: nav.value(nav.page - 1) }),
    );
  }
  if (nav.page < nav.pages - 1) {
    buttons.push(
      button({ text: nav.labels.next, actionId: ACTIONS.pageNext, value: nav.value(nav.page + 1) }),
    );
  }
  return [context(`${nav.labels.page} ${nav.page + 1}/${nav.pages}`), actions(buttons, BLOCKS.pagination)];
};
