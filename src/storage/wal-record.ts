import { z } from 'zod';
import { EventSchema, type State, type WinwinEvent } from '../domain/types.js';
import { applySplices, diffArray, type Splice } from './array-splices.js';
import { ARRAY_FIELDS, type DocEncoder, SCALAR_FIELDS } from './doc-encoder.js';
import { StoreOpenError } from './errors.js';
import { safeDecodeFast } from './fast-decode.js';
import { type WalLine, walLine } from './wal.js';

/**
 * One group commit as a write-ahead log line: the state's counters, the splices that turn each
 * changed array of the committed state into the new one, and the new events —
 *   {"seq":7,"scalars":{"nextPledge":12,…},"arrays":{"pledges":[[10,0,[{…}]]]},"events":[{…}]}
 * A line's size follows what the batch changed, not the size of the store.
 */

const COMMA = Buffer.from(',');

const SpliceSchema = z.tuple([
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
  z.array(z.unknown()),
]);
const RecordSchema = z.object({
  seq: z.number().int().positive(),
  scalars: z.record(z.string(), z.unknown()),
  arrays: z.record(z.string(), z.array(SpliceSchema)),
  events: z.array(z.unknown()),
});

/** The log line of commit `seq`, which turned `before` into `after` and caused `events`. */
export const encodeWalRecord = (
  encoder: DocEncoder,
  seq: number,
  before: State,
  after: State,
  events: readonly WinwinEvent[],
): Buffer => {
  const scalars = Object.fromEntries(
    [...SCALAR_FIELDS].map(([key, schema]) => [key, z.encode(schema, after[key])] as const),
  );
  const parts: Buffer[] = [Buffer.from(`{"seq":${seq},"scalars":${JSON.stringify(scalars)},"arrays":{`)];
  let fields = 0;
  for (const key of ARRAY_FIELDS.keys()) {
    const was = before[key] as readonly unknown[];
    const now = after[key] as readonly unknown[];
    if (was === now) continue;
    const splices = diffArray(was, now);
    if (splices.length === 0) continue;
    parts.push(Buffer.from(`${fields++ > 0 ? ',' : ''}${JSON.stringify(key)}:[`));
    splices.forEach(([at, remove, insert], index) => {
      parts.push(Buffer.from(`${index > 0 ? ',' : ''}[${at},${remove},[`));
      insert.forEach((value, k) => {
        if (k > 0) parts.push(COMMA);
        parts.push(encoder.arrayElement(key, value));
      });
      parts.push(Buffer.from(']]'));
    });
    parts.push(Buffer.from(']'));
  }
  parts.push(Buffer.from('},"events":['));
  events.forEach((event, k) => {
    if (k > 0) parts.push(COMMA);
    parts.push(encoder.event(event));
  });
  parts.push(Buffer.from(']}'));
  return walLine(Buffer.concat(parts));
};

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/**
 * Replays one verified log line on `state`: decodes and validates everything it carries with the
 * same schemas as the main file. Throws StoreOpenError('INVALID') naming the segment and line.
 */
export const applyWalRecord = (
  encoder: DocEncoder,
  line: WalLine,
  state: State,
): { state: State; events: WinwinEvent[] } => {
  const invalid = (problem: string, cause?: unknown) =>
    new StoreOpenError('INVALID', line.segment, `line ${line.line} (seq ${line.seq}): ${problem}`, { cause });
  const decode = <S extends z.ZodType>(schema: S, raw: unknown, where: string): z.output<S> => {
    const result = safeDecodeFast(schema, raw as z.input<S>);
    if (!result.success) throw invalid(`${where}: ${describe(result.error)}`, result.error);
    encoder.remember(result.data, raw);
    return result.data;
  };

  const parsed = RecordSchema.safeParse(line.json);
  if (!parsed.success) throw invalid(describe(parsed.error), parsed.error);
  const record = parsed.data;
  const next: Record<string, unknown> = { ...state };
  for (const [key, raw] of Object.entries(record.scalars)) {
    const schema = SCALAR_FIELDS.get(key as keyof State);
    if (schema === undefined) throw invalid(`unknown field ${key}`);
    next[key] = decode(schema, raw, key);
  }
  for (const [key, rawSplices] of Object.entries(record.arrays)) {
    const schema = ARRAY_FIELDS.get(key as keyof State);
    if (schema === undefined) throw invalid(`unknown array ${key}`);
    const splices: Splice<unknown>[] = rawSplices.map(([at, remove, insert]) => [
      at,
      remove,
      insert.map((raw, index) => decode(schema, raw, `${key}[${at + index}]`)),
    ]);
    try {
      next[key] = applySplices(state[key as keyof State] as readonly unknown[], splices);
    } catch (error) {
      throw invalid(`${key}: ${(error as Error).message}`, error);
    }
  }
  const events = record.events.map((raw, index) => decode(EventSchema, raw, `events[${index}]`));
  return { state: next as unknown as State, events };
};
