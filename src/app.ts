import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, HTTPReceiverDeferredRequestError, type Logger, LogLevel } from '@slack/bolt';
import { type Channels, type ChannelsOptions, createChannels } from './channels/channels.js';
import { type Listeners, registerListeners } from './commands/index.js';
import type { Config } from './config.js';
import { createDerived } from './derived.js';
import { zoneOf } from './domain/dates.js';
import { createHomeViewers } from './home-viewers.js';
import type { Leadership } from './leadership.js';
import { screenRequest } from './request-screen.js';
import type { Deps } from './shell/deps.js';
import { describe } from './shell/describe.js';
import { RichBlocks } from './shell/rich-blocks.js';
import type { Store } from './storage/store.js';

export interface WinwinDeps {
  readonly config: Config;
  readonly store: Store;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Web API retries per call; tests and the bench use 0 so an injected fault shows at once. */
  readonly retries?: number;
  /** Known bot identity: skips the auth.test call at start-up. */
  readonly bot?: { readonly botId: string; readonly botUserId: string };
  /** Replaces the registry (the bench's bare app, focused tests). */
  readonly listeners?: Listeners;
  /** Who speaks in channels among replicas (default: this process, the only one). */
  readonly leadership?: Leadership;
  /**
   * Whether the channels tick sends reminder DMs (default true). Tests of other features turn it off
   * so a demo's overdue installment does not DM its owner in the middle of their assertions.
   */
  readonly reminders?: boolean;
  /** Whether the store's database is reachable; /healthz answers 503 while it is not (default: always). */
  readonly available?: () => boolean;
  /** Timings of digests and realtime posts (tests: a tick that never comes on its own). */
  readonly channels?: ChannelsOptions;
}

export interface Winwin {
  readonly app: App;
  /** The HTTP receiver, or undefined in Socket Mode. */
  readonly receiver: HTTPReceiver | undefined;
  readonly deps: Deps;
  /** Digests and realtime cards of subscribed channels (started by listen, stopped by stop). */
  readonly channels: Channels;
  /** Starts serving; port 0 picks a free port, which is returned. Host defaults to all interfaces. */
  listen(port?: number, host?: string): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const TOKEN_PATTERN = /\b(xox[a-z]-|xapp-)[A-Za-z0-9-]+/g;
// Bolt logs JSON.parse's message for a body it cannot parse, and that message quotes the body.
const BODY_QUOTE = /(Malformed request body|Failed to parse the request body):.*/s;
const redact = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .replace(TOKEN_PATTERN, '$1[redacted]')
        .replace(BODY_QUOTE, '$1 (details withheld: they quote the body)')
    : value;

/**
 * A logger that never goes below info: at debug, Bolt and the Web API client print request bodies and
 * payloads, which hold confidential names. Anything that looks like a Slack token is redacted.
 */
export const safeLogger = (sink: (level: LogLevel, line: string) => void = consoleSink): Logger => {
  let level = LogLevel.INFO;
  let name = 'winwin';
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const log =
    (at: LogLevel) =>
    (...msg: unknown[]): void => {
      if (order.indexOf(at) < order.indexOf(level)) return;
      sink(at, `[${at.toUpperCase()}] ${name} ${msg.map((m) => String(redact(m))).join(' ')}`);
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (l) => {
      level = l === LogLevel.DEBUG ? LogLevel.INFO : l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
};

const consoleSink = (level: LogLevel, line: string): void => {
  if (level === LogLevel.ERROR || level === LogLevel.WARN) console.error(line);
  else console.log(line);
};

const HEALTH_PATH = '/healthz';
const EVENTS_PATH = '/slack/events';

/** GET /healthz: 200 "ok", or 503 while the database is unreachable (a load balancer skips the replica). */
const healthOf =
  (available: () => boolean) =>
  (_req: IncomingMessage, res: ServerResponse): void => {
    const up = available();
    res.writeHead(up ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(up ? 'ok' : 'database unreachable');
  };

const listenOn = (s: Server, port: number, host: string | undefined): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      resolve();
    });
  });

/**
 * Builds Winwin's Bolt app from config: HTTP (one endpoint, POST /slack/events, for commands,
 * interactivity and events; GET /healthz) or Socket Mode when an app token is configured (the
 * connection to Slack goes out; only GET /healthz is served on PORT).
 */
