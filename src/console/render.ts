/**
 * Block Kit → plain text for the terminal. Renders what Slack would show: headers, sections, fields,
 * context, dividers, and the interactive elements as numbered controls (`1) [Share in channel]`) that
 * the console lets the user press with `click 1`.
 */

export interface RenderOptions {
  /** Turn `*bold*` into ANSI bold (for a TTY); otherwise the markers stay as typed. */
  readonly ansi?: boolean;
  /** Number of the first control found (controls are numbered across one screen of output). */
  readonly firstControl?: number;
}

export interface ControlOption {
  readonly text: string;
  readonly value: string;
}

/** A button, select or overflow menu found while rendering, which the user may press. */
export interface Control {
  readonly number: number;
  readonly kind: 'button' | 'select';
  readonly text: string;
  readonly actionId: string;
  readonly blockId: string | undefined;
  readonly value: string | undefined;
  /** Choices of a select or overflow menu. */
  readonly options: readonly ControlOption[];
}

export interface Rendered {
  readonly lines: string[];
  readonly controls: Control[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const EMOJI: Readonly<Record<string, string>> = {
  warning: '⚠',
  no_entry: '⛔',
  lock: '🔒',
  white_check_mark: '✅',
  heavy_check_mark: '✔',
  x: '❌',
  information_source: 'ℹ',
  bulb: '💡',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  bar_chart: '📊',
  calendar: '📅',
  date: '📅',
  bell: '🔔',
  house: '🏠',
  hourglass_flowing_sand: '⏳',
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  moneybag: '💰',
  page_facing_up: '📄',
  pencil: '✏',
  pencil2: '✏',
  arrows_counterclockwise: '🔄',
  double_vertical_bar: '⏸',
  bust_in_silhouette: '👤',
  speech_balloon: '💬',
  pushpin: '📌',
  link: '🔗',
  memo: '📝',
  arrow_right: '→',
  triangular_flag_on_post: '🚩',
};

/** Slack's `<…>` entities as text: mentions, channels, links, dates, special mentions. */
const decodeEntity = (inner: string): string => {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return label === undefined ? target : `@${label}`;
  if (target.startsWith('#')) return label === undefined ? target : `#${label}`;
  if (target.startsWith('!subteam^')) return label ?? '@group';
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label === undefined || label === target ? target : `${label} (${target})`;
};

/** mrkdwn as the terminal shows it: entities decoded, emoji codes turned into symbols. */
export const renderMrkdwn = (text: string, options: RenderOptions = {}): string => {
  let out = text.replace(/<([^<>]+)>/g, (_m, inner: string) => decodeEntity(inner));
  out = out.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => EMOJI[name] ?? m);
  if (options.ansi === true)
    out = out.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1\x1b[1m$2\x1b[0m');
  // Entities last, so a decoded `&lt;` can't start a link.
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
};

/** A text object (plain_text or mrkdwn) as terminal text. */
export const textOf = (value: unknown, options: RenderOptions = {}): string => {
  if (!isObject(value)) return '';
  const text = str(value.text) ?? '';
  return value.type === 'mrkdwn' ? renderMrkdwn(text, options) : text;
};

const optionsOf = (element: Json): ControlOption[] => {
  const flat = [
    ...list(element.options),
    ...list(element.option_groups).flatMap((g) => list(isObject(g) ? g.options : [])),
  ];
  return flat.filter(isObject).map((o) => ({ text: textOf(o.text), value: str(o.value) ?? '' }));
};

const SELECTS = new Set(['static_select', 'overflow', 'radio_buttons']);

/** Renders interactive elements as numbered controls; others (images, inputs) as their text if any. */
const renderElements = (
  elements: readonly unknown[],
  blockId: string | undefined,
  state: RenderState,
): string => {
  const parts: string[] = [];
  for (const element of elements.filter(isObject)) {
    const type = str(element.type) ?? '';
    const actionId = str(element.action_id);
    if (type === 'button' && actionId !== undefined) {
      const control = state.add({
        kind: 'button',
        text: textOf(element.text),
        actionId,
        blockId,
        value: str(element.value),
        options: [],
      });
      parts.push(`${control.number}) [${control.text}]`);
    } else if (SELECTS.has(type) && actionId !== undefined) {
      const options = optionsOf(element);
      const label = textOf(element.placeholder) || (type === 'overflow' ? '…' : 'choose');
      const control = state.add({
        kind: 'select',
        text: label,
        actionId,
        blockId,
        value: undefined,
        options,
      });
      parts.push(`${control.number}) [${label} ▾ ${options.map((o) => o.value).join(' | ')}]`);
    } else if (type === 'image') {
      parts.push(`[image: ${str(element.alt_text) ?? ''}]`);
    } else if (element.text !== undefined) {
      parts.push(textOf(element.text, state.options));
    }
  }
  return parts.join('   ');
};

interface RenderState {
  readonly options: RenderOptions;
  readonly controls: Control[];
  add(control: Omit<Control, 'number'>): Control;
}

const newState = (options: RenderOptions): RenderState => {
  const controls: Control[] = [];
  let next = options.firstControl ?? 1;
  return {
    options,
    controls,
    add: (c) => {
      const control = { ...c, number: next };
      next += 1;
      controls.push(control);
      return control;
    },
  };
};

const indent = (text: string, prefix: string): string[] => text.split('\n').map((line) => `${prefix}${line}`);

const renderBlock = (block: Json, state: RenderState): string[] => {
  const blockId = str(block.block_id);
  const o = state.options;
  switch (block.type) {
    case 'header': {
      const text = textOf(block.text);
      return [text, '═'.repeat(Math.min(Math.max(text.length, 3), 72))];
    }
    case 'section': {
      const lines: string[] = [];
      if (block.text !== undefined) lines.push(...textOf(block.text, o).split('\n'));
      // A field is its label, a newline, then its value; a value's own further lines stay lines.
      for (const field of list(block.fields))
        lines.push(...indent(textOf(field, o).replace('\n', ' '), '  '));
      if (isObject(block.accessory)) {
        const rendered = renderElements([block.accessory], blockId, state);
        if (rendered !== '') lines.push(`  ${rendered}`);
      }
      return lines;
    }
    case 'context':
      return indent(
        list(block.elements)
          .map((e) => (isObject(e) && e.type === 'image' ? '' : textOf(e, o)))
          .filter((t) => t !== '')
          .join('  ·  '),
        '  ',
      );
    case 'divider':
      return ['─'.repeat(40)];
    case 'actions': {
      const rendered = renderElements(list(block.elements), blockId, state);
      return rendered === '' ? [] : [rendered];
    }
    case 'input': {
      // Shown only when a view with inputs is printed rather than prompted.
      return [`${textOf(block.label)}: …`];
    }
    case 'rich_text':
      return [richText(block)];
    case 'image':
      return [`[image: ${str(block.alt_text) ?? ''}]`];
    case 'table':
      return renderTable(block);
    case 'data_visualization':
      return renderChart(block);
    default:
      return [];
  }
};

const cellText = (cell: unknown): string => {
  if (!isObject(cell)) return '';
  if (cell.type === 'raw_text')
    return (str(cell.text) ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  if (cell.type === 'raw_number') return String(cell.number ?? cell.value ?? '');
  return richText(cell).replace(/\n/g, ' ');
};

/** A table block as aligned columns: `| P1 | Samsung | 630억 |`, a rule under the header row. */
const renderTable = (block: Json): string[] => {
  const rows = list(block.rows).map((row) => list(row).map(cellText));
  const settings = list(block.column_settings);
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  const pad = (cell: string, i: number): string => {
    const gap = ' '.repeat((widths[i] ?? 0) - [...cell].length);
    const setting = settings[i];
    return isObject(setting) && setting.align === 'right' ? `${gap}${cell}` : `${cell}${gap}`;
  };
  const lines = rows.map((row) => `| ${row.map(pad).join(' | ')} |`);
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return lines.length === 0 ? [] : [lines[0] as string, rule, ...lines.slice(1)];
};

/** A bar chart as text bars, one line per category and series, scaled to the largest value. */
const renderChart = (block: Json): string[] => {
  const chart = isObject(block.chart) ? block.chart : {};
  const series = list(chart.series).filter(isObject);
  const axis = isObject(chart.axis_config) ? chart.axis_config : {};
  const categories = list(axis.categories).map((c) => str(c) ?? '');
  const values = series.flatMap((s) => list(s.data).map((d) => (isObject(d) ? Number(d.value) || 0 : 0)));
  const max = Math.max(0, ...values);
  const width = Math.max(0, ...series.map((s) => (str(s.name) ?? '').length));
  const lines = [
    `📊 ${str(block.title) ?? ''}${str(axis.y_label) === undefined ? '' : ` (${str(axis.y_label)})`}`,
  ];
  for (const category of categories) {
    lines.push(`  ${category}`);
    for (const s of series) {
      const point = list(s.data).find((d) => isObject(d) && d.label === category);
      const value = isObject(point) ? Number(point.value) || 0 : 0;
      const cells = max === 0 ? 0 : Math.round((value / max) * 20);
      lines.push(
        `    ${(str(s.name) ?? '').padEnd(width)} ${'█'.repeat(cells)}${'░'.repeat(20 - cells)} ${value}`,
      );
    }
  }
  return lines;
};

// rich_text blocks hold nested element trees; only their text matters here.
const richText = (node: unknown): string => {
  if (!isObject(node)) return '';
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'user') return `@${str(node.user_id) ?? ''}`;
  if (node.type === 'channel') return `#${str(node.channel_id) ?? ''}`;
  if (node.type === 'link') return str(node.text) ?? str(node.url) ?? '';
  return list(node.elements)
    .map(richText)
    .join(node.type === 'rich_text' ? '\n' : '');
};

/** Blocks as lines of text, and the controls among them, numbered from `firstControl`. */
export const renderBlocks = (blocks: readonly unknown[], options: RenderOptions = {}): Rendered => {
  const state = newState(options);
  const lines = blocks.filter(isObject).flatMap((b) => renderBlock(b, state));
  return { lines, controls: state.controls };
};

/** A message body (`{ text, blocks }`): its blocks, or its fallback text when it has none. */
export const renderMessage = (body: unknown, options: RenderOptions = {}): Rendered => {
  if (!isObject(body)) return { lines: [], controls: [] };
  const blocks = list(body.blocks);
  if (blocks.length > 0) return renderBlocks(blocks, options);
  const text = str(body.text);
  return {
    lines: text === undefined || text === '' ? [] : renderMrkdwn(text, options).split('\n'),
    controls: [],
  };
};

/** A view (App Home or a modal without inputs): its title, then its blocks. */
export const renderView = (view: unknown, options: RenderOptions = {}): Rendered => {
  if (!isObject(view)) return { lines: [], controls: [] };
  const body = renderBlocks(list(view.blocks), options);
  const title = textOf(view.title);
  return title === '' ? body : { lines: [`« ${title} »`, ...body.lines], controls: body.controls };
};
