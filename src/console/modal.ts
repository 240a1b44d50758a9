import { isIsoDate } from '../domain/dates.js';
import type { InputValue } from '../loopback/signed-client.js';
import { type ControlOption, textOf } from './render.js';

/**
 * A modal as a list of questions: one per input block, in order, with what the terminal needs to ask
 * it (label, hint, numbered options, default) and to turn the answer into Slack's `state.values` shape.
 */

export interface FieldOption extends ControlOption {
  /** The option group's label, for selects grouped by sector. */
  readonly group?: string;
}

export interface ModalField {
  readonly blockId: string;
  readonly actionId: string;
  /** Element type: plain_text_input, static_select, datepicker, number_input, … */
  readonly type: string;
  readonly label: string;
  readonly hint: string | undefined;
  readonly placeholder: string | undefined;
  readonly optional: boolean;
  readonly multiline: boolean;
  readonly options: readonly FieldOption[];
  /** The pre-filled value (text, option value or date), if any. */
  readonly initial: string | undefined;
  readonly maxLength: number | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const optionOf = (o: unknown, group?: string): FieldOption | undefined => {
  if (!isObject(o) || typeof o.value !== 'string') return undefined;
  const text = textOf(o.text);
  return group === undefined ? { text, value: o.value } : { text, value: o.value, group };
};

const optionsOf = (element: Json): FieldOption[] => {
  const plain = list(element.options).map((o) => optionOf(o));
  const grouped = list(element.option_groups).flatMap((g) =>
    isObject(g) ? list(g.options).map((o) => optionOf(o, textOf(g.label))) : [],
  );
  return [...plain, ...grouped].filter((o): o is FieldOption => o !== undefined);
};

const initialOf = (element: Json): string | undefined => {
  if (typeof element.initial_value === 'string' && element.initial_value !== '') return element.initial_value;
  if (typeof element.initial_value === 'number') return String(element.initial_value);
  if (typeof element.initial_date === 'string') return element.initial_date;
  if (isObject(element.initial_option)) return str(element.initial_option.value);
  return undefined;
};

/** The input blocks of a view, as questions. */
export const modalFields = (view: unknown): ModalField[] => {
  if (!isObject(view)) return [];
  const fields: ModalField[] = [];
  for (const block of list(view.blocks)) {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) continue;
    const element = block.element;
    const actionId = str(element.action_id);
    const blockId = str(block.block_id);
    if (actionId === undefined || blockId === undefined) continue;
    const hint = textOf(block.hint);
    const placeholder = textOf(element.placeholder);
    fields.push({
      blockId,
      actionId,
      type: str(element.type) ?? 'plain_text_input',
      label: textOf(block.label),
      hint: hint === '' ? undefined : hint,
      placeholder: placeholder === '' ? undefined : placeholder,
      optional: block.optional === true,
      multiline: element.multiline === true,
      options: optionsOf(element),
      initial: initialOf(element),
      maxLength: typeof element.max_length === 'number' ? element.max_length : undefined,
    });
  }
  return fields;
};

/** What to print before reading a field's answer (without the final prompt line). */
export const describeField = (field: ModalField, error?: string): string[] => {
  const lines: string[] = [];
  const flags = [
    field.optional ? 'optional, Enter to skip' : undefined,
    field.type === 'datepicker' ? 'YYYY-MM-DD' : undefined,
  ]
    .filter((f) => f !== undefined)
    .join('; ');
  lines.push(`${field.label}${flags === '' ? '' : ` (${flags})`}`);
  if (field.hint !== undefined) lines.push(`  ${field.hint}`);
  if (field.options.length > 0) {
    let group: string | undefined;
    field.options.forEach((option, i) => {
      if (option.group !== undefined && option.group !== group) {
        group = option.group;
        lines.push(`  ${group}:`);
      }
      const shown = option.text === option.value ? option.text : `${option.text} (${option.value})`;
      lines.push(`  ${option.group === undefined ? '' : '  '}${i + 1}. ${shown}`);
    });
  }
  if (error !== undefined) lines.push(`  ✗ ${error}`);
  return lines;
};

/** The short prompt for a field: its label, and its default in brackets. */
export const promptFor = (field: ModalField): string => {
  const initial =
    field.initial === undefined
      ? undefined
      : (field.options.find((o) => o.value === field.initial)?.text ?? field.initial);
  return `${field.label}${initial === undefined ? '' : ` [${initial}]`}> `;
};

export type Answer =
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly error: string };

/**
 * Reads a typed answer. Empty keeps the default (or skips an optional field); `-` clears an optional
 * field that has a default. A select takes the option's number, value or text.
 */
export const parseAnswer = (field: ModalField, typed: string): Answer => {
  const text = typed.trim();
  if (text === '') {
    if (field.initial !== undefined) return { ok: true, value: field.initial };
    return field.optional ? { ok: true, value: null } : { ok: false, error: 'This field is required.' };
  }
  if (text === '-' && field.optional) return { ok: true, value: null };
  if (field.options.length > 0) {
    const index = /^\d+$/.test(text) ? Number(text) - 1 : -1;
    const lowered = text.toLowerCase();
    const found =
      field.options[index] ??
      field.options.find((o) => o.value === text) ??
      field.options.find((o) => o.value.toLowerCase() === lowered || o.text.toLowerCase() === lowered);
    return found === undefined
      ? { ok: false, error: `Type a number from 1 to ${field.options.length}, or an option's value.` }
      : { ok: true, value: found.value };
  }
  if (field.type === 'datepicker') {
    return isIsoDate(text)
      ? { ok: true, value: text }
      : { ok: false, error: 'Write the date as YYYY-MM-DD.' };
  }
  if (field.type === 'number_input' && !/^-?\d+(\.\d+)?$/.test(text)) {
    return { ok: false, error: 'Type a number.' };
  }
  if (field.maxLength !== undefined && text.length > field.maxLength) {
    return { ok: false, error: `At most ${field.maxLength} characters.` };
  }
  // One terminal line holds a multiline note: `\n` stands for a line break.
  return { ok: true, value: field.multiline ? text.replace(/\\n/g, '\n') : typed.trim() };
};

/** An answer in the shape Slack puts in `view.state.values[block][action]`. */
export const inputValue = (field: ModalField, value: string | null): InputValue => {
  if (field.options.length > 0 || field.type === 'static_select') {
    const option = field.options.find((o) => o.value === value);
    return {
      type: field.type,
      selected_option:
        value === null
          ? null
          : { text: { type: 'plain_text', text: option?.text ?? value, emoji: true }, value },
    };
  }
  if (field.type === 'datepicker') return { type: 'datepicker', selected_date: value };
  return { type: field.type, value };
};

/** `view.state.values` for the answers given so far (unanswered fields are sent empty, as Slack does). */
export const stateValues = (
  fields: readonly ModalField[],
  answers: ReadonlyMap<string, string | null>,
): Record<string, Record<string, InputValue>> => {
  const values: Record<string, Record<string, InputValue>> = {};
  for (const field of fields) {
    values[field.blockId] = { [field.actionId]: inputValue(field, answers.get(field.blockId) ?? null) };
  }
  return values;
};
