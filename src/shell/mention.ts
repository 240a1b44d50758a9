import { SlackUserIdSchema } from '../domain/types.js';

// `<@U123>` or `<@U123|name>` (the name may hold spaces, so it can span tokens), or a bare id (`U123`, `@U123`).
const MENTION = /^(?:<@([A-Za-z0-9]+)(?:\|[^>]*)?>|@?([A-Za-z0-9]+))(?:\s+([\s\S]*))?$/u;

/** The Slack user id a mention or bare id names, and what follows it; undefined when it names none. */
export const parseUserMention = (text: string): { user: string; rest: string } | undefined => {
  const match = MENTION.exec(text.trim());
  if (match === null) return undefined;
  const user = match[1] ?? match[2] ?? '';
  if (!SlackUserIdSchema.safeParse(user).success) return undefined;
  return { user, rest: (match[3] ?? '').trim() };
};
