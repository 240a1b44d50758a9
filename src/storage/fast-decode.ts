import { z } from 'zod';

/**
 * A decoder compiled from a zod schema, for the store's open: opening a store of 10,000 pledges spent
 * ≈ 0.4 s of a cold start in `z.safeDecode` (zod runs every field through its generic machinery:
 * a payload object and an issues array per value, megamorphic calls), against ≈ 0.1 s for plain
 * checks over the same data. It accepts only what the schema accepts and returns what `z.decode`
 * would (same values, same key order, unknown keys stripped); on any doubt it answers FAILED, and
 * the caller asks zod, for the verdict and its message. So it is a fast path, never a second
 * opinion: the schemas stay the single definition of what is valid.
 *
 * It is built from the schema's definition, and refuses (compileDecoder returns undefined) any
 * schema, check or option it does not model exactly — coercion, defaults, transforms other than
 * codecs, refinements, string formats other than regex patterns, catch-alls — so that a new schema
 * feature never slips through unchecked: the store then simply decodes with zod.
 */

/** What a decoder returns for input it does not accept (or is unsure of). */
export const FAILED: unique symbol = Symbol('FAILED');
type Decoder = (input: unknown) => unknown;

class Unsupported extends Error {}

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}
interface Internals {
  readonly def: Def;
  readonly optin?: string;
  readonly optout?: string;
  readonly values?: ReadonlySet<unknown>;
}
const internals = (schema: unknown): Internals => (schema as { _zod: Internals })._zod;

/** Throws Unsupported unless every key of `def` with a value is one of `known`. */
const only = (def: Def, known: readonly string[]): void => {
  for (const [key, value] of Object.entries(def)) {
    if (value !== undefined && key !== 'type' && key !== 'error' && !known.includes(key))
      throw new Unsupported(`${def.type}.${key}`);
  }
};

/** A predicate for each check of a string or an array (`.length`), or a number. */
const compileCheck = (check: unknown): ((value: never) => boolean) => {
  const def = internals(check).def as Def & { check?: string };
  switch (def.check) {
    case 'min_length': {
      only(def, ['check', 'minimum', 'when']);
      const minimum = def.minimum as number;
      return (value: { length: number }) => value.length >= minimum;
    }
    case 'max_length': {
      only(def, ['check', 'maximum', 'when']);
      const maximum = def.maximum as number;
      return (value: { length: number }) => value.length <= maximum;
    }
    case 'string_format': {
      only(def, ['check', 'format', 'pattern']);
      if (def.format !== 'regex' || !(def.pattern instanceof RegExp)) throw new Unsupported(`${def.format}`);
      return patternTest(def.pattern);
    }
    case 'number_format': {
      only(def, ['check', 'format', 'abort']);
      if (def.format !== 'safeint') throw new Unsupported(`number format ${def.format}`);
      return (value: number) => Number.isSafeInteger(value);
    }
    case 'greater_than': {
      only(def, ['check', 'value', 'inclusive', 'when']);
      const limit = def.value;
      if (typeof limit !== 'number') throw new Unsupported('greater_than');
      return def.inclusive === true ? (value: number) => value >= limit : (value: number) => value > limit;
    }
    case 'less_than': {
      only(def, ['check', 'value', 'inclusive', 'when']);
      const limit = def.value;
      if (typeof limit !== 'number') throw new Unsupported('less_than');
      return def.inclusive === true ? (value: number) => value <= limit : (value: number) => value < limit;
    }
    default:
      throw new Unsupported(`check ${def.check}`);
  }
};

const patternTest = (pattern: RegExp) => (value: string) => {
  pattern.lastIndex = 0;
  return pattern.test(value);
};

