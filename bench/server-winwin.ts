/**
 * The real Winwin over HTTP, as `npm start` runs it, for the bench: config from the environment the
 * bench sets (store path, signing secret, the loopback Slack fake's URL), bot identity given.
 */
import { createWinwin } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/storage/open-store.js';
import { announceReady, BENCH_BOT, stderrLogger, stopOnSignal } from './server-common.js';

const config = loadConfig(process.env);
const store = await openStore(config.dbPath);
const winwin = createWinwin({ config, store, logger: stderrLogger(), retries: 0, bot: BENCH_BOT });
stopOnSignal(async () => {
  try {
    await winwin.stop();
  } finally {
    await store.close();
  }
});
const { port } = await winwin.listen(config.port, '127.0.0.1');
announceReady(port);
