import { migrateToLatest } from '../data/migrate.js';
import { openCommandContext, runCommand } from './context.js';

const { db } = openCommandContext();
await runCommand(async () => {
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length > 0 ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  } finally {
    await db.destroy();
  }
});
