import { z } from 'zod';
import { EventSchema, type State, StateSchema, type WinwinEvent } from '../domain/types.js';
import type { StoreDoc } from './file-format.js';
import { CURRENT_VERSION } from './migrations.js';

const ELEMENT_SEPARATOR = Buffer.from(',\n');
const OPEN_ARRAY = Buffer.from('[\n');
const CLOSE_ARRAY = Buffer.from('\n]');
const EMPTY_ARRAY = Buffer.from('[]');

type ArraySchema = z.ZodArray<z.ZodType>;

/** The state's array fields and their element schemas, e.g. pledges → PledgeSchema. */
export const ARRAY_FIELDS: ReadonlyMap<keyof State, z.ZodType> = new Map(
  Object.entries(StateSchema.shape).flatMap(([key, schema]) =>
    schema instanceof z.ZodArray
      ? [[key as keyof State, (schema as ArraySchema).element as z.ZodType] as const]
      : [],
  ),
);

/** The state's other fields (counters such as nextPledge) and their schemas. */
export const SCALAR_FIELDS: ReadonlyMap<keyof State, z.ZodType> = new Map(
  Object.entries(StateSchema.shape).flatMap(([key, schema]) =>
    schema instanceof z.ZodArray ? [] : [[key as keyof State, schema as z.ZodType] as const],
  ),
);

/**
 * Turns a StoreDoc into the main file's bytes, fast enough to run on every commit of a store with
 * 10,000 pledges. State is immutable: a mutation replaces the objects it changes and keeps the rest,
 * so the encoded bytes of each array element are cached by identity and only changed elements are
 * encoded again; a commit then costs one gathered write of cached buffers. Encoded elements are
 * frozen, so that an in-place edit (a bug the cache would hide) throws instead.
 */
export class DocEncoder {
  readonly #bytes = new WeakMap<object, Buffer>();
  /**
   * The JSON a value read from the files was decoded from, until its bytes are first needed: encoding
   * 11,000 elements on open cost ≈ 0.1–0.15 s of a cold start, and most are never written again
   * before the first compaction. (The raw objects share their strings with the decoded values, so
   * keeping them costs less memory than their bytes would.)
   */
  readonly #raw = new WeakMap<object, unknown>();
  readonly #checkedArrays = new WeakSet<readonly unknown[]>();