const withChecks = (def: Def, base: Decoder): Decoder => {
  const checks = ((def.checks as unknown[] | undefined) ?? []).map(compileCheck) as ((
    value: unknown,
  ) => boolean)[];
  if (checks.length === 0) return base;
  return (input) => {
    const value = base(input);
    if (value === FAILED) return FAILED;
    for (const check of checks) if (!check(value)) return FAILED;
    return value;
  };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const compileObject = (def: Def, compile: (schema: unknown) => Decoder): Decoder => {
  only(def, ['shape']);
  const fields = Object.entries(def.shape as Record<string, unknown>).map(([key, schema]) => {
    if (key === '__proto__') throw new Unsupported('__proto__ key');
    const { optin, optout } = internals(schema);
    if (optin !== undefined && !(optin === 'optional' && optout === 'optional'))
      throw new Unsupported(`field ${key}: optin ${optin}`);
    return { key, optional: optin !== undefined, decode: compile(schema) };
  });
  return (input) => {
    if (!isObject(input)) return FAILED;
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      if (!(field.key in input)) {
        if (field.optional) continue;
        return FAILED;
      }
      const value = field.decode(input[field.key]);
      if (value === FAILED) return FAILED;
      output[field.key] = value;
    }
    return output;
  };
};

const compileRecord = (def: Def, compile: (schema: unknown) => Decoder): Decoder => {
  only(def, ['keyType', 'valueType']);
  const keyDef = internals(def.keyType).def;
  // Keys as z.string() takes them: any string. Other key schemas (enums, patterns) differ in how
  // zod treats a key they refuse, so they are left to zod.
  only(keyDef, []);
  if (keyDef.type !== 'string') throw new Unsupported(`record key ${keyDef.type}`);
  const decodeValue = compile(def.valueType);
  return (input) => {
    if (!isObject(input) || Object.getPrototypeOf(input) !== Object.prototype) return FAILED;
    if (Object.getOwnPropertySymbols(input).length > 0) return FAILED;
    const output: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (key === '__proto__') return FAILED;
      const value = decodeValue(input[key]);
      if (value === FAILED) return FAILED;
      output[key] = value;
    }
    return output;
  };
};

/**
 * Compiles `schema` into a decoder of its zod input (decode direction), or throws Unsupported.
 * `cache` holds the decoders compiled so far, so recursive schemas (z.json()) compile once.
 */
