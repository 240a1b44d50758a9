import { z } from 'zod';
import type { DomainError, Result } from '../../domain/result.js';
import type { Locale } from '../../i18n/common.js';
import { errorText } from '../../views/error-text.js';
import { safePlainText } from '../../views/modal-inputs.js';

/**
 * Reading `view.state.values` of a submission. Slack sends `{ [block_id]: { [action_id]: state } }`;
 * in Winwin's modals both ids are the field name. Every block is checked on its own, so one malformed
 * field (a forged payload) is an error on that field and never a crash.
 */

const OptionSchema = z.object({ value: z.string().max(200) });

const ElementStateSchema = z.object({
  type: z.string().max(60),
  value: z.string().max(20_000).nullish(),
  selected_option: OptionSchema.nullish(),
  selected_date: z.string().max(20).nullish(),
});

const BlockStateSchema = z.record(z.string(), ElementStateSchema);
const ValuesSchema = z.record(z.string(), z.unknown());

/** What a submission held for one field. */
export type FieldRead =
  /** A value: the text typed, the selected option's value, or the date picked. Blank counts as absent. */
  | { readonly kind: 'value'; readonly value: string }
  /** Left empty (or not in the payload at all). */
  | { readonly kind: 'empty' }
  /** Present but not shaped like any input Winwin sends. */
  | { readonly kind: 'malformed' };

export type FieldValues = (field: string) => FieldRead;

/** A reader over `view.state.values`; anything that is not an object reads as all fields empty. */
export const readValues = (values: unknown): FieldValues => {
  const top = ValuesSchema.safeParse(values);
  const blocks = top.success ? top.data : {};
  return (field) => {
    if (!Object.hasOwn(blocks, field)) return { kind: 'empty' };
    const block = BlockStateSchema.safeParse(blocks[field]);
    if (!block.success) return { kind: 'malformed' };
    if (!Object.hasOwn(block.data, field)) return { kind: 'malformed' };
    const state = block.data[field];
    if (state === undefined) return { kind: 'malformed' };
    const raw = state.value ?? state.selected_option?.value ?? state.selected_date ?? null;
    return raw === null || raw.trim() === '' ? { kind: 'empty' } : { kind: 'value', value: raw };
  };
};

/** Errors keyed by block_id, for `ack({ response_action: 'errors', errors })`. */
export type FieldErrors = Record<string, string>;

/** Slack shows these under the field; a long message would only push the form off screen. */
export const MAX_FIELD_ERROR = 1000;

/**
 * A field error as Slack should show it. Errors quote what the user typed, and a quoted `<!channel>`
 * must not become a mention wherever Slack might parse it, so angle brackets become look-alikes (an
 * entity would show literally in plain text). Control characters and broken UTF-16 in the quote are
 * dropped; the text is cut to MAX_FIELD_ERROR without splitting a character.
 */
export const fieldError = (text: string): string => {
  const safe = safePlainText(text, Number.MAX_SAFE_INTEGER).replace(/</g, '‹').replace(/>/g, '›');
  if (safe.length <= MAX_FIELD_ERROR) return safe;
  const code = safe.charCodeAt(MAX_FIELD_ERROR - 2);
  return `${safe.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_FIELD_ERROR - 2 : MAX_FIELD_ERROR - 1)}…`;
};

export const FIELD_TEXT = {
  en: {
    required: 'Fill in this field.',
    malformed: 'This field could not be read. Close the form and open it again.',
    choose: (allowed: readonly string[]) => `Choose one of: ${allowed.join(', ')}.`,
  },
  ko: {
    required: '이 항목을 입력하세요.',
    malformed: '이 항목을 읽을 수 없습니다. 양식을 닫고 다시 여세요.',
    choose: (allowed: readonly string[]) => `다음 중 하나를 고르세요: ${allowed.join(', ')}.`,
  },
} as const;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldErrors };

/** Collects every field's problem at once, so the user fixes the form in one go. */
export class FieldCollector {
  readonly errors: FieldErrors = {};
  constructor(
    private readonly read: FieldValues,
    private readonly locale: Locale,
  ) {}

  /** A required field's raw value, or undefined with the error noted. */
  required(field: string): string | undefined {
    const r = this.read(field);
    if (r.kind === 'value') return r.value;
    this.fail(
      field,
      r.kind === 'empty' ? FIELD_TEXT[this.locale].required : FIELD_TEXT[this.locale].malformed,
    );
    return undefined;
  }

  /** An optional field's raw value: undefined when left empty. */
  optional(field: string): string | undefined {
    const r = this.read(field);
    if (r.kind === 'value') return r.value;
    if (r.kind === 'malformed') this.fail(field, FIELD_TEXT[this.locale].malformed);
    return undefined;
  }

  /** One of `allowed`, or undefined with the error noted. */
  choice<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const raw = this.required(field);
    if (raw === undefined) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.fail(field, FIELD_TEXT[this.locale].choose(allowed));
    return undefined;
  }

  /** `raw` when it has the shape our form sends, else undefined with the error noted. */
  shaped(field: string, raw: string | undefined, ok: (value: string) => boolean): string | undefined {
    if (raw === undefined) return undefined;
    if (ok(raw)) return raw;
    this.fail(field, FIELD_TEXT[this.locale].malformed);
    return undefined;
  }

  /** The value of a domain check, or undefined with its localized error noted. */
  check<T>(field: string, result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    this.failWith(field, result.error);
    return undefined;
  }

  failWith(field: string, error: DomainError): void {
    this.fail(field, errorText(error, this.locale, 'plain'));
  }

  fail(field: string, text: string): void {
    this.errors[field] ??= fieldError(text);
  }

  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }
}
