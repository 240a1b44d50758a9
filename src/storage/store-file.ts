import type { Adapter } from 'lowdb';
import { DocEncoder } from './doc-encoder.js';
import { readTextOrNull, writeFileDurably } from './durable-file.js';
import { decodeStoreFile, type StoreDoc } from './file-format.js';
import type { Migrations } from './migrations.js';

/**
 * lowdb adapter for the main file. Reads parse, migrate and validate (a bad file throws a
 * StoreOpenError and is never touched); writes are atomic and durable (lowdb's own writer renames but
 * never fsyncs).
 */
export class StoreFile implements Adapter<StoreDoc> {
  readonly encoder = new DocEncoder();
  #writes = 0;

  constructor(
    readonly path: string,
    private readonly migrations: Migrations,
  ) {}

  /** Durable writes completed so far. */
  get writes(): number {
    return this.#writes;
  }

  async read(): Promise<StoreDoc | null> {
    const text = await readTextOrNull(this.path);
    if (text === null) return null;
    const { doc, json } = decodeStoreFile(this.path, text, this.migrations);
    this.encoder.adopt(doc, json);
    return doc;
  }

  async write(doc: StoreDoc): Promise<void> {
    await writeFileDurably(this.path, this.encoder.doc(doc));
    this.#writes += 1;
  }
}
