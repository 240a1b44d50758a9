/**
 * npm run store:copy -- <from> <to> [--force]
 * Copies a whole Winwin store (state and every event) from <from> to <to>: each a JSON store file
 * (./data/winwin.json) or a PostgreSQL URL (postgres://…). Refuses a target that holds data unless
 * --force; afterwards checks that the target holds the same counts, totals and content. Stop Winwin
 * first (a JSON store in use is refused by its lock).
 */
import { StoreOpenError } from '../src/storage/errors.js';
import { isPostgresUrl, redactUrl } from '../src/storage/pg/pg-store.js';
import { CopyRefused, copyStore } from '../src/storage/store-copy.js';

const USAGE =
  'Usage: npm run store:copy -- <from> <to> [--force]   (each a store file path or postgres://… URL)';

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const places = args.filter((a) => a !== '--force');
  if (places.length !== 2 || places.some((p) => p.startsWith('--'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [from, to] = places as [string, string];
  try {
    const report = await copyStore(from, to, force);
    const s = report.summary;
    process.stdout.write(
      `Copied ${isPostgresUrl(from) ? redactUrl(from) : from} → ${report.to} in ${report.ms} ms and checked it: ` +
        `${Object.entries(s.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(
            ', ',
          )}; ${s.events} events (last E${s.lastEventId}); pledged ${s.pledged} won; targets ${s.targets} won.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CopyRefused || error instanceof StoreOpenError) {
      process.stderr.write(`store:copy: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
};

process.exitCode = await main();
