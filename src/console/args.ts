import { SlackUserIdSchema } from '../domain/types.js';

export interface ConsoleArgs {
  /** Act as this Slack user id instead of the console admin. */
  readonly user: string | undefined;
  /** Fill an empty store with the demo programs. */
  readonly demo: boolean;
  readonly help: boolean;
}

export const CONSOLE_USAGE = [
  'Usage: npm run console [-- --demo] [-- --as U0123ABCD]',
  '  --demo        fill an empty store with the demo programs (DOMAIN.md) before starting',
  '  --as <id>     act as this Slack user id (also WINWIN_CONSOLE_USER); default UCONSOLE1, an admin',
  '  --help        this text',
  'Environment: WINWIN_DB (default ./data/winwin.json), WINWIN_ADMINS, WINWIN_EDITORS, WINWIN_LOCALE (en|ko).',
].join('\n');

export type ParsedArgs = { ok: true; args: ConsoleArgs } | { ok: false; error: string };

/** Reads the console's command line; `envUser` is WINWIN_CONSOLE_USER. */
export const parseConsoleArgs = (argv: readonly string[], envUser?: string): ParsedArgs => {
  let user = envUser === undefined || envUser.trim() === '' ? undefined : envUser.trim();
  let demo = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--demo') demo = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--as' || arg.startsWith('--as=')) {
      let value = arg.slice('--as='.length);
      if (arg === '--as') {
        i += 1;
        value = argv[i] ?? '';
      }
      if (value === '') return { ok: false, error: '--as needs a Slack user id, e.g. --as U0123ABCD' };
      user = value;
    } else return { ok: false, error: `Unknown argument ${arg}.` };
  }
  if (user !== undefined) {
    user = user.toUpperCase();
    if (!SlackUserIdSchema.safeParse(user).success) {
      return { ok: false, error: `"${user}" is not a Slack user id such as U0123ABCD.` };
    }
  }
  return { ok: true, args: { user, demo, help } };
};