export const createWinwin = (input: WinwinDeps): Winwin => {
  const { config } = input;
  const health = healthOf(input.available ?? (() => true));
  const logger = input.logger ?? safeLogger();
  logger.setLevel(LogLevel.INFO);
  const deps: Deps = {
    config,
    store: input.store,
    clock: input.clock ?? (() => new Date()),
    logger,
    derived: createDerived(input.store),
    zone: zoneOf(config.tz),
    homeViewers: createHomeViewers(),
    rich: new RichBlocks(config.richBlocks),
  };
  if (config.botToken === undefined) throw new Error('SLACK_BOT_TOKEN is required to build the Slack app');

  const clientOptions = {
    slackApiUrl: config.apiUrl,
    ...(input.retries === undefined ? {} : { retryConfig: { retries: input.retries } }),
  };
  const identity =
    input.bot === undefined
      ? { tokenVerificationEnabled: true }
      : { botId: input.bot.botId, botUserId: input.bot.botUserId, tokenVerificationEnabled: false };
  const common = {
    token: config.botToken,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions,
    // Winwin keeps no conversation state in Bolt; its store middleware would look one up (and build an
    // Error for the miss) on every request.
    convoStore: false as const,
    // auth.test runs in init(), inside listen(), so a bad token fails start-up with a message, not a crash.
    deferInitialization: true,
    ...identity,
  };

  let receiver: HTTPReceiver | undefined;
  /** HTTP mode: the receiver, and the secret the screen in front of it verifies with. */
  let http: { receiver: HTTPReceiver; signingSecret: string } | undefined;
  let app: App;
  if (config.appToken !== undefined) {
    app = new App({
      ...common,
      appToken: config.appToken,
      socketMode: true,
      // apps.connections.open goes to SLACK_API_URL too (GovSlack, proxies, the loopback fake); a copy,
      // because the Socket Mode client writes its own retry policy into the object it is given.
      installerOptions: { clientOptions: { ...clientOptions } },
    });
  } else {
    if (config.signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      // screenRequest verifies every POST to EVENTS_PATH before it gets here (see listen below).
      signatureVerification: false,
      endpoints: [EVENTS_PATH],
      logger,
      logLevel: LogLevel.INFO,
    });
    app = new App({ ...common, receiver });
    http = { receiver, signingSecret: config.signingSecret };
  }

  app.error(async (error) => {
    logger.error(`unhandled error: ${describe(error.original ?? error)}`);
  });
  registerListeners(app, deps, input.listeners);
  const channels = createChannels(deps, {
    ...input.channels,
    ...(input.leadership === undefined ? {} : { leadership: input.leadership }),
    ...(input.reminders === undefined ? {} : { scheduleReminders: input.reminders }),
  });

  let server: Server | undefined;

  return {
    app,
    receiver,
    deps,
    channels,
    async listen(port = config.port, host?: string) {
      await app.init();
      if (http === undefined) {
        // Socket Mode needs no inbound HTTP; only GET/HEAD /healthz is served, on PORT.
        const s = createServer((req, res) => {
          const path = new URL(req.url ?? '/', 'http://localhost').pathname;
          if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD'))
            return health(req, res);
          res.writeHead(404);
          res.end();
        });
        await listenOn(s, port, host);
        server = s;
        await app.start();
        channels.start();
        return { port: (s.address() as AddressInfo).port };
      }
      const s = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) return health(req, res);
        const forward = (): void => {
          try {
            http.receiver.requestListener(req, res);
          } catch (error) {
            if (!(error instanceof HTTPReceiverDeferredRequestError))
              logger.error(`request failed: ${describe(error)}`);
            res.writeHead(error instanceof HTTPReceiverDeferredRequestError ? 404 : 500);
            res.end();
          }
        };
        // Bolt's receiver answers nothing but POSTs to EVENTS_PATH (404 otherwise), and those all pass the screen.
        if (req.method !== 'POST' || path !== EVENTS_PATH) return forward();
        screenRequest(req, res, http.signingSecret, logger).then(
          (pass) => {
            if (pass) forward();
          },
          (error: unknown) => {
            logger.error(`request failed: ${describe(error)}`);
            if (!res.headersSent) res.writeHead(400);
            res.end();
          },
        );
      });
      server = s;
      await listenOn(s, port, host);
      channels.start();
      return { port: (s.address() as AddressInfo).port };
    },
    async stop() {
      await channels.stop();
      if (http === undefined) await app.stop();
      const s = server;
      server = undefined;
      if (s === undefined) return;
      // Let in-flight requests finish (a pledge being stored), but don't wait on idle keep-alive sockets.
      const force = setTimeout(() => s.closeAllConnections(), 2000);
      force.unref();
      await new Promise<void>((resolve, reject) => {
        s.close((error) => (error === undefined ? resolve() : reject(error)));
        s.closeIdleConnections();
      });
      clearTimeout(force);
    },
  };
};
