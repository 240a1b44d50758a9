import { z } from 'zod';
import { type State, StateSchema } from '../../domain/types.js';

/**
 * How a State maps onto rows, derived from StateSchema itself so that a field another change adds
 * (an array of payments, a counter) is stored without touching this adapter: every array field is a
 * collection, one row per element; every other field is a scalar in the meta row.
 */

export type Json = z.core.util.JSONType;

export interface Range {
  /** pos of element 0. */
  readonly start: number;
  readonly length: number;
}
export type Ranges = Readonly<Record<string, Range>>;

interface CollectionField {
  readonly key: string;
  readonly kind: 'collection';
  readonly element: z.ZodType;
}
interface ScalarField {
  readonly key: string;
  readonly kind: 'scalar';
  readonly schema: z.ZodType;
}
export type Field = CollectionField | ScalarField;

const unwrap = (schema: z.ZodType): z.ZodType => {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodPrefault)
    s = s.unwrap() as z.ZodType;
  return s;
};

export const FIELDS: readonly Field[] = Object.entries(StateSchema.shape).map(([key, schema]): Field => {
  const inner = unwrap(schema as z.ZodType);
  return inner instanceof z.ZodArray
    ? { key, kind: 'collection', element: inner.element as z.ZodType }
    : { key, kind: 'scalar', schema: schema as z.ZodType };
});

export const COLLECTIONS = FIELDS.filter((f): f is CollectionField => f.kind === 'collection');
const SCALARS = FIELDS.filter((f): f is ScalarField => f.kind === 'scalar');

type AnyState = Readonly<Record<string, unknown>>;
const fieldOf = (state: State, key: string): unknown => (state as AnyState)[key];

/**
 * The encoded JSON of elements already validated and written (or read), by the element itself:
 * committed state is immutable, so an element seen before needs no second encoding or check.
 */
export type EncodedCache = WeakMap<object, Json>;

/** Encodes (and so validates) `element` of `field`; throws a zod error when it breaks the schema. */
export const encodeElement = (cache: EncodedCache, field: CollectionField, element: unknown): Json => {
  const key = typeof element === 'object' && element !== null ? element : undefined;
  if (key !== undefined) {
    const known = cache.get(key);
    if (known !== undefined) return known;
  }
  const json = z.encode(field.element, element as never) as Json;
  if (key !== undefined) cache.set(key, json);
  return json;
};

/** The scalars of `state`, encoded (validated). */
export const encodeScalars = (state: State): Record<string, Json> => {
  const out: Record<string, Json> = {};
  for (const field of SCALARS) {
    const value = fieldOf(state, field.key);
    if (value !== undefined) out[field.key] = z.encode(field.schema, value as never) as Json;
  }
  return out;
};

/**
 * Checks every element of `next` that `previous` does not hold (by identity) and every scalar:
 * throws when the state breaks the schema. What a mutation left alone costs one lookup.
 */
export const checkState = (cache: EncodedCache, previous: State, next: State): void => {
  for (const field of COLLECTIONS) {
    const before = fieldOf(previous, field.key);
    const after = fieldOf(next, field.key);
    if (before === after) continue;
    if (after === undefined) {
      z.encode(
        StateSchema.shape[field.key as keyof typeof StateSchema.shape] as z.ZodType,
        undefined as never,
      );
      continue;
    }
    if (!Array.isArray(after)) throw new Error(`state.${field.key} is not an array`);
    for (const element of after) encodeElement(cache, field, element);
  }
  encodeScalars(next);
};

export interface Row {
  readonly collection: string;
  readonly pos: number;
  readonly doc: Json;
}

export interface StateWrite {
  readonly upserts: Row[];
  /** Collections whose rows outside their new range must go. */
  readonly trims: { readonly collection: string; readonly start: number; readonly end: number }[];
  readonly ranges: Record<string, Range>;
  readonly scalars: Record<string, Json>;
}

/**
 * The rows to write to go from `previous` (stored with `ranges`) to `next`: only elements that are not
 * the identical object at the same place. A collection whose first elements were dropped (a capped
 * list) moves its start instead of rewriting every row.
 */
