import { z } from 'zod';
import { LIMITS } from './blocks.js';

/**
 * What a modal carries in `private_metadata`: where it was opened (to answer there) and, for the program
 * modal, which program it edits. A hint only: the client can put anything here, so a handler never takes
 * authority from it — the role comes from the request's user id and the program is re-loaded from the
 * store.
 */
export interface ModalMetadata {
  /** Channel the modal was opened from; the confirmation goes there (ephemeral), else by DM. */
  readonly channel?: string;
  /** Program slug the program modal edits; absent for a new program. */
  readonly program?: string;
}

const MetadataSchema = z.object({
  channel: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,20}$/)
    .optional()
    .catch(undefined),
  program: z.string().min(1).max(60).optional().catch(undefined),
});

export const encodeMetadata = (m: ModalMetadata): string => {
  const json = JSON.stringify({
    ...(m.channel === undefined ? {} : { channel: m.channel }),
    ...(m.program === undefined ? {} : { program: m.program }),
  });
  if (json.length > LIMITS.privateMetadata) throw new Error('private_metadata too long');
  return json;
};

/** Reads private_metadata; anything malformed is as if it were empty. Never throws. */
export const decodeMetadata = (raw: unknown): ModalMetadata => {
  if (typeof raw !== 'string' || raw === '' || raw.length > LIMITS.privateMetadata) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  const read = MetadataSchema.safeParse(parsed);
  if (!read.success) return {};
  const { channel, program } = read.data;
  return {
    ...(channel === undefined ? {} : { channel }),
    ...(program === undefined ? {} : { program }),
  };
};
