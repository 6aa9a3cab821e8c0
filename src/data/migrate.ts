import { migrationSource } from '../../migrations/index.js';
import type { Database } from './database.js';
import { withMigrationContext, type MigrationContext } from './migration-context.js';

/** The migrations this version knows that the database has not applied, oldest first. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], (string | { file: string })[]];
  return pending.map((entry) => (typeof entry === 'string' ? entry : entry.file));
}

export async function migrateToLatest(db: Database, context: MigrationContext = {}): Promise<string[]> {
  const [, applied] = (await withMigrationContext(db, context).migrate.latest({ migrationSource })) as [
    number,
    string[],
  ];
  return applied;
}
