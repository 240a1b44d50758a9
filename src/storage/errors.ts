export type StoreOpenErrorCode = 'CORRUPT' | 'INVALID' | 'LOCKED' | 'VERSION';

/**
 * Why a store could not be opened. The message names the file and the problem, for a person at a
 * terminal; `code` is for scripts. The file itself is left as it was.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  constructor(
    readonly code: StoreOpenErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}

/** The errno code of a Node system error, if it is one. */
export const errnoCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