const compileSchema = (schema: unknown, cache: Map<unknown, Decoder>): Decoder => {
  const known = cache.get(schema);
  if (known !== undefined) return known;
  // Recursive references resolve through this forwarder until the real decoder exists.
  let decoder: Decoder | undefined;
  cache.set(schema, (input) => (decoder as Decoder)(input));
  const compile = (inner: unknown) => compileSchema(inner, cache);
  const zod = internals(schema);
  const def = zod.def;
  switch (def.type) {
    case 'string': {
      only(def, ['checks', 'format', 'check', 'pattern', 'offset', 'local', 'precision']);
      let base: Decoder = (input) => (typeof input === 'string' ? input : FAILED);
      if (def.format !== undefined) {
        // z.iso.date() and z.iso.datetime() are checked by their pattern alone.
        if (!['regex', 'date', 'datetime'].includes(def.format as string) || !(def.pattern instanceof RegExp))
          throw new Unsupported(`string format ${def.format}`);
        const test = patternTest(def.pattern);
        base = (input) => (typeof input === 'string' && test(input) ? input : FAILED);
      }
      decoder = withChecks(def, base);
      break;
    }
    case 'number':
      only(def, ['checks', 'format', 'check', 'abort']);
      if (def.format !== undefined && def.format !== 'safeint')
        throw new Unsupported(`number format ${def.format}`);
      decoder = withChecks(def, (input) =>
        typeof input === 'number' &&
        Number.isFinite(input) &&
        (def.format === undefined || Number.isSafeInteger(input))
          ? input
          : FAILED,
      );
      break;
    case 'boolean':
      only(def, []);
      decoder = (input) => (typeof input === 'boolean' ? input : FAILED);
      break;
    case 'null':
      only(def, []);
      decoder = (input) => (input === null ? null : FAILED);
      break;
    case 'enum':
    case 'literal': {
      only(def, ['entries', 'values']);
      const values = zod.values;
      if (values === undefined) throw new Unsupported(def.type);
      decoder = (input) => (values.has(input) ? input : FAILED);
      break;
    }
    case 'optional': {
      only(def, ['innerType']);
      if (internals(def.innerType).optin === 'defaulted') throw new Unsupported('optional default');
      const inner = compile(def.innerType);
      decoder = (input) => (input === undefined ? undefined : inner(input));
      break;
    }
    case 'nullable': {
      only(def, ['innerType']);
      const inner = compile(def.innerType);
      decoder = (input) => (input === null ? null : inner(input));
      break;
    }
    case 'array': {
      only(def, ['element', 'checks']);
      const element = compile(def.element);
      decoder = withChecks(def, (input) => {
        if (!Array.isArray(input)) return FAILED;
        const output: unknown[] = [];
        for (const item of input) {
          const value = element(item);
          if (value === FAILED) return FAILED;
          output.push(value);
        }
        return output;
      });
      break;
    }
    case 'object':
      decoder = compileObject(def, compile);
      break;
    case 'record':
      decoder = compileRecord(def, compile);
      break;
    case 'union': {
      // A plain union: the first option that accepts wins, as in zod.
      only(def, ['options']);
      const options = (def.options as unknown[]).map(compile);
      decoder = (input) => {
        for (const option of options) {
          const value = option(input);
          if (value !== FAILED) return value;
        }
        return FAILED;
      };
      break;
    }
    case 'lazy': {
      only(def, ['getter', '_cachedInner']);
      // zod evaluates the getter once and keeps the schema it returns; a recursive reference back to
      // this lazy schema resolves through the forwarder in the cache.
      decoder = compile((zod as Internals & { innerType?: unknown }).innerType);
      break;
    }
    case 'pipe': {
      // Codecs (z.codec): decode the input side, transform, check the output side.
      only(def, ['in', 'out', 'transform', 'reverseTransform']);
      if (typeof def.transform !== 'function' || typeof def.reverseTransform !== 'function')
        throw new Unsupported('pipe without a codec');
      const left = compile(def.in);
      const right = compile(def.out);
      const transform = def.transform as (
        value: unknown,
        payload: { value: unknown; issues: unknown[] },
      ) => unknown;
      decoder = (input) => {
        const value = left(input);
        if (value === FAILED) return FAILED;
        const payload = { value, issues: [] as unknown[] };
        const transformed = transform(value, payload);
        if (payload.issues.length > 0 || transformed instanceof Promise) return FAILED;
        return right(transformed);
      };
      break;
    }
    case 'custom': {
      only(def, ['check', 'fn', 'abort', 'params', 'path', 'when']);
      if (def.when !== undefined) throw new Unsupported('custom when');
      const fn = def.fn as (value: unknown) => unknown;
      decoder = (input) => {
        const ok = fn(input);
        return ok && !(ok instanceof Promise) ? input : FAILED;
      };
      break;
    }
    default:
      throw new Unsupported(def.type);
  }
  return decoder;
};

/**
 * A decoder for `schema` that returns `z.decode(schema, input)`'s value when it is sure zod accepts
 * `input`, and FAILED otherwise; undefined when the schema uses what this module does not model.
 */
export const compileDecoder = <S extends z.ZodType>(
  schema: S,
): ((input: unknown) => z.output<S> | typeof FAILED) | undefined => {
  let decode: Decoder;
  try {
    decode = compileSchema(schema, new Map());
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return (input) => {
    try {
      return decode(input) as z.output<S> | typeof FAILED;
    } catch {
      return FAILED; // zod will say what is wrong, or throw the same
    }
  };
};

const compiled = new WeakMap<z.ZodType, ((input: unknown) => unknown) | null>();

/**
 * `z.safeDecode(schema, input)`, through the schema's compiled decoder when it has one and accepts
 * `input`; zod itself otherwise (an invalid input, whose error message zod words, or a schema
 * compileDecoder does not model).
 */
export const safeDecodeFast = <S extends z.ZodType>(
  schema: S,
  input: z.input<S>,
): ReturnType<typeof z.safeDecode<S>> => {
  let decode = compiled.get(schema);
  if (decode === undefined) {
    decode = compileDecoder(schema) ?? null;
    compiled.set(schema, decode);
  }
  const value = decode === null ? FAILED : decode(input);
  if (value !== FAILED)
    return { success: true, data: value as z.output<S> } as ReturnType<typeof z.safeDecode<S>>;
  return z.safeDecode(schema, input);
};
