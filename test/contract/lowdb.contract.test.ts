import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/storage/open-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('lowdb (JSON file in a temp folder)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-contract-'));
  const file = path.join(dir, 'winwin.json');
  return {
    target: {
      open: (options) => openStore(file, options?.fault === undefined ? {} : { writeFault: options.fault }),
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
