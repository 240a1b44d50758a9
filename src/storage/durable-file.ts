import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from './errors.js';

/** Files of the store hold confidential negotiation data: owner read/write only. */
export const FILE_MODE = 0o600;

/** Closes a handle without waiting: what had to be durable already is (an fsync came first). */
const closeLater = (handle: FileHandle): void => {
  handle.close().catch(() => undefined);
};

/** fsync a folder so that a rename or a newly created name in it survives a power cut. */
export const fsyncDir = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    closeLater(handle);
  }
};

/** The temp file a durable write goes through: same folder, so the rename is atomic. */
export const tempPathOf = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.tmp`);

/**
 * Replaces `file` with `content` (text, or buffers written in order) atomically and durably: write a
 * temp file beside it, fsync it, rename it over the target, fsync the folder. When this resolves, the
 * new content survives a crash; when it rejects, the old content is still in place (a failure after the rename leaves the new content in
 * place, and the caller cannot tell: it must treat the write as failed). `beforeRename`, if given,
 * runs while the temp file is written and synced, and must succeed before the rename: what has to
 * be durable before the new content counts.
 */
export const writeFileDurably = async (
  file: string,
  content: string | readonly Buffer[],
  beforeRename?: () => Promise<unknown>,
): Promise<void> => {
  const temp = tempPathOf(file);
  let renamed = false;
  // Each await below is a turn of the event loop, which a busy server spends on requests: the steps
  // that can go together do (the mode with the bytes, the close with the rename), closes aren't waited for.
  const writeTemp = async (): Promise<FileHandle> => {
    const handle = await open(temp, 'w', FILE_MODE);
    try {
      // A temp file left by an older process may carry a wider mode; `open` only applies it on create.
      await Promise.all([handle.chmod(FILE_MODE), writeContent(handle, temp, content)]);
      await handle.sync();
      return handle;
    } catch (error) {
      closeLater(handle);
      throw error;
    }
  };
  try {
    const [written, before] = await Promise.allSettled([writeTemp(), beforeRename?.()]);
    if (written.status === 'fulfilled') closeLater(written.value);
    const failed = [written, before].find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    await rename(temp, file);
    renamed = true;
    await fsyncDir(path.dirname(file));
  } catch (error) {
    if (!renamed) await unlink(temp).catch(() => undefined);
    throw error;
  }
};

const writeContent = async (
  handle: FileHandle,
  temp: string,
  content: string | readonly Buffer[],
): Promise<void> => {
  if (typeof content === 'string') return handle.writeFile(content, 'utf8');
  // One gathered write: libuv splits it beyond IOV_MAX itself, within the same turn.
  const expected = content.reduce((total, part) => total + part.length, 0);
  const { bytesWritten } = await handle.writev(content as Buffer[]);
  if (bytesWritten !== expected)
    throw new Error(`short write to ${temp}: ${bytesWritten} of ${expected} bytes`);
};

/** Reads a whole file as UTF-8, or null when it does not exist. */
export const readTextOrNull = async (file: string): Promise<string | null> => {
  try {
    const handle = await open(file, 'r');
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
};