export const diffState = (cache: EncodedCache, previous: State, ranges: Ranges, next: State): StateWrite => {
  const write: StateWrite = { upserts: [], trims: [], ranges: { ...ranges }, scalars: encodeScalars(next) };
  for (const field of COLLECTIONS) {
    const before = (fieldOf(previous, field.key) as readonly unknown[] | undefined) ?? [];
    const after = fieldOf(next, field.key) as readonly unknown[] | undefined;
    const range = ranges[field.key] ?? { start: 0, length: 0 };
    if (after === undefined) {
      delete write.ranges[field.key];
      if (range.length > 0) write.trims.push({ collection: field.key, start: 0, end: 0 });
      continue;
    }
    if (before === after && ranges[field.key] !== undefined) continue;
    let dropped = 0;
    if (before.length > 0 && after.length > 0 && before[0] !== after[0]) {
      dropped = Math.max(0, before.indexOf(after[0]));
    }
    const start = range.start + dropped;
    after.forEach((element, index) => {
      if (index + dropped < before.length && before[index + dropped] === element) return;
      write.upserts.push({
        collection: field.key,
        pos: start + index,
        doc: encodeElement(cache, field, element),
      });
    });
    if (dropped > 0 || after.length < before.length - dropped) {
      write.trims.push({ collection: field.key, start, end: start + after.length });
    }
    write.ranges[field.key] = { start, length: after.length };
  }
  return write;
};

/** Decodes a whole state from its scalars and every row (validating all of it). */
export const decodeState = (
  cache: EncodedCache,
  scalars: Readonly<Record<string, Json>>,
  ranges: Ranges,
  rows: readonly Row[],
): State => {
  const raw: Record<string, unknown> = { ...scalars };
  const docs: Record<string, Json[]> = {};
  for (const field of COLLECTIONS) {
    const range = ranges[field.key];
    if (range !== undefined) docs[field.key] = new Array<Json>(range.length);
  }
  for (const row of rows) {
    const range = ranges[row.collection];
    const list = docs[row.collection];
    if (range === undefined || list === undefined) continue;
    list[row.pos - range.start] = row.doc;
  }
  for (const [key, list] of Object.entries(docs)) {
    if (list.some((doc) => doc === undefined)) throw new Error(`winwin_rows: ${key} is missing rows`);
    raw[key] = list;
  }
  const state = z.decode(StateSchema, raw as never) as State;
  for (const field of COLLECTIONS) {
    const list = fieldOf(state, field.key) as readonly unknown[] | undefined;
    const encoded = docs[field.key];
    list?.forEach((element, index) => {
      const doc = encoded?.[index];
      if (typeof element === 'object' && element !== null && doc !== undefined) cache.set(element, doc);
    });
  }
  return state;
};

/** `previous` with the rows written since it (and the new scalars and ranges) applied. */
export const applyRows = (
  cache: EncodedCache,
  previous: State,
  previousRanges: Ranges,
  scalars: Readonly<Record<string, Json>>,
  ranges: Ranges,
  rows: readonly Row[],
): State => {
  const byCollection = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byCollection.get(row.collection);
    if (list === undefined) byCollection.set(row.collection, [row]);
    else list.push(row);
  }
  const raw: Record<string, unknown> = {};
  for (const field of SCALARS) {
    const value = scalars[field.key];
    raw[field.key] = value === undefined ? undefined : z.decode(field.schema, value as never);
  }
  for (const field of COLLECTIONS) {
    const range = ranges[field.key];
    const before = fieldOf(previous, field.key) as readonly unknown[] | undefined;
    const old = previousRanges[field.key];
    const changed = byCollection.get(field.key) ?? [];
    if (range === undefined) {
      raw[field.key] = undefined;
      continue;
    }
    if (
      changed.length === 0 &&
      before !== undefined &&
      old !== undefined &&
      old.start === range.start &&
      old.length === range.length
    ) {
      raw[field.key] = before;
      continue;
    }
    const list = new Array<unknown>(range.length);
    if (before !== undefined && old !== undefined) {
      for (let index = 0; index < range.length; index++) {
        const oldIndex = range.start + index - old.start;
        if (oldIndex >= 0 && oldIndex < before.length) list[index] = before[oldIndex];
      }
    }
    for (const row of changed) {
      const index = row.pos - range.start;
      if (index < 0 || index >= range.length) continue;
      const element = z.decode(field.element, row.doc as never);
      if (typeof element === 'object' && element !== null) cache.set(element, row.doc);
      list[index] = element;
    }
    for (let index = 0; index < list.length; index++) {
      if (list[index] === undefined)
        throw new Error(`winwin_rows: ${field.key} is missing pos ${range.start + index}`);
    }
    raw[field.key] = list;
  }
  // Scalars and arrays are decoded already; the object keeps StateSchema's field order.
  const state: Record<string, unknown> = {};
  for (const field of FIELDS) if (raw[field.key] !== undefined) state[field.key] = raw[field.key];
  return state as unknown as State;
};
