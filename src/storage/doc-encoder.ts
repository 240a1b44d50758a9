import { z } from 'zod';
import { EventSchema, type State, StateSchema, type WinwinEvent } from '../domain/types.js';
import type { StoreDoc } from './file-format.js';
import { CURRENT_VERSION } from './migrations.js';

/**
 * Turns a StoreDoc into the main file's text, fast enough to run on every commit of a store with
 * 10,000 pledges. State is immutable: a mutation replaces the objects it changes and keeps the rest,
 * so the JSON text of each array element is cached by identity and only changed elements are encoded
 * again. Encoded elements are frozen so that an in-place edit (a bug that the cache would hide)
 * throws instead.
 */
export class DocEncoder {
  readonly #texts = new WeakMap<object, string>();
  readonly #checkedArrays = new WeakSet<readonly unknown[]>();

  #element(schema: z.ZodType, value: unknown): string {
    if (typeof value !== 'object' || value === null) return JSON.stringify(z.encode(schema, value));
    let text = this.#texts.get(value);
    if (text === undefined) {
      text = JSON.stringify(z.encode(schema, value));
      Object.freeze(value);
      this.#texts.set(value, text);
    }
    return text;
  }

  #array(schema: z.ZodType, values: readonly unknown[]): string {
    Object.freeze(values);
    this.#checkedArrays.add(values);
    if (values.length === 0) return '[]';
    return `[\n${values.map((value) => this.#element(schema, value)).join(',\n')}\n]`;
  }

  /**
   * Validates a state by encoding only what changed since the states seen before (arrays are compared
   * by identity); throws a ZodError if it is invalid. Cheap enough to run after every mutation.
   */
  check(state: State): void {
    for (const [key, schema] of Object.entries(StateSchema.shape)) {
      const value: unknown = state[key as keyof State];
      if (!(schema instanceof z.ZodArray)) {
        z.encode(schema as z.ZodType, value);
      } else if (!this.#checkedArrays.has(value as readonly unknown[])) {
        const values = value as readonly unknown[];
        for (const element of values) this.#element(schema.element as z.ZodType, element);
        Object.freeze(values);
        this.#checkedArrays.add(values);
      }
    }
    Object.freeze(state);
  }

  /** The JSON text of a state; throws a ZodError if the state does not satisfy StateSchema. */
  state(state: State): string {
    const fields = Object.entries(StateSchema.shape).map(([key, schema]) => {
      const value: unknown = state[key as keyof State];
      const text =
        schema instanceof z.ZodArray
          ? this.#array(schema.element as z.ZodType, value as readonly unknown[])
          : JSON.stringify(z.encode(schema as z.ZodType, value));
      return `${JSON.stringify(key)}:${text}`;
    });
    Object.freeze(state);
    return `{${fields.join(',\n')}}`;
  }

  /** The JSON text of one event (one line, no newline); throws a ZodError if it is invalid. */
  event(event: WinwinEvent): string {
    return this.#element(EventSchema, event);
  }

  /** The whole main file. */
  doc(doc: StoreDoc): string {
    const events =
      doc.events.length === 0 ? '[]' : `[\n${doc.events.map((e) => this.event(e)).join(',\n')}\n]`;
    return (
      `{"version":${CURRENT_VERSION},"archivedThrough":${doc.archivedThrough},\n` +
      `"state":${this.state(doc.state)},\n"events":${events}}\n`
    );
  }
}
