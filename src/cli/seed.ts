// npm run db:seed: migrates, then loads the demo organization (idempotent).
import { migrateToLatest } from '../data/migrate.js';
import { configuredSecretBox } from '../lib/secret-box.js';
import { seedDemo } from '../sandbox/seed.js';
import { openCommandContext, runCommand } from './context.js';

const { config, db } = openCommandContext(['database', 'webhookSecrets']);
await runCommand(async () => {
  try {
    await migrateToLatest(db, { secretsKeys: config.webhookSecretsKeys });
    const seeded = await seedDemo(db, configuredSecretBox(config.webhookSecretsKeys));
    console.log(`Seeded ${seeded.users} users, ${seeded.activities} activities and ${seeded.groups} new groups.`);
  } finally {
    await db.destroy();
  }
});
