import { afterAll, beforeAll } from 'vitest';
import { openPgStore } from '../../src/storage/pg/pg-store.js';
import { createTestDatabase, describePg, sql, type TestDatabase } from '../support/pg.js';
import { describeStoreContract } from './store-contract.js';

describePg('PostgreSQL store contract', (server) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(server);
  });
  afterAll(async () => {
    await db.drop();
  });

  describeStoreContract('PostgreSQL (a database of its own, emptied after each test)', async () => ({
    target: {
      open: (options) =>
        openPgStore(db.url, options?.fault === undefined ? {} : { writeFault: options.fault }),
    },
    cleanup: async () => {
      await sql(db.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    },
  }));
});
