/**
 * npm run seed:demo [-- --force]
 * Loads the programs of DOMAIN.md into the store at WINWIN_DB (default ./data/winwin.json). Refuses
 * to replace a store that already holds data unless --force is given.
 */
import { demoChange } from '../src/domain/demo.js';
import type { State } from '../src/domain/types.js';
import { StoreOpenError } from '../src/storage/errors.js';
import { openStore } from '../src/storage/open-store.js';

const DEMO_ACTOR = 'U0WINWIN';

const isEmpty = (state: State, lastEventId: number): boolean =>
  state.programs.length === 0 && state.pledges.length === 0 && state.grants.length === 0 && lastEventId === 0;

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown argument ${unknown.join(' ')}. Usage: npm run seed:demo [-- --force]\n`);
    return 2;
  }
  const force = args.includes('--force');
  const file = process.env.WINWIN_DB ?? './data/winwin.json';

  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(file);
  } catch (error) {
    if (error instanceof StoreOpenError) {
      process.stderr.write(`Cannot open the store: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    const current = store.read();
    if (!force && !isEmpty(current, store.lastEventId())) {
      process.stderr.write(
        `${store.path} already holds ${current.programs.length} programs, ${current.pledges.length} pledges ` +
          `and ${store.lastEventId()} events. Nothing was changed. To replace them with the demo data, ` +
          'run: npm run seed:demo -- --force\n',
      );
      return 1;
    }
    const { state, events } = demoChange(new Date(), DEMO_ACTOR);
    await store.replaceAll(state, events);
    process.stdout.write(
      `Seeded ${store.path}: ${state.sectors.length} sectors, ${state.programs.length} programs, ` +
        `${state.pledges.length} pledges, ${events.length} events of history.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
};

process.exitCode = await main();
