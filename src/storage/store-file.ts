import type { Adapter } from 'lowdb';
import { DocEncoder } from './doc-encoder.js';
import { readTextOrNull, writeFileDurably } from './durable-file.js';
import { decodeStoreFile, type StoreDoc } from './file-format.js';
import type { Migrations } from './migrations.js';

/**
 * lowdb adapter for the main file (the snapshot). Reads parse, migrate and validate (a bad file
 * throws a StoreOpenError and is never touched); writes are atomic and durable (lowdb's own writer
 * renames but never fsyncs).
 */
export class StoreFile implements Adapter<StoreDoc> {
  readonly encoder = new DocEncoder();
  #writes = 0;
  #bytes = 0;
  #migrated = false;

  constructor(
    readonly path: string,
    private readonly migrations: Migrations,
  ) {}

  /** Durable writes completed so far. */
  get writes(): number {
    return this.#writes;
  }

  /** Size of the file as last read or written. */
  get bytes(): number {
    return this.#bytes;
  }

  /** True when the last read found an older format (migrated in memory). */
  get migrated(): boolean {
    return this.#migrated;
  }

  async read(): Promise<StoreDoc | null> {
    const text = await readTextOrNull(this.path);
    if (text === null) return null;
    const { doc, json, migrated } = decodeStoreFile(this.path, text, this.migrations);
    this.encoder.adopt(doc, json);
    this.#bytes = Buffer.byteLength(text);
    this.#migrated = migrated;
    return doc;
  }

  async write(doc: StoreDoc): Promise<void> {
    const parts = this.encoder.doc(doc);
    await writeFileDurably(this.path, parts);
    this.#writes += 1;
    this.#bytes = parts.reduce((total, part) => total + part.length, 0);
  }
}
