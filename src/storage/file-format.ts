import { z } from 'zod';
import { EventSchema, type State, StateSchema, type WinwinEvent } from '../domain/types.js';
import { StoreOpenError } from './errors.js';
import { safeDecodeFast } from './fast-decode.js';
import { CURRENT_VERSION, type Migrations } from './migrations.js';

/**
 * The main file, a snapshot: `{ version, archivedThrough, walSeq, state, events }`. `events` holds
 * only the newest events; those with id ≤ `archivedThrough` live in the append-only archive beside
 * it. Commits after the snapshot are in the write-ahead log: its lines with seq > `walSeq`.
 */
export const StoreFileSchema = z.object({
  version: z.literal(CURRENT_VERSION),
  archivedThrough: z.number().int().nonnegative(),
  walSeq: z.number().int().nonnegative(),
  state: StateSchema,
  events: z.array(EventSchema),
});

export interface StoreDoc {
  readonly archivedThrough: number;
  /** The last write-ahead log line this state includes (0: none). */
  readonly walSeq: number;
  readonly state: State;
  readonly events: readonly WinwinEvent[];
}

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');

const migrate = (file: string, json: Record<string, unknown>, migrations: Migrations) => {
  let version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StoreOpenError('INVALID', file, `has no valid "version" (found ${JSON.stringify(version)})`);
  }
  if (version > CURRENT_VERSION) {
    throw new StoreOpenError(
      'VERSION',
      file,
      `was written by a newer Winwin (format version ${version}; this one reads up to ${CURRENT_VERSION})`,
    );
  }
  let migrated = json;
  while (version < CURRENT_VERSION) {
    const step = migrations[version];
    if (step === undefined) {
      throw new StoreOpenError('VERSION', file, `has format version ${version} and no migration from it`);
    }
    migrated = step(migrated);
    version += 1;
    migrated = { ...migrated, version };
  }
  return migrated;
};

/** Checks what zod cannot: event ids increase, follow the archive, and precede `nextEvent`. */
const checkEventIds = (file: string, doc: StoreDoc): void => {
  let previous = doc.archivedThrough;
  for (const [index, event] of doc.events.entries()) {
    if (event.id <= previous) {
      throw new StoreOpenError(
        'INVALID',
        file,
        `events.${index}: id ${event.id} does not follow ${previous} (ids must increase after archivedThrough)`,
      );
    }
    previous = event.id;
  }
  if (previous >= doc.state.nextEvent) {
    throw new StoreOpenError(
      'INVALID',
      file,
      `state.nextEvent ${doc.state.nextEvent} is not after event ${previous}`,
    );
  }
};

/** What the main file held: its domain values and the (migrated) JSON they were decoded from. */
export interface DecodedStoreFile {
  readonly doc: StoreDoc;
  readonly json: z.input<typeof StoreFileSchema>;
  /** True when the file was in an older format. */
  readonly migrated: boolean;
}

/** Text of the main file → domain values: parse, migrate, validate. Throws StoreOpenError. */
export const decodeStoreFile = (file: string, text: string, migrations: Migrations): DecodedStoreFile => {
  if (text.trim() === '') throw new StoreOpenError('CORRUPT', file, 'is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreOpenError('CORRUPT', file, `is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StoreOpenError('INVALID', file, 'does not hold a JSON object');
  }
  const migrated = migrate(file, json as Record<string, unknown>, migrations) as z.input<
    typeof StoreFileSchema
  >;
  // Compiled checks for a valid file; zod's own pass (and message) for an invalid one.
  const result = safeDecodeFast(StoreFileSchema, migrated);
  if (!result.success) {
    throw new StoreOpenError('INVALID', file, `does not match the schema: ${describeIssues(result.error)}`, {
      cause: result.error,
    });
  }
  const doc: StoreDoc = result.data;
  checkEventIds(file, doc);
  return { doc, json: migrated, migrated: (json as Record<string, unknown>).version !== CURRENT_VERSION };
};
