/**
 * An independent check of Slack's Block Kit limits (https://api.slack.com/reference/block-kit), written
 * from the documentation rather than from src/views/blocks.ts, so a mistake in the builders
 * cannot hide itself. It returns the problems Slack would answer with `invalid_blocks` (or silently
 * truncate), each with a JSON path; an empty list means the payload is acceptable.
 */

export type Surface = 'message' | 'modal' | 'home';

const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  fallbackText: 40_000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  options: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  placeholder: 150,
  inputLabel: 2000,
  hint: 2000,
  textInputValue: 3000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  errorMessage: 2000,
  overflowOptions: 5,
  // table block (docs.slack.dev/reference/block-kit/blocks/table-block)
  tableRows: 100,
  tableCells: 20,
  tableColumnSettings: 20,
  tablesPerMessage: 1,
  // data_visualization block (docs.slack.dev/reference/block-kit/blocks/data-visualization-block)
  chartTitle: 50,
  chartSeries: 6,
  chartSeriesName: 20,
  chartPoints: 20,
  chartLabel: 20,
  chartAxisLabel: 50,
  chartsPerMessage: 2,
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Checker {
  readonly problems: string[] = [];

  fail(path: string, what: string): void {
    this.problems.push(`${path}: ${what}`);
  }

  length(path: string, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) this.fail(path, `${value.length} chars > ${max}`);
  }

  /** A text object: plain_text or mrkdwn, non-empty, within `max`. */
  textObject(path: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.fail(path, 'missing text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.fail(path, `text type ${String(value.type)}`);
      return;
    }
    if (plainOnly && value.type !== 'plain_text') this.fail(path, 'must be plain_text');
    if (typeof value.text !== 'string') {
      this.fail(path, 'text is not a string');
      return;
    }
    if (value.text.length === 0) this.fail(path, 'empty text');
    this.length(`${path}.text`, value.text, max);
  }

  option(path: string, value: unknown): void {
    if (!isObject(value)) {
      this.fail(path, 'option is not an object');
      return;
    }
    this.textObject(`${path}.text`, value.text, MAX.optionText);
    if (typeof value.value !== 'string') this.fail(`${path}.value`, 'missing');
    this.length(`${path}.value`, value.value, MAX.optionValue);
    if (value.description !== undefined)
      this.textObject(`${path}.description`, value.description, MAX.optionDescription);
  }

  element(path: string, el: unknown): void {
    if (!isObject(el)) {
      this.fail(path, 'element is not an object');
      return;
    }
    this.length(`${path}.action_id`, el.action_id, MAX.actionId);
    if (el.placeholder !== undefined)
      this.textObject(`${path}.placeholder`, el.placeholder, MAX.placeholder, true);
    if (isObject(el.confirm)) {
      this.textObject(`${path}.confirm.title`, el.confirm.title, MAX.confirmTitle, true);
      this.textObject(`${path}.confirm.text`, el.confirm.text, MAX.confirmText);
      this.textObject(`${path}.confirm.confirm`, el.confirm.confirm, MAX.confirmButton, true);
      this.textObject(`${path}.confirm.deny`, el.confirm.deny, MAX.confirmButton, true);
    }
    switch (el.type) {
      case 'button':
        this.textObject(`${path}.text`, el.text, MAX.buttonText, true);
        this.length(`${path}.value`, el.value, MAX.buttonValue);
        this.length(`${path}.url`, el.url, MAX.url);
        break;
      case 'static_select':
      case 'multi_static_select':
      case 'overflow':
      case 'radio_buttons':
      case 'checkboxes': {
        const options = Array.isArray(el.options) ? el.options : [];
        const groups = Array.isArray(el.option_groups) ? el.option_groups : [];
        if (el.type === 'static_select' && options.length === 0 && groups.length === 0)
          this.fail(path, 'select without options');
        if (el.type === 'overflow' && (options.length < 1 || options.length > MAX.overflowOptions))
          this.fail(`${path}.options`, `overflow with ${options.length} options`);
        if (options.length > MAX.options) this.fail(`${path}.options`, `${options.length} > ${MAX.options}`);
        options.forEach((o, i) => {
          this.option(`${path}.options[${i}]`, o);
        });
        if (groups.length > MAX.optionGroups) this.fail(`${path}.option_groups`, `${groups.length} groups`);
        groups.forEach((g, gi) => {
          if (!isObject(g)) return;
          this.textObject(`${path}.option_groups[${gi}].label`, g.label, MAX.optionGroupLabel, true);
          const inner = Array.isArray(g.options) ? g.options : [];
          if (inner.length > MAX.options)
            this.fail(`${path}.option_groups[${gi}]`, `${inner.length} options`);
          inner.forEach((o, i) => {
            this.option(`${path}.option_groups[${gi}].options[${i}]`, o);
          });
        });
        const values = [
          ...options,
          ...groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : [])),
        ].map((o) => (isObject(o) ? o.value : undefined));
        if (new Set(values).size !== values.length) this.fail(path, 'duplicate option values');
        if (el.initial_option !== undefined) {
          this.option(`${path}.initial_option`, el.initial_option);
          const initial = isObject(el.initial_option) ? el.initial_option.value : undefined;
          if (!values.includes(initial)) this.fail(`${path}.initial_option`, 'not one of the options');
        }
        break;
      }
      case 'plain_text_input': {
        const max = typeof el.max_length === 'number' ? el.max_length : MAX.textInputValue;
        if (max > MAX.textInputValue) this.fail(`${path}.max_length`, `${max} > ${MAX.textInputValue}`);
        this.length(`${path}.initial_value`, el.initial_value, max);
        break;
      }
      case 'datepicker':
        if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
          this.fail(`${path}.initial_date`, 'not YYYY-MM-DD');
        break;
      default:
        break;
    }
  }

  block(path: string, block: unknown, surface: Surface): void {
    if (!isObject(block)) {
      this.fail(path, 'block is not an object');
      return;
    }
    this.length(`${path}.block_id`, block.block_id, MAX.blockId);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined)
          this.fail(path, 'section without text or fields');
        if (block.text !== undefined) this.textObject(`${path}.text`, block.text, MAX.text);
        if (block.fields !== undefined) {
          const fields = Array.isArray(block.fields) ? block.fields : [];
          if (fields.length > MAX.sectionFields)
            this.fail(`${path}.fields`, `${fields.length} > ${MAX.sectionFields}`);
          fields.forEach((f, i) => {
            this.textObject(`${path}.fields[${i}]`, f, MAX.sectionField);
          });
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory);
        break;
      }
      case 'header':
        this.textObject(`${path}.text`, block.text, MAX.header, true);
        break;
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > MAX.contextElements)
          this.fail(`${path}.elements`, `${elements.length} elements`);
        elements.forEach((e, i) => {
          if (isObject(e) && e.type === 'image') return;
          this.textObject(`${path}.elements[${i}]`, e, MAX.text);
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > MAX.actionsElements)
          this.fail(`${path}.elements`, `${elements.length} elements`);
        elements.forEach((e, i) => {
          this.element(`${path}.elements[${i}]`, e);
        });
        const ids = elements
          .map((e) => (isObject(e) ? e.action_id : undefined))
          .filter((id) => id !== undefined);
        if (new Set(ids).size !== ids.length) this.fail(path, 'duplicate action_id in one block');
        break;
      }
      case 'input':
        if (surface === 'message') this.fail(path, 'input block in a message');
        this.textObject(`${path}.label`, block.label, MAX.inputLabel, true);
        if (block.hint !== undefined) this.textObject(`${path}.hint`, block.hint, MAX.hint, true);
        this.element(`${path}.element`, block.element);
        break;
      case 'divider':
      case 'image':
      case 'rich_text':
        break;
      case 'table':
        if (surface !== 'message') this.fail(path, 'table block outside a message');
        this.table(path, block);
        break;
      case 'data_visualization':
        if (surface !== 'message') this.fail(path, 'data_visualization block outside a message');
        this.chart(path, block);
        break;
      default:
        this.fail(path, `unknown block type ${String(block.type)}`);
    }
  }

  table(path: string, block: Json): void {
    const rows = Array.isArray(block.rows) ? block.rows : [];
    if (rows.length === 0) this.fail(`${path}.rows`, 'no rows');
    if (rows.length > MAX.tableRows) this.fail(`${path}.rows`, `${rows.length} rows > ${MAX.tableRows}`);
    rows.forEach((row, r) => {
      const cells = Array.isArray(row) ? row : [];
      if (cells.length === 0 || cells.length > MAX.tableCells)
        this.fail(`${path}.rows[${r}]`, `${cells.length} cells`);
      cells.forEach((cell, c) => {
        const at = `${path}.rows[${r}][${c}]`;
        if (!isObject(cell)) {
          this.fail(at, 'cell is not an object');
          return;
        }
        if (cell.type === 'raw_text') {
          if (typeof cell.text !== 'string' || cell.text.length === 0) this.fail(at, 'empty raw_text');
        } else if (cell.type !== 'rich_text' && cell.type !== 'raw_number')
          this.fail(at, `cell type ${String(cell.type)}`);
      });
    });
    const settings = Array.isArray(block.column_settings) ? block.column_settings : [];
    if (settings.length > MAX.tableColumnSettings)
      this.fail(`${path}.column_settings`, `${settings.length} items`);
    settings.forEach((setting, i) => {
      if (!isObject(setting)) return;
      if (setting.align !== undefined && !['left', 'center', 'right'].includes(String(setting.align)))
        this.fail(`${path}.column_settings[${i}].align`, String(setting.align));
    });
  }

  chart(path: string, block: Json): void {
    if (typeof block.title !== 'string' || block.title.length === 0) this.fail(`${path}.title`, 'missing');
    this.length(`${path}.title`, block.title, MAX.chartTitle);
    const chart = isObject(block.chart) ? block.chart : undefined;
    if (chart === undefined) {
      this.fail(`${path}.chart`, 'missing');
      return;
    }
    if (!['bar', 'line', 'area', 'pie'].includes(String(chart.type)))
      this.fail(`${path}.chart.type`, String(chart.type));
    if (chart.type === 'pie') return;
    const series = Array.isArray(chart.series) ? chart.series : [];
    if (series.length < 1 || series.length > MAX.chartSeries)
      this.fail(`${path}.chart.series`, `${series.length} series`);
    const axis = isObject(chart.axis_config) ? chart.axis_config : undefined;
    if (axis === undefined) {
      this.fail(`${path}.chart.axis_config`, 'missing');
      return;
    }
    const categories = Array.isArray(axis.categories) ? axis.categories : [];
    categories.forEach((c, i) => {
      this.length(`${path}.chart.axis_config.categories[${i}]`, c, MAX.chartLabel);
    });
    if (new Set(categories).size !== categories.length)
      this.fail(`${path}.chart.axis_config.categories`, 'duplicates');
    this.length(`${path}.chart.axis_config.x_label`, axis.x_label, MAX.chartAxisLabel);
    this.length(`${path}.chart.axis_config.y_label`, axis.y_label, MAX.chartAxisLabel);
    const names = new Set<unknown>();
    series.forEach((s, i) => {
      const at = `${path}.chart.series[${i}]`;
      if (!isObject(s)) {
        this.fail(at, 'series is not an object');
        return;
      }
      if (typeof s.name !== 'string' || s.name.length === 0) this.fail(`${at}.name`, 'missing');
      this.length(`${at}.name`, s.name, MAX.chartSeriesName);
      if (names.has(s.name)) this.fail(`${at}.name`, 'not unique');
      names.add(s.name);
      const data = Array.isArray(s.data) ? s.data : [];
      if (data.length < 1 || data.length > MAX.chartPoints) this.fail(`${at}.data`, `${data.length} points`);
      data.forEach((d, j) => {
        if (!isObject(d)) {
          this.fail(`${at}.data[${j}]`, 'point is not an object');
          return;
        }
        this.length(`${at}.data[${j}].label`, d.label, MAX.chartLabel);
        if (!categories.includes(d.label)) this.fail(`${at}.data[${j}].label`, 'not an axis category');
        if (typeof d.value !== 'number' || !Number.isFinite(d.value))
          this.fail(`${at}.data[${j}].value`, 'not a number');
      });
    });
  }

  blocks(path: string, blocks: unknown, surface: Surface): void {
    if (!Array.isArray(blocks)) {
      this.fail(path, 'blocks is not an array');
      return;
    }
    const max = surface === 'message' ? MAX.messageBlocks : MAX.viewBlocks;
    if (blocks.length > max) this.fail(path, `${blocks.length} blocks > ${max}`);
    blocks.forEach((b, i) => {
      this.block(`${path}[${i}]`, b, surface);
    });
    const ids = blocks.map((b) => (isObject(b) ? b.block_id : undefined)).filter((id) => id !== undefined);
    if (new Set(ids).size !== ids.length) this.fail(path, 'duplicate block_id');
    const count = (type: string) => blocks.filter((b) => isObject(b) && b.type === type).length;
    if (count('data_visualization') > MAX.chartsPerMessage)
      this.fail(path, `${count('data_visualization')} charts > ${MAX.chartsPerMessage}`);
    if (count('table') > MAX.tablesPerMessage)
      this.fail(path, `${count('table')} tables > ${MAX.tablesPerMessage}`);
  }

  view(path: string, view: unknown): void {
    if (!isObject(view)) {
      this.fail(path, 'view is not an object');
      return;
    }
    const surface: Surface = view.type === 'home' ? 'home' : 'modal';
    if (surface === 'modal') {
      this.textObject(`${path}.title`, view.title, MAX.modalTitle, true);
      if (view.submit !== undefined && view.submit !== null)
        this.textObject(`${path}.submit`, view.submit, MAX.modalButton, true);
      if (view.close !== undefined && view.close !== null)
        this.textObject(`${path}.close`, view.close, MAX.modalButton, true);
      const hasInput =
        Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
      if (hasInput && (view.submit === undefined || view.submit === null))
        this.fail(path, 'inputs without a submit button');
    }
    this.length(`${path}.private_metadata`, view.private_metadata, MAX.privateMetadata);
    this.length(`${path}.callback_id`, view.callback_id, MAX.callbackId);
    this.length(`${path}.external_id`, view.external_id, MAX.externalId);
    this.blocks(`${path}.blocks`, view.blocks, surface);
  }

  /** Every string anywhere: no lone surrogates (not valid UTF-8, Slack rejects the request), no NUL. */
  strings(path: string, value: unknown): void {
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) this.fail(path, 'lone surrogate');
      if (value.includes('\u0000')) this.fail(path, 'NUL character');
      return;
    }
    if (Array.isArray(value))
      value.forEach((v, i) => {
        this.strings(`${path}[${i}]`, v);
      });
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) this.strings(`${path}.${k}`, v);
  }
}

