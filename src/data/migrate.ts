import { migrationSource } from '../../migrations/index.js';
import type { Database } from './database.js';

export async function migrateToLatest(db: Database): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}
