export type StoreOpenErrorCode = 'CORRUPT' | 'INVALID' | 'LOCKED' | 'VERSION' | 'UNREACHABLE';

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

/**
 * The database could not be reached (PostgreSQL down, restarting, or the network to it gone): the
 * mutation was not applied. Commands answer "can't reach its database; nothing was changed".
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(where: string, options?: { cause?: unknown }) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`${where}: the database is unreachable${reason}`, options);
  }
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError =>
  error instanceof StoreUnavailableError;
