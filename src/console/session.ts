import { randomBytes } from 'node:crypto';
import { LogLevel } from '@slack/bolt';
import { createWinwin, safeLogger, type Winwin } from '../app.js';
import { type Config, type Env, loadConfig } from '../config.js';
import { demoChange } from '../domain/demo.js';
import type { Role, State } from '../domain/types.js';
import {
  type ActionClick,
  blockActionsPayload,
  createSignedClient,
  type InputValue,
  type SignedClient,
  viewSubmissionPayload,
} from '../loopback/signed-client.js';
import { type RecordedCall, type SlackFake, startSlackFake } from '../loopback/slack-api.js';
import { roleFor } from '../shell/deps.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';

/**
 * The real Winwin app, running on this machine with no Slack workspace: the same handlers and store as
 * `npm start`, served over HTTP on 127.0.0.1, with the loopback fake standing in for Slack's Web API.
 * Requests are signed exactly as Slack signs them, so nothing in the app knows it is in a console.
 */

/** The default console user: an admin, so a new user can try every command. */
export const CONSOLE_USER = 'UCONSOLE1';
/** The channel the console's commands come from. */
export const CONSOLE_CHANNEL = 'C0CONSOLE1';

export interface SessionOptions {
  /** The environment: WINWIN_DB, WINWIN_ADMINS, WINWIN_EDITORS, WINWIN_LOCALE… are honoured. */
  readonly env: Env;
  /** Who the console acts as (default CONSOLE_USER). */
  readonly user?: string;
  /** Fill an empty store with the demo programs. */
  readonly demo?: boolean;
  /** Where Winwin's log lines go (warnings and errors only). */
  readonly log?: (line: string) => void;
}

/** What one request caused: the HTTP acknowledgement, and every Web API call or response_url post made for it. */
export interface Exchange {
  readonly status: number;
  readonly ack: unknown;
  readonly calls: readonly RecordedCall[];
}

export interface Session {
  readonly config: Config;
  readonly store: Store;
  readonly fake: SlackFake;
  readonly winwin: Winwin;
  /** True when --demo filled an empty store. */
  readonly seeded: boolean;
  user: string;
  role(): Role;
  /** `/winwin <text>`, sent as the console user from the console channel. */
  command(text: string): Promise<Exchange>;
  /** Opens App Home (app_home_opened). */
  openHome(): Promise<Exchange>;
  /** Presses a button or picks an option. */
  click(click: Omit<ActionClick, 'user'>): Promise<Exchange>;
  /** Submits a modal with `values` in Slack's state shape. */
  submitView(
    view: Record<string, unknown>,
    values: Record<string, Record<string, InputValue>>,
  ): Promise<Exchange>;
  close(): Promise<void>;
}

/** An empty store: nothing recorded yet (the state a fresh checkout starts with). */
export const isEmptyStore = (state: State, lastEventId: number): boolean =>
  state.programs.length === 0 && state.pledges.length === 0 && state.grants.length === 0 && lastEventId === 0;

const QUIET_MS = 40;
const SETTLE_LIMIT_MS = 15_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startSession = async (options: SessionOptions): Promise<Session> => {
  const user = options.user ?? CONSOLE_USER;
  // Read first, so a bad WINWIN_* variable is reported before anything starts.
  const base = loadConfig(options.env);
  const fake = await startSlackFake();
  const signingSecret = randomBytes(24).toString('hex');
  const config: Config = {
    ...base,
    // Whatever .env says, the console never talks to Slack: fake token, loopback Web API, HTTP mode.
    botToken: 'xoxb-winwin-console',
    signingSecret,
    appToken: undefined,
    apiUrl: fake.url,
    port: 0,
    admins: base.admins.includes(CONSOLE_USER) ? base.admins : [...base.admins, CONSOLE_USER],
  };

  let store: Store;
  try {
    store = await openStore(config.dbPath);
  } catch (error) {
    await fake.close();
    throw error;
  }

  let seeded = false;
  if (options.demo === true && isEmptyStore(store.read(), store.lastEventId())) {
    const demo = demoChange(new Date(), CONSOLE_USER);
    await store.replaceAll(demo.state, demo.events);
    seeded = true;
  }

  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const logger = safeLogger((level, line) => {
    if (level === LogLevel.WARN || level === LogLevel.ERROR) log(line);
  });
  const winwin = createWinwin({
    config,
    store,
    logger,
    retries: 0,
    bot: { botId: fake.botId, botUserId: fake.botUserId },
  });

  // Count requests the app is still handling, so the console prints a reply only once it is complete
  // (a handler may ack first and post to response_url or open a modal afterwards).
  let inflight = 0;
  const app = winwin.app;
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    inflight += 1;
    try {
      return await processEvent(event);
    } finally {
      inflight -= 1;
    }
  };

  let port: number;
  try {
    ({ port } = await winwin.listen(0, '127.0.0.1'));
  } catch (error) {
    await store.close();
    await fake.close();
    throw error;
  }
  const client: SignedClient = createSignedClient({
    baseUrl: `http://127.0.0.1:${port}`,
    signingSecret,
    teamId: fake.teamId,
    responseUrl: () => fake.responseUrl(),
  });

  /** Waits until the app has finished every request and the fake has been quiet for a moment. */
  const settle = async (): Promise<void> => {
    const started = Date.now();
    for (;;) {
      const seq = fake.seq();
      await sleep(QUIET_MS);
      if (inflight === 0 && fake.seq() === seq) return;
      if (Date.now() - started > SETTLE_LIMIT_MS) return;
    }
  };

  // Calls already printed. Anything newer belongs to the next exchange, including what the app sent on
  // its own in between (a scheduled digest), so nothing it says goes unseen.
  let shown = fake.seq();
  const exchange = async (send: () => Promise<{ status: number; json: unknown }>): Promise<Exchange> => {
    const res = await send();
    await settle();
    const after = shown;
    shown = fake.seq();
    return {
      status: res.status,
      ack: res.json,
      calls: fake.calls().filter((c) => c.seq > after && c.seq <= shown),
    };
  };

  const session: Session = {
    config,
    store,
    fake,
    winwin,
    seeded,
    user,
    role: () => roleFor(session.user, config, store.read()),
    command: (text) =>
      exchange(() =>
        client.command({
          text,
          user: session.user,
          channel: CONSOLE_CHANNEL,
          channelName: 'console',
          responseUrl: fake.responseUrl(),
        }),
      ),
    openHome: () =>
      exchange(() =>
        client.event({
          type: 'app_home_opened',
          user: session.user,
          channel: `D${session.user.slice(1)}`,
          tab: 'home',
        }),
      ),
    click: (click) =>
      exchange(() => client.interactive(blockActionsPayload({ ...click, user: session.user }, fake.teamId))),
    submitView: (view, values) =>
      exchange(() =>
        client.interactive(
          viewSubmissionPayload(
            {
              user: session.user,
              callbackId: typeof view.callback_id === 'string' ? view.callback_id : '',
              values,
              privateMetadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
              ...(typeof view.id === 'string' ? { viewId: view.id } : {}),
              ...(typeof view.hash === 'string' ? { hash: view.hash } : {}),
              blocks: Array.isArray(view.blocks) ? view.blocks : [],
            },
            fake.teamId,
          ),
        ),
      ),
    close: async () => {
      try {
        await winwin.stop();
      } finally {
        await store.close();
        await fake.close();
      }
    },
  };
  return session;
};
