// npm run db:reset: the quick start's embedded database as a fresh clone has it: the file
// removed, migrated and the demo organization seeded again, so that the docs' examples (some
// delete or rename what others read) can be run again from the start. The secrets in
// data/secrets.json stay, and with them the tokens already printed. Refuses DATABASE_URL: a
// database of one's own is one's own to drop.
import { rmSync } from 'node:fs';
import { migrateToLatest } from '../data/migrate.js';
import { configuredSecretBox } from '../lib/secret-box.js';
import { seedDemo } from '../sandbox/seed.js';
import { openCommandContext, runCommand } from './context.js';

const { config, db } = openCommandContext(['database', 'webhookSecrets']);
await runCommand(async () => {
  try {
    if (config.databaseUrl)
      throw new Error(
        'npm run db:reset resets the embedded quick-start database only; with DATABASE_URL, drop and create your database, then run the migrations',
      );
    await db.destroy();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.sqliteFile}${suffix}`, { force: true });
    const fresh = openCommandContext(['database', 'webhookSecrets']).db;
    try {
      await migrateToLatest(fresh, { secretsKeys: config.webhookSecretsKeys });
      const seeded = await seedDemo(fresh, configuredSecretBox(config.webhookSecretsKeys));
      console.log(
        `Reset ${config.sqliteFile}: ${seeded.users} users, ${seeded.activities} activities and ${seeded.groups} groups of the demo organization.`,
      );
    } finally {
      await fresh.destroy();
    }
  } finally {
    await db.destroy();
  }
});
