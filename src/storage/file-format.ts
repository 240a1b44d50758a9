import { z } from 'zod';
import { EventSchema, type State, StateSchema, type WinwinEvent } from '../domain/types.js';
import { StoreOpenError } from './errors.js';
import { CURRENT_VERSION } from './migrations.js';

/**
 * The main file, `WINWIN_DB`: `{ version, lastEventId, history, state }`, the whole current state.
 * `lastEventId` is the newest event of the events file that this state counts (the events file may
 * hold a few more, appended by a write that never committed: they are cut on open). `history`
 * counts replaceAll calls: a replaced events file is written as `.<name>.events.jsonl.<history>`
 * and renamed into place only once the main file naming that history is durable.
 */
export const StoreFileSchema = z.object({
  version: z.literal(CURRENT_VERSION),
  lastEventId: z.number().int().nonnegative(),
  history: z.number().int().nonnegative(),
  state: StateSchema,
});

export interface StoreDoc {
  readonly lastEventId: number;
  readonly history: number;
  readonly state: State;
}

export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');

/** Decodes the (current-version) JSON of the main file. Throws StoreOpenError('INVALID'). */
export const decodeStoreDoc = (file: string, json: unknown): StoreDoc => {
  const result = z.safeDecode(StoreFileSchema, json as z.input<typeof StoreFileSchema>);
  if (!result.success) {
    throw new StoreOpenError('INVALID', file, `does not match the schema: ${describeIssues(result.error)}`, {
      cause: result.error,
    });
  }
  const { lastEventId, history, state } = result.data;
  if (lastEventId >= state.nextEvent) {
    throw new StoreOpenError(
      'INVALID',
      file,
      `state.nextEvent ${state.nextEvent} is not after event ${lastEventId}`,
    );
  }
  return { lastEventId, history, state };
};

/** The element schema of an array field (behind a default or optional), found through StateSchema. */
const elementOf = (schema: z.ZodType): z.ZodType | undefined => {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
};

const FIELDS = Object.entries(StateSchema.shape).map(([key, schema]) => ({
  key: key as keyof State,
  schema: schema as z.ZodType,
  element: elementOf(schema as z.ZodType),
}));

const SEPARATOR = Buffer.from(',\n');
const OPEN = Buffer.from('[\n');
const CLOSE = Buffer.from('\n]');
const EMPTY = Buffer.from('[]');

/**
 * The first index from `from` below `end` where `a` and `b` hold different objects, else `end`
 * (`from` itself when it is not below `end`).
 */
const sameUpTo = (a: readonly unknown[], b: readonly unknown[], from: number, end: number): number => {
  let index = from;
  while (index < end && a[index] === b[index]) index++;
  return index;
};

/** Elements an array field's encoding joins into one buffer. */
const CHUNK = 256;

/** Elements up to (not including) `end`, from the previous chunk's end, joined with their separators. */
interface SealedChunk {
  readonly buffer: Buffer<ArrayBuffer>;
  readonly end: number;
}

interface EncodedArray {
  readonly values: readonly unknown[];
  readonly sealed: readonly SealedChunk[];
  /** The JSON of each element after the last sealed chunk. */
  readonly tail: readonly Buffer<ArrayBuffer>[];
}

/** The elements' JSON with a separator before each, except before the array's first element. */
const withSeparators = (
  elements: readonly Buffer<ArrayBuffer>[],
  firstIndex: number,
): Buffer<ArrayBuffer>[] => {
  const pieces: Buffer<ArrayBuffer>[] = [];
  elements.forEach((json, offset) => {
    if (firstIndex + offset > 0) pieces.push(SEPARATOR);
    pieces.push(json);
  });
  return pieces;
};

/**
 * Encodes the main file and the events with zod's public `z.encode`, remembering the JSON of each
 * array element (a pledge, a program, …) in a WeakMap keyed by the element: committed state is never
 * edited in place (a mutation returns new objects for what it changes and keeps the rest), so an
 * unchanged element's JSON stays true, and rewriting the whole file costs one encoding per changed
 * element plus a gathered write (see #array). Encoding is also validation: a value that breaks its
 * schema throws a ZodError. Elements are frozen once remembered, so that an in-place edit throws
 * instead of leaving the file and memory apart.
 */
export class StoreEncoder {
  readonly #json = new WeakMap<object, Buffer<ArrayBuffer>>();
  /** Per array field, the last array written and its encoding (see #array). */
  readonly #lastArrays = new Map<string, EncodedArray>();

  /** `chunk`: elements joined per buffer (tests use small ones to cross chunk edges). */
  constructor(readonly chunk = CHUNK) {}

