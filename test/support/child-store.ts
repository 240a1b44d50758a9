/**
 * A store owner in a child process, for tests that need a second process or a kill -9.
 *   node --import tsx test/support/child-store.ts hold <file>
 *     opens the store, prints "open", and keeps it until killed or stdin closes.
 *   node --import tsx test/support/child-store.ts sit <file>
 *     opens the store, prints "open", and keeps it until killed (stdin is not read).
 *   node --import tsx test/support/child-store.ts exit <file>
 *     opens the store and calls process.exit(0) without closing it.
 *   node --import tsx test/support/child-store.ts storm <file> <prefix>
 *     opens the store and keeps 16 mutations in flight forever, printing "ack <key>" for each one
 *     the store has acknowledged (durably written).
 *   node --import tsx test/support/child-store.ts record <file> <prefix> <count>
 *     records <prefix>-0 … <prefix>-<count-1> one after the other, prints "done", and exits without
 *     closing.
 * A refused open prints "refused <code>" and the message to stderr, and exits with code 3.
 */

import { StoreOpenError } from '../../src/storage/errors.js';
import { openStore } from '../../src/storage/open-store.js';
import { recordKey } from './store-fixtures.js';

const [mode, file, prefix = 'k', number = '1000'] = process.argv.slice(2);
if (!['hold', 'sit', 'exit', 'storm', 'record'].includes(mode ?? '') || file === undefined) {
  process.stderr.write('usage: child-store.ts hold|sit|exit|storm|record <file> [prefix] [count]\n');
  process.exit(2);
}

const store = await openStore(file).catch((error: unknown) => {
  if (error instanceof StoreOpenError) {
    process.stdout.write(`refused ${error.code}\n`);
    process.stderr.write(`${error.message}\n`);
    process.exit(3);
  }
  throw error;
});
process.stdout.write('open\n');

if (mode === 'exit') {
  process.exit(0);
} else if (mode === 'record') {
  for (let i = 0; i < Number(number); i++) await store.mutate(recordKey(`${prefix}-${i}`));
  process.stdout.write('done\n');
  process.exit(0);
} else if (mode === 'sit') {
  setInterval(() => undefined, 60_000);
} else if (mode === 'hold') {
  process.stdin.resume();
  process.stdin.on('end', () => {
    void store.close().then(() => process.exit(0));
  });
} else {
  let next = 0;
  const one = (): void => {
    const key = `${prefix}-${next++}`;
    store.mutate(recordKey(key)).then(
      () => {
        process.stdout.write(`ack ${key}\n`);
        one();
      },
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(4);
      },
    );
  };
  for (let i = 0; i < 16; i++) one();
}
