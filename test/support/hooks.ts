// Mocha root hooks: one fresh, migrated database for the whole run, dropped at the end, and
// the run's spec coverage written out.
import { createTestDatabase, type TestDatabase } from './database.js';
import { writeSpecCoverage } from './spec-coverage.js';

let current: TestDatabase | undefined;

export function testDatabase(): TestDatabase {
  if (!current) throw new Error('The test database is not ready; is test/support/hooks.ts required?');
  return current;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    current = await createTestDatabase();
  },
  async afterAll() {
    writeSpecCoverage();
    await current?.drop();
    current = undefined;
  },
};
