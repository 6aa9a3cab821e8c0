// npm run db:seed: migrates, then loads the demo organization (idempotent).
import { migrateToLatest } from '../data/migrate.js';
import { seedDemo } from '../sandbox/seed.js';
import { openCommandContext, runCommand } from './context.js';

const { db } = openCommandContext();
await runCommand(async () => {
  try {
    await migrateToLatest(db);
    const seeded = await seedDemo(db);
    console.log(`Seeded ${seeded.users} users, ${seeded.activities} activities and ${seeded.groups} new groups.`);
  } finally {
    await db.destroy();
  }
});
