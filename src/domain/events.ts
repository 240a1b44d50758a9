import type { Change, Ctx } from './change.js';
import { isDecimal } from './decimal.js';
import type { Fields, State, WinwinEvent } from './types.js';

/** An event before it is numbered and stamped. */
export type EventDraft = Omit<WinwinEvent, 'id' | 'at' | 'actor'>;
export type JsonValue = Fields[string];

/** A domain value in its JSON form: money and multiples as digit strings, absent as null. */
export const toJson = (value: unknown): JsonValue => {
  if (value === undefined || value === null) return null;
  if (isDecimal(value)) return value.toFixed();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  throw new TypeError(`cannot record a ${typeof value} in an event`);
};

/** The named fields of a record in JSON form; absent optional fields are left out. */
export const snapshot = <T extends object>(record: T, keys: readonly (keyof T & string)[]): Fields => {
  const fields: Fields = {};
  for (const key of keys) {
    if (record[key] !== undefined) fields[key] = toJson(record[key]);
  }
  return fields;
};

/**
 * The fields that differ between two versions of a record, old and new values in JSON form (a cleared
 * field is null on its side). Undefined when nothing changed.
 */
export const diffFields = <T extends object>(
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
): { before: Fields; after: Fields } | undefined => {
  const was: Fields = {};
  const now: Fields = {};
  for (const key of keys) {
    const a = toJson(before[key]);
    const b = toJson(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      was[key] = a;
      now[key] = b;
    }
  }
  return Object.keys(now).length === 0 ? undefined : { before: was, after: now };
};

/** Numbers and stamps the drafts with ids from `state.nextEvent`; the state comes back advanced. */
export const appendEvents = (
  state: State,
  drafts: readonly EventDraft[],
  ctx: Ctx,
): { state: State; events: WinwinEvent[] } => {
  const at = ctx.now.toISOString();
  const events = drafts.map(
    (draft, i): WinwinEvent => ({ id: state.nextEvent + i, at, actor: ctx.actor, ...dropUndefined(draft) }),
  );
  return { state: { ...state, nextEvent: state.nextEvent + events.length }, events };
};

/** A mutation's result: `state` with the drafts appended as numbered events, and the value. */
export const changeWith = <T>(state: State, drafts: readonly EventDraft[], value: T, ctx: Ctx): Change<T> => {
  const appended = appendEvents(state, drafts, ctx);
  return { state: appended.state, events: appended.events, value };
};

/** One field's change in an event (fields a snapshot carries unchanged are left out), for history views: `{ field: 'status', before: 'verbal', after: 'committed' }`. */
export interface FieldChange {
  readonly field: string;
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
}

/** Each field an event touched with its old and new JSON value (undefined on the side that lacks it). */
export const fieldChanges = (event: WinwinEvent): FieldChange[] => {
  const names = new Set([...Object.keys(event.before ?? {}), ...Object.keys(event.after ?? {})]);
  return [...names]
    .map((field) => ({ field, before: event.before?.[field], after: event.after?.[field] }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
};

/** The record without its undefined fields (optional fields are absent, never undefined, in the state). */
export const dropUndefined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
