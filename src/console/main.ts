import path from 'node:path';
import { ConfigError, processEnv } from '../config.js';
import { StoreOpenError } from '../storage/errors.js';
import { CONSOLE_USAGE, parseConsoleArgs } from './args.js';
import { runRepl } from './repl.js';
import { CONSOLE_USER, isEmptyStore, type Session, startSession } from './session.js';
import { openTerminal } from './terminal.js';

/**
 * `npm run console`: Winwin in a terminal, with no Slack workspace. The same app, handlers and store
 * as `npm start`; only Slack itself is replaced by a fake on 127.0.0.1.
 */

const main = async (): Promise<number> => {
  const env = processEnv();
  const parsed = parseConsoleArgs(process.argv.slice(2), env.WINWIN_CONSOLE_USER);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n${CONSOLE_USAGE}\n`);
    return 2;
  }
  if (parsed.args.help) {
    process.stdout.write(`${CONSOLE_USAGE}\n`);
    return 0;
  }

  let session: Session;
  try {
    session = await startSession({
      env,
      demo: parsed.args.demo,
      ...(parsed.args.user === undefined ? {} : { user: parsed.args.user }),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.sample for every variable.\n`);
      return 1;
    }
    if (error instanceof StoreOpenError) {
      process.stderr.write(`Winwin cannot open its store: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const term = openTerminal();
  try {
    const state = session.store.read();
    term.print(
      'Winwin console: the real Winwin app on this machine, with no Slack workspace (nothing is sent to Slack).',
      `Store: ${path.resolve(session.store.path)} (${state.sectors.length} sectors, ${state.programs.length} programs, ${state.pledges.length} pledges)${session.seeded ? ', just filled with the demo programs' : ''}`,
    );
    if (isEmptyStore(state, session.store.lastEventId())) {
      term.print(
        'The store is empty. To try Winwin with the programs on record, quit and run `npm run seed:demo`,',
        'or start the console with `npm run console -- --demo`; or create a program here with /winwin program new.',
      );
    }
    const role = session.role();
    term.print(
      session.user === CONSOLE_USER
        ? `You are ${CONSOLE_USER}, an ${role}: the console user is an admin so you can try everything (act as someone else with --as U0123ABCD, or type: as U0123ABCD).`
        : `You are ${session.user}, ${role === 'admin' ? 'an' : 'a'} ${role} (from WINWIN_ADMINS / WINWIN_EDITORS and grants).`,
      'Type /winwin help for Winwin’s commands (e.g. /winwin status retail), help for the console’s, exit or Ctrl-D to quit.',
      '',
    );
    await runRepl(session, term);
  } finally {
    term.close();
    await session.close();
  }
  return 0;
};

const code = await main();
// Exit at once: the Web API client's idle keep-alive sockets would otherwise hold the process a few seconds.
process.exit(code);
