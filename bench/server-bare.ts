/**
 * The baseline: a bare Bolt app with Winwin's options (same HTTPReceiver and signing, same App
 * settings, same node:http server in front) whose /winwin handler only acks. No store, no router.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { loadConfig } from '../src/config.js';
import { announceReady, BENCH_BOT, stderrLogger, stopOnSignal } from './server-common.js';

const config = loadConfig(process.env);
if (config.botToken === undefined || config.signingSecret === undefined)
  throw new Error('the bare server needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
const logger = stderrLogger();
logger.setLevel(LogLevel.INFO);
const receiver = new HTTPReceiver({
  signingSecret: config.signingSecret,
  endpoints: ['/slack/events'],
  logger,
  logLevel: LogLevel.INFO,
});
const app = new App({
  token: config.botToken,
  logger,
  logLevel: LogLevel.INFO,
  clientOptions: { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 } },
  deferInitialization: true,
  botId: BENCH_BOT.botId,
  botUserId: BENCH_BOT.botUserId,
  tokenVerificationEnabled: false,
  receiver,
});
app.command('/winwin', async ({ ack }) => {
  await ack();
});
await app.init();

const server = createServer((req, res) => {
  try {
    receiver.requestListener(req, res);
  } catch {
    res.writeHead(500);
    res.end();
  }
});
stopOnSignal(
  () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    }),
);
await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
announceReady((server.address() as AddressInfo).port);
