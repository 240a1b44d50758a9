import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateStore } from '../../bench/generate.js';
import {
  EventSchema,
  GrantSchema,
  PledgeSchema,
  ProgramSchema,
  SectorSchema,
  StateSchema,
} from '../../src/domain/types.js';
import { compileDecoder, FAILED, safeDecodeFast } from '../../src/storage/fast-decode.js';
import { StoreFileSchema } from '../../src/storage/file-format.js';

/**
 * The compiled decoder is a fast path for zod, never a second opinion: whatever it accepts, zod
 * accepts with the very same result (values, types, key order); whatever zod accepts, it accepts
 * too (or the store's open would quietly fall back to the slow path).
 */

/** Same values and types (Decimal stays Decimal) and the same key order everywhere. */
const same = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);

const agreesWithZod = (schema: z.ZodType, input: unknown): void => {
  const decode = compileDecoder(schema);
  if (decode === undefined) throw new Error('not compiled');
  const fast = decode(input);
  const slow = z.safeDecode(schema, input);
  if (fast === FAILED) {
    expect(slow.success, `zod accepts what the fast path refused: ${JSON.stringify(input)}`).toBe(false);
  } else {
    expect(slow.success, `the fast path accepts what zod refuses: ${JSON.stringify(input)}`).toBe(true);
    expect(same(fast, slow.data)).toBe(true);
  }
};

const { state, events } = generateStore({ sectors: 3, programs: 8, pledges: 60, events: 200 }, 5);
const encodedState = z.encode(StateSchema, state) as unknown as Record<string, unknown[]>;
const encodedEvents = events.map((event) => z.encode(EventSchema, event)) as Record<string, unknown>[];
const samples: [string, z.ZodType, Record<string, unknown>[]][] = [
  ['pledge', PledgeSchema, encodedState.pledges as Record<string, unknown>[]],
  ['program', ProgramSchema, encodedState.programs as Record<string, unknown>[]],
  ['sector', SectorSchema, encodedState.sectors as Record<string, unknown>[]],
  ['event', EventSchema, encodedEvents],
];

/** Values near the schemas' edges: pattern look-alikes, long strings, odd numbers, nested JSON. */
const nearValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 160 }),
  fc.stringMatching(/^\d{1,22}$/),
  fc.stringMatching(/^-?\d{1,6}(\.\d{0,7})?$/),
  fc.stringMatching(/^[UWBCGDP][A-Z0-9]{0,22}$/),
  fc.stringMatching(/^[a-z0-9-]{0,50}$/),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.stringMatching(/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,4})?)?([+-]\d\d:\d\d|Z)?)?$/),
  fc.constantFrom(
    'verbal',
    'paid',
    'bank',
    'launched',
    'on_hold',
    'pledge.recorded',
    '',
    '2024-02-29',
    '2023-02-29',
    '2025-12-31T23:59:60Z',
  ),
  // Lengths at the schemas' limits (1, 20, 30, 48, 60, 150, 2000), with letters and digits.
  fc
    .tuple(
      fc.constantFrom(0, 1, 2, 19, 20, 21, 30, 31, 32, 47, 48, 49, 60, 61, 150, 151, 2000, 2001),
      fc.constantFrom('a', '7', 'P1', 'U', '가'),
    )
    .map(([length, unit]) => unit.repeat(length).slice(0, length)),
  fc.integer({ min: -2, max: 2 }),
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0.5, 2 ** 53, Number.MAX_SAFE_INTEGER)),
  fc.constant(undefined),
);

describe('compiled decoder', () => {
  it('compiles the store file schema (the fast path is in use)', () => {
    expect(compileDecoder(StoreFileSchema)).toBeDefined();
    for (const [, schema] of samples) expect(compileDecoder(schema)).toBeDefined();
    expect(compileDecoder(GrantSchema)).toBeDefined();
  });

  it('decodes a whole valid store file exactly as zod does', () => {
    const file = { version: 2, archivedThrough: 0, walSeq: 0, state: encodedState, events: encodedEvents };
    const fast = compileDecoder(StoreFileSchema)?.(file);
    expect(fast).not.toBe(FAILED);
    expect(same(fast, z.decode(StoreFileSchema, file as unknown as z.input<typeof StoreFileSchema>))).toBe(
      true,
    );
  });

  it('agrees with zod on records with one field replaced, removed or added', () => {
    for (const [, schema, records] of samples) {
      const keys = [...Object.keys((schema as z.ZodObject).shape), 'extra', '__proto__', 'constructor'];
      fc.assert(
        fc.property(
          fc.constantFrom(...records),
          fc.constantFrom(...keys),
          fc.oneof(nearValue, fc.constant('delete')),
          (record, key, value) => {
            const input: Record<string, unknown> = JSON.parse(JSON.stringify(record));
            if (value === 'delete') delete input[key];
            else Object.defineProperty(input, key, { value, enumerable: true, writable: true });
            agreesWithZod(schema, input);
          },
        ),
        { numRuns: 1000 },
      );
    }
  });

  it('agrees with zod on arbitrary JSON and on changed event snapshots', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        agreesWithZod(PledgeSchema, value);
        agreesWithZod(StateSchema, value);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...encodedEvents),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null)),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null)),
        (event, before, after) => agreesWithZod(EventSchema, { ...event, before, after }),
      ),
    );
  });

  it('agrees with zod when an array element anywhere in the state is broken', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(encodedState).filter((key) => Array.isArray(encodedState[key]))),
        fc.nat(),
        nearValue,
        (key, at, value) => {
          const input = JSON.parse(JSON.stringify(encodedState)) as Record<string, unknown[]>;
          const array = input[key] as unknown[];
          array[array.length === 0 ? 0 : at % array.length] = value;
          agreesWithZod(StateSchema, input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to compile what it does not model, so such schemas stay with zod', () => {
    const unsupported: z.ZodType[] = [
      z.string().trim(),
      z.string().email(),
      z.string().startsWith('P'),
      z.coerce.number(),
      z.number().multipleOf(5),
      z.string().default('x'),
      z.object({ a: z.string() }).strict(),
      z.object({ a: z.string() }).passthrough(),
      z.object({ a: z.string() }).refine((value) => value.a !== ''),
      z.object({ a: z.string().optional().default('x') }),
      z.string().transform((value) => value.length),
      z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]),
      z.record(z.enum(['a', 'b']), z.string()),
      z.array(z.string().toLowerCase()),
    ];
    for (const schema of unsupported) expect(compileDecoder(schema)).toBeUndefined();
  });

  it('safeDecodeFast answers like z.safeDecode, with zod’s own error for invalid input', () => {
    const record = encodedState.pledges?.[0] as Record<string, unknown>;
    const ok = safeDecodeFast(PledgeSchema, record as z.input<typeof PledgeSchema>);
    expect(ok.success && same(ok.data, z.decode(PledgeSchema, record as z.input<typeof PledgeSchema>))).toBe(
      true,
    );
    const bad = { ...record, amount: '12.5' } as z.input<typeof PledgeSchema>;
    const failed = safeDecodeFast(PledgeSchema, bad);
    expect(failed.success).toBe(false);
    expect(failed.error?.issues).toEqual(z.safeDecode(PledgeSchema, bad).error?.issues);
  });
});
