// npm start: migrate, seed the demo organization into an empty embedded database, listen,
// and print what a person needs to try the API (a token only for the embedded quick start).
import { migrateToLatest } from '../data/migrate.js';
import { findAnyActiveCoach, hasAnyOrganization } from '../data/users-repository.js';
import { seedDemo } from '../sandbox/seed.js';
import { startServer, stopOnSignals } from '../server.js';
import { openCommandContext } from './context.js';
import { isEmbeddedQuickStart, startBanner } from './start-banner.js';

const { config, logger, db } = openCommandContext();
try {
  await migrateToLatest(db);
  if (!config.databaseUrl && !(await hasAnyOrganization(db))) {
    const seeded = await seedDemo(db);
    logger.info(seeded, 'seeded the demo organization');
  }
  const running = await startServer(config, db, logger);
  stopOnSignals(running, logger);

  const coach = isEmbeddedQuickStart(config) ? await findAnyActiveCoach(db) : undefined;
  console.log(await startBanner(config, running.url, coach));
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  await db.destroy();
  process.exitCode = 1;
}
