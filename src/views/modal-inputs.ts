import type { types } from '@slack/bolt';
import { type InputBlock, LIMITS, type PlainTextOption, plainText, truncate } from './blocks.js';
import { stripInvisible } from './mrkdwn.js';

/**
 * Input blocks for Winwin's modals. Each input's block_id and action_id are both the field name (the
 * contract of issue 3), so a submission reads `state.values[field][field]`.
 */

export interface InputCommon {
  readonly field: string;
  readonly label: string;
  readonly hint?: string;
  readonly optional?: boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text Slack accepts in a plain-text spot (a prefill, a field error): control characters and broken UTF-16
 * removed (a quick command's text can hold them), at most `maxLength` long, cut between characters
 * rather than inside a surrogate pair.
 */
export const safePlainText = (text: string, maxLength: number): string => {
  const clean = stripInvisible(text.replace(LONE_SURROGATE, ''));
  if (clean.length <= maxLength) return clean;
  const code = clean.charCodeAt(maxLength - 1);
  return clean.slice(0, code >= 0xd800 && code <= 0xdbff ? maxLength - 1 : maxLength);
};

/** A text input; a prefill that would break the view is made safe (see safePlainText). */
export const textInput = (
  i: InputCommon & {
    readonly initial?: string;
    readonly placeholder?: string;
    readonly multiline?: boolean;
    readonly maxLength: number;
  },
): InputBlock => {
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: i.field,
    max_length: i.maxLength,
    ...(i.multiline ? { multiline: true } : {}),
    ...(i.placeholder === undefined ? {} : { placeholder: plainText(i.placeholder, LIMITS.placeholder) }),
    ...(i.initial === undefined || safePlainText(i.initial, i.maxLength) === ''
      ? {}
      : { initial_value: safePlainText(i.initial, i.maxLength) }),
  };
  return input(i, element);
};

export const datepicker = (i: InputCommon & { readonly initial?: string }): InputBlock => {
  const element: types.Datepicker = {
    type: 'datepicker',
    action_id: i.field,
    ...(i.initial === undefined ? {} : { initial_date: i.initial }),
  };
  return input(i, element);
};

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly PlainTextOption[];
}

/**
 * A static_select of plain options, or of option groups when `groups` is given. `initial` is the value
 * to preselect; it is ignored when no option has it (Slack rejects an initial_option it cannot find).
 */
export const staticSelect = (
  i: InputCommon & {
    readonly options?: readonly PlainTextOption[];
    readonly groups?: readonly OptionGroup[];
    readonly initial?: string;
    readonly placeholder?: string;
  },
): InputBlock => {
  const all = i.groups === undefined ? (i.options ?? []) : i.groups.flatMap((g) => g.options);
  const initial = i.initial === undefined ? undefined : all.find((o) => o.value === i.initial);
  const element: types.StaticSelect = {
    type: 'static_select',
    action_id: i.field,
    ...(i.groups === undefined
      ? { options: [...(i.options ?? [])].slice(0, LIMITS.options) }
      : {
          option_groups: i.groups.slice(0, LIMITS.options).map((g) => ({
            label: plainText(g.label, LIMITS.optionText),
            options: [...g.options].slice(0, LIMITS.options),
          })),
        }),
    ...(i.placeholder === undefined ? {} : { placeholder: plainText(i.placeholder, LIMITS.placeholder) }),
    ...(initial === undefined ? {} : { initial_option: initial }),
  };
  return input(i, element);
};

/** A file_input taking one file of the given types (e.g. csv, xlsx). */
export const fileInput = (i: InputCommon & { readonly filetypes: readonly string[] }): InputBlock => {
  const element: types.FileInput = {
    type: 'file_input',
    action_id: i.field,
    filetypes: [...i.filetypes],
    max_files: 1,
  };
  return input(i, element);
};

/** A select option with a grey description line under it (≤ 75 characters each). */
export const describedOption = (text: string, value: string, description?: string): PlainTextOption => {
  if (value.length > LIMITS.optionValue) throw new Error(`option value longer than ${LIMITS.optionValue}`);
  return {
    text: plainText(text, LIMITS.optionText),
    value,
    ...(description === undefined ? {} : { description: plainText(description, LIMITS.optionText) }),
  };
};

const input = (i: InputCommon, element: InputBlock['element']): InputBlock => ({
  type: 'input',
  block_id: i.field,
  label: plainText(i.label, LIMITS.inputLabel),
  element,
  ...(i.optional ? { optional: true } : {}),
  ...(i.hint === undefined ? {} : { hint: plainText(truncate(i.hint, LIMITS.hint), LIMITS.hint) }),
});