/**
 * Problems with what Winwin sent Slack: a message body (ack, response_url post, chat.* call with
 * `text`/`blocks`), a views.* call (`view`), or a view_submission ack (`response_action`).
 */
export const blockKitProblems = (payload: unknown): string[] => {
  const c = new Checker();
  if (payload === undefined || payload === null || payload === '') return [];
  if (!isObject(payload)) {
    c.fail('$', 'not an object');
    return c.problems;
  }
  c.strings('$', payload);
  if (payload.view !== undefined) c.view('$.view', payload.view);
  if (payload.response_action === 'errors') {
    if (!isObject(payload.errors) || Object.keys(payload.errors).length === 0)
      c.fail('$.errors', 'no errors');
    else
      for (const [k, v] of Object.entries(payload.errors)) {
        if (typeof v !== 'string' || v.length === 0) c.fail(`$.errors.${k}`, 'empty error');
        c.length(`$.errors.${k}`, v, MAX.errorMessage);
      }
  }
  if (payload.blocks !== undefined) {
    c.blocks(
      '$.blocks',
      typeof payload.blocks === 'string' ? JSON.parse(payload.blocks) : payload.blocks,
      'message',
    );
    if (typeof payload.text !== 'string' || payload.text.trim() === '') c.fail('$.text', 'no fallback text');
  }
  if (payload.text !== undefined) c.length('$.text', payload.text, MAX.fallbackText);
  return c.problems;
};

/** Web API methods and endpoints whose arguments carry a message or a view. */
export const RENDERING_METHODS: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.scheduleMessage',
  'response_url',
  'views.open',
  'views.push',
  'views.update',
  'views.publish',
  'files.completeUploadExternal',
]);