  #element(schema: z.ZodType, value: unknown): Buffer {
    if (typeof value !== 'object' || value === null)
      return Buffer.from(JSON.stringify(z.encode(schema, value)));
    let bytes = this.#bytes.get(value);
    if (bytes === undefined) {
      const raw = this.#raw.get(value);
      bytes = Buffer.from(JSON.stringify(raw === undefined ? z.encode(schema, value) : raw));
      this.#raw.delete(value);
      Object.freeze(value);
      this.#bytes.set(value, bytes);
    }
    return bytes;
  }

  #array(schema: z.ZodType, values: readonly unknown[], into: Buffer[]): void {
    if (values.length === 0) {
      into.push(EMPTY_ARRAY);
      return;
    }
    into.push(OPEN_ARRAY);
    values.forEach((value, index) => {
      if (index > 0) into.push(ELEMENT_SEPARATOR);
      into.push(this.#element(schema, value));
    });
    into.push(CLOSE_ARRAY);
  }

  /**
   * Validates a state by encoding only what changed since `previous` (a state already checked):
   * arrays and their elements are compared by identity, so a mutation that touches one pledge costs
   * one encoding, not ten thousand. Throws a ZodError if the state is invalid. Elements are frozen
   * here (their cached bytes must stay true); arrays only when committed, by `freeze`.
   */
  check(state: State, previous?: State): void {
    for (const [key, schema] of SCALAR_FIELDS) z.encode(schema, state[key]);
    for (const [key, schema] of ARRAY_FIELDS) {
      const values = state[key] as readonly unknown[];
      if (this.#checkedArrays.has(values)) continue;
      const before = previous?.[key] as readonly unknown[] | undefined;
      const known = before !== undefined && this.#checkedArrays.has(before) ? before : [];
      // A plain loop: this runs on every mutation over every pledge.
      for (let index = 0; index < values.length; index++) {
        const element = values[index];
        if (element !== known[index]) this.#element(schema, element);
      }
      this.#checkedArrays.add(values);
    }
    Object.freeze(state);
  }

  /**
   * Validates the state's counters and that its arrays are arrays; their elements are validated as
   * the batch's log line encodes them.
   */
  checkShallow(state: State): void {
    for (const [key, schema] of SCALAR_FIELDS) z.encode(schema, state[key]);
    for (const key of ARRAY_FIELDS.keys()) {
      if (!Array.isArray(state[key])) throw new TypeError(`state.${key} is not an array`);
    }
    Object.freeze(state);
  }

  /**
   * Freezes the arrays of a state about to be committed, so that an in-place edit of what `read`
   * hands out throws: the log records positions in these arrays, an edit in place would make the
   * files disagree with memory. Not done in `check`: V8 reads frozen arrays several times slower,
   * and the states between the mutations of one batch are seen by nothing but those mutations.
   */
  freeze(state: State): void {
    for (const key of ARRAY_FIELDS.keys()) Object.freeze(state[key]);
    Object.freeze(state);
  }

  /**
   * Takes the JSON just read from the file as the encoding of the doc decoded from it, which saves
   * encoding every element again. `raw` must be the JSON `doc` was decoded from, and nothing else
   * may hold or change it.
   */
  adopt(
    doc: StoreDoc,
    raw: { readonly state: Record<string, unknown>; readonly events: readonly unknown[] },
  ): void {
    const adoptArray = (values: readonly unknown[], rawValues: readonly unknown[]) => {
      values.forEach((value, index) => {
        if (typeof value === 'object' && value !== null) {
          this.#raw.set(value, rawValues[index]);
          Object.freeze(value);
        }
      });
      Object.freeze(values);
      this.#checkedArrays.add(values);
    };
    for (const key of ARRAY_FIELDS.keys())
      adoptArray(doc.state[key] as readonly unknown[], raw.state[key] as unknown[]);
    adoptArray(doc.events, raw.events);
    Object.freeze(doc.state);
  }

  /** The JSON bytes of one event (one line, no newline); throws a ZodError if it is invalid. */
  event(event: WinwinEvent): Buffer {
    return this.#element(EventSchema, event);
  }

  /** The JSON bytes of one element of the state's array field `key`. */
  arrayElement(key: keyof State, value: unknown): Buffer {
    const schema = ARRAY_FIELDS.get(key);
    if (schema === undefined) throw new Error(`state.${key} is not an array`);
    return this.#element(schema, value);
  }

  /** Takes `raw`, the JSON `value` was just decoded from, as its encoding (see `adopt`). */
  remember(value: unknown, raw: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    this.#raw.set(value, raw);
    Object.freeze(value);
  }

  /** Marks the arrays of a state built from remembered elements as checked, and freezes it. */
  trust(state: State): void {
    for (const key of ARRAY_FIELDS.keys()) this.#checkedArrays.add(state[key] as readonly unknown[]);
    this.freeze(state);
  }

  /**
   * The whole main file, as the buffers to write in order (gathered by one writev: concatenating
   * 20,000 small buffers costs more than writing them). Throws a ZodError if something is invalid.
   */
  doc(doc: StoreDoc): Buffer[] {
    const parts: Buffer[] = [
      Buffer.from(
        `{"version":${CURRENT_VERSION},"archivedThrough":${doc.archivedThrough},"walSeq":${doc.walSeq},\n"state":{`,
      ),
    ];
    Object.entries(StateSchema.shape).forEach(([key, schema], index) => {
      parts.push(Buffer.from(`${index > 0 ? ',\n' : ''}${JSON.stringify(key)}:`));
      const value: unknown = doc.state[key as keyof State];
      if (schema instanceof z.ZodArray) {
        this.#array(schema.element as z.ZodType, value as readonly unknown[], parts);
      } else {
        parts.push(Buffer.from(JSON.stringify(z.encode(schema as z.ZodType, value))));
      }
    });
    parts.push(Buffer.from('},\n"events":'));
    this.#array(EventSchema, doc.events, parts);
    parts.push(Buffer.from('}\n'));
    return parts;
  }
}
