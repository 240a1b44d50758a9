import { err, ok, type Result } from './result.js';

/** Longest text each free-text field accepts, in UTF-16 code units (what the zod schemas count). */
export const TEXT_LIMITS = {
  contributor: 150,
  name: 150,
  note: 2000,
  terms: 2000,
  reason: 2000,
  alias: 30,
  nextStep: 500,
  paymentNote: 500,
} as const;

export interface TextRule {
  /** The field's name as forms and errors know it, e.g. `contributor`. */
  readonly field: string;
  readonly max: number;
  /** Keep line breaks (notes, terms); otherwise every run of whitespace becomes one space. */
  readonly multiline?: boolean;
}

// C0 controls except \t \n \r (handled below), DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings/overrides/isolates and marks: they let a name display as something it is not.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width characters and the BOM: invisible, so two names that look equal would differ.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// A surrogate half without its partner is not text; JSON and Slack reject it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with invisible and dangerous characters removed, trimmed; Korean normalized to NFC. */
export const sanitizeText = (raw: string, multiline = false): string => {
  let text = raw
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(BIDI, '')
    .replace(INVISIBLE, '');
  if (multiline) {
    text = text
      .replace(/\t/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+$/u, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n');
  } else {
    text = text.replace(/\s+/gu, ' ');
  }
  return text.trim();
};

/** Sanitized required text: empty (after sanitizing) or too long is TEXT.INVALID with `{ field, max }`. */
export const cleanText = (raw: string, rule: TextRule): Result<string> => {
  const text = sanitizeText(raw, rule.multiline);
  if (text.length === 0) {
    return err('TEXT.INVALID', { field: rule.field, max: rule.max, reason: 'empty' });
  }
  if (text.length > rule.max) {
    return err('TEXT.INVALID', { field: rule.field, max: rule.max, reason: 'too_long', length: text.length });
  }
  return ok(text);
};

/** Like cleanText, but absent or blank text is `undefined` rather than an error. */
export const cleanOptionalText = (
  raw: string | undefined | null,
  rule: TextRule,
): Result<string | undefined> => {
  if (raw === undefined || raw === null || sanitizeText(raw, rule.multiline) === '') return ok(undefined);
  return cleanText(raw, rule);
};

/**
 * A contributor's name reduced for comparison: "㈜ 쿠팡", "(주)쿠팡" and "쿠팡" are one contributor,
 * as are "Hana Bank" and "HANA BANK". Never shown to anyone.
 */
export const contributorKey = (name: string): string => {
  const plain = sanitizeText(name).normalize('NFKC').toLowerCase();
  const key = plain
    .replace(/\(주\)|주식회사|\b(co|corp|corporation|inc|ltd|limited|llc)\b\.?/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
  return key === '' ? plain : key;
};

/**
 * contributorKey, remembering the keys it made: for one computation over many pledges, where names
 * repeat (a standing reduces every pledge's name). Make one per computation; it holds every name given.
 */
export const contributorKeys = (): ((name: string) => string) => {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) {
      key = contributorKey(name);
      keys.set(name, key);
    }
    return key;
  };
};
