import { migrationSource } from '../../migrations/index.js';
import type { Database } from './database.js';
import { withMigrationContext, type MigrationContext } from './migration-context.js';

export async function migrateToLatest(db: Database, context: MigrationContext = {}): Promise<string[]> {
  const [, applied] = (await withMigrationContext(db, context).migrate.latest({ migrationSource })) as [
    number,
    string[],
  ];
  return applied;
}
