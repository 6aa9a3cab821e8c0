// npm start: migrate, seed the demo organization into an empty embedded database, listen,
// and print what a person needs to try the API (a token only for the embedded quick start).
// With DATABASE_URL it listens first and waits for the database (retrying with backoff;
// /readyz answers 503 meanwhile), then migrates when MIGRATE_ON_START is on (not in
// production, where `npm run db:migrate` is the operator's step). A start that fails says so
// in one plain line on stderr (a person reads it) and exits 1.
import { migrateToLatest } from '../data/migrate.js';
import { findAnyActiveCoach, hasAnyOrganization } from '../data/users-repository.js';
import { configuredSecretBox } from '../lib/secret-box.js';
import { seedDemo } from '../sandbox/seed.js';
import { openCommandContext } from './context.js';
import { launch, startFailureMessage } from './launch.js';
import { isEmbeddedQuickStart, startBanner } from './start-banner.js';

const { config, logger, db } = openCommandContext();
const reportFailure = (message: string) => console.error(message);

// `npm start &`, then `kill` of that npm: npm exits without passing the signal on, and the
// server would go on holding the port with no parent. It stops with its parent instead.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();

if (!config.databaseUrl) {
  try {
    await migrateToLatest(db, { secretsKeys: config.webhookSecretsKeys });
    if (!(await hasAnyOrganization(db))) {
      const seeded = await seedDemo(db, configuredSecretBox(config.webhookSecretsKeys));
      logger.info(seeded, 'seeded the demo organization');
    }
  } catch (error) {
    reportFailure(startFailureMessage(error, config));
    await db.destroy();
    process.exit(1);
  }
}

const running = await launch({
  config,
  logger,
  db,
  migrate: config.databaseUrl !== undefined && config.migrateOnStart,
  reportFailure,
});
if (running) {
  const coach = isEmbeddedQuickStart(config) ? await findAnyActiveCoach(db) : undefined;
  console.log(await startBanner(config, running.url, coach));
}
