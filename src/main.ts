import { createWinwin } from './app.js';
import { ConfigError, loadConfig, missingForSlack, processEnv } from './config.js';
import { describe } from './shell/describe.js';
import { StoreOpenError } from './storage/errors.js';
import { type ConfiguredStore, openConfiguredStore } from './storage/open-configured.js';

/** `npm start`: Winwin against a real Slack workspace. */

const HOW_TO_GET: Record<string, string> = {
  SLACK_BOT_TOKEN:
    'the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, after installing the app created from manifest.yml',
  SLACK_SIGNING_SECRET:
    'Basic Information → App Credentials → Signing Secret (or set SLACK_APP_TOKEN, xapp-… with connections:write, for Socket Mode)',
};

const fail = (text: string): never => {
  console.error(text);
  process.exit(1);
};

const main = async (): Promise<void> => {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) return fail(`${error.message}\nSee .env.sample for every variable.`);
    throw error;
  }

  const missing = missingForSlack(config);
  if (missing.length > 0) {
    return fail(
      [
        `Winwin cannot connect to Slack: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
        ...missing.map((name) => `  ${name}: ${HOW_TO_GET[name]}`),
        'Create the Slack app from manifest.yml (api.slack.com/apps → Create New App → From a manifest),',
        'then copy .env.sample to .env and fill it in.',
        'To try Winwin without a Slack workspace, run: npm run console',
      ].join('\n'),
    );
  }

  let opened: ConfiguredStore;
  try {
    opened = await openConfiguredStore(config, {
      onAvailability: (available, reason) => {
        if (available) console.log('[INFO] winwin the database is reachable again; serving');
        else
          console.error(
            `[WARN] winwin the database is unreachable (${reason ?? 'unknown'}); refusing changes until it is back`,
          );
      },
      log: (line) => console.log(`[INFO] winwin ${line}`),
    });
  } catch (error) {
    if (error instanceof StoreOpenError) return fail(`Winwin cannot open its store: ${error.message}`);
    throw error;
  }

  const { store, leadership } = opened;
  const winwin = createWinwin({ config, store, leadership, available: opened.available });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    winwin.deps.logger.info(`${signal}: stopping`);
    try {
      await winwin.stop();
    } finally {
      await leadership.close();
      await store.close();
    }
    process.exit(0);
  };
  // Bolt's HTTP receiver handles each request in a promise nothing awaits, so a request it cannot parse
  // (a signed `payload=null`) would reject there and, by Node's default, end the process for everyone.
  // Log it (one line, no body) and keep serving.
  process.on('unhandledRejection', (reason) => {
    winwin.deps.logger.error(`unhandled rejection: ${describe(reason)}`);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    const { port } = await winwin.listen();
    const mode =
      config.appToken === undefined
        ? `HTTP on port ${port} (POST /slack/events)`
        : `Socket Mode (GET /healthz on port ${port})`;
    winwin.deps.logger.info(`Winwin is running: ${mode}; store: ${opened.description}`);
    await leadership.start();
  } catch (error) {
    await store.close();
    const reason = error instanceof Error ? error.message : String(error);
    fail(`Winwin could not start: ${reason}\nCheck SLACK_BOT_TOKEN (and SLACK_API_URL if set).`);
  }
};

await main();
