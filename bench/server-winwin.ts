/**
 * The real Winwin over HTTP, as `npm start` runs it, for the bench: config from the environment the
 * bench sets (store path, signing secret, the loopback Slack fake's URL), bot identity given.
 * Modules are imported dynamically so the ready line can say where start-up time went.
 */
const booted = performance.now();
const { announceReady, BENCH_BOT, stderrLogger, stopOnSignal } = await import('./server-common.js');
const { createWinwin } = await import('../src/app.js');
const { loadConfig } = await import('../src/config.js');
const { openConfiguredStore } = await import('../src/storage/open-configured.js');
const imported = performance.now();

const config = loadConfig(process.env);
// The JSON file at WINWIN_DB, or PostgreSQL when WINWIN_DATABASE_URL is set (npm run bench -- --store postgres).
const { store } = await openConfiguredStore(config);
const opened = performance.now();
const winwin = createWinwin({ config, store, logger: stderrLogger(), retries: 0, bot: BENCH_BOT });
stopOnSignal(async () => {
  try {
    await winwin.stop();
  } finally {
    await store.close();
    // For the bench's report: how many mutations each durable write carried.
    process.stderr.write(`store stats ${JSON.stringify(store.stats())}\n`);
  }
});
const { port } = await winwin.listen(config.port, '127.0.0.1');
const listening = performance.now();
announceReady(port, {
  boot: booted,
  imports: imported - booted,
  openStore: opened - imported,
  listen: listening - opened,
});