  #element(schema: z.ZodType, value: unknown): Buffer<ArrayBuffer> {
    if (typeof value !== 'object' || value === null)
      return Buffer.from(JSON.stringify(z.encode(schema, value)));
    let json = this.#json.get(value);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(z.encode(schema, value)));
      Object.freeze(value);
      this.#json.set(value, json);
    }
    return json;
  }

  /**
   * Validates `state`, which a mutation made from `previous` (already valid): only the fields and
   * array elements that are not the same objects as before are encoded. Throws a ZodError.
   */
  check(state: State, previous?: State): void {
    if (typeof state !== 'object' || state === null) throw new TypeError('the state is not an object');
    for (const { key, schema, element } of FIELDS) {
      const value: unknown = state[key];
      const before: unknown = previous?.[key];
      if (previous !== undefined && value === before) continue;
      if (element === undefined || !Array.isArray(value)) {
        z.encode(schema, value);
        continue;
      }
      const known: readonly unknown[] = Array.isArray(before) ? before : [];
      const shared = Math.min(value.length, known.length);
      // Past `shared` every element is new: sameUpTo then steps one at a time.
      for (
        let index = sameUpTo(value, known, 0, shared);
        index < value.length;
        index = sameUpTo(value, known, index + 1, shared)
      )
        this.#element(element, value[index]);
    }
  }

  /** The JSON line of one event (no newline). Throws a ZodError if it is invalid. */
  event(event: WinwinEvent): Buffer<ArrayBuffer> {
    return this.#element(EventSchema, event);
  }

  /**
   * Takes the JSON a state was just decoded from (the main file's) as its elements' encoding, so that
   * the first commit after open does not encode 10,000 unchanged pledges again.
   */
  adopt(state: State, raw: Record<string, unknown>): void {
    for (const { key, element } of FIELDS) {
      const values: unknown = state[key];
      const json = raw[key];
      if (element === undefined || !Array.isArray(values) || !Array.isArray(json)) continue;
      values.forEach((value, index) => {
        if (typeof value !== 'object' || value === null) return;
        Object.freeze(value);
        this.#json.set(value, Buffer.from(JSON.stringify(json[index])));
      });
    }
  }

  /**
   * An array field's JSON, one element per line, as buffers to write in order: `[`, the elements with
   * separators between them, `]`. The elements are kept joined in chunks of CHUNK, and the chunks of the
   * field's last encoding are reused up to the first element that is not the same object: a commit
   * that appends pledges re-encodes none of the old ones, and the file is one gathered write of a few
   * dozen buffers (a buffer per element would cost more to hand to the kernel than joining them).
   */
  #array(key: string, schema: z.ZodType, values: readonly unknown[]): readonly Buffer<ArrayBuffer>[] {
    if (values.length === 0) return [EMPTY];
    const last = this.#lastArrays.get(key);
    const same =
      last === undefined ? 0 : sameUpTo(values, last.values, 0, Math.min(last.values.length, values.length));
    const sealed: SealedChunk[] = [];
    for (const chunk of last?.sealed ?? []) {
      if (chunk.end > same) break;
      sealed.push(chunk);
    }
    let sealedEnd = sealed.at(-1)?.end ?? 0;
    const lastSealedEnd = last?.sealed.at(-1)?.end ?? 0;
    // The unjoined elements after the last chunk, as far as they are unchanged.
    let tail = last !== undefined && sealedEnd === lastSealedEnd ? last.tail.slice(0, same - sealedEnd) : [];
    for (let index = sealedEnd + tail.length; index < values.length; index++) {
      tail.push(this.#element(schema, values[index]));
      if (tail.length === this.chunk) {
        sealed.push({ buffer: Buffer.concat(withSeparators(tail, sealedEnd)), end: sealedEnd + this.chunk });
        sealedEnd += this.chunk;
        tail = [];
      }
    }
    this.#lastArrays.set(key, { values, sealed, tail });
    return [OPEN, ...sealed.map((chunk) => chunk.buffer), ...withSeparators(tail, sealedEnd), CLOSE];
  }

  /** The main file's bytes, as buffers to write in order. */
  file(doc: StoreDoc): Buffer<ArrayBuffer>[] {
    const parts = [
      Buffer.from(
        `{"version":${CURRENT_VERSION},"lastEventId":${doc.lastEventId},"history":${doc.history},\n"state":{`,
      ),
    ];
    let first = true;
    for (const { key, schema, element } of FIELDS) {
      const value: unknown = doc.state[key];
      if (value === undefined) continue;
      parts.push(Buffer.from(`${first ? '' : ',\n'}${JSON.stringify(key)}:`));
      first = false;
      if (element === undefined || !Array.isArray(value)) {
        parts.push(Buffer.from(JSON.stringify(z.encode(schema, value))));
      } else {
        parts.push(...this.#array(key, element, value));
      }
    }
    parts.push(Buffer.from('}}\n'));
    return parts;
  }
}
