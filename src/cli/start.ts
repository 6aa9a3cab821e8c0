// npm start: migrate, seed the demo organization into an empty embedded database, listen,
// and print what a person needs to try the API (a token only for the embedded quick start).
// With DATABASE_URL it listens first and waits for the database (retrying with backoff;
// /readyz answers 503 meanwhile), then migrates when MIGRATE_ON_START is on (not in
// production, where `npm run db:migrate` is the operator's step).
import { migrateToLatest } from '../data/migrate.js';
import { findAnyActiveCoach, hasAnyOrganization } from '../data/users-repository.js';
import { describeDatabase, waitForDatabase } from '../data/wait-for-database.js';
import { seedDemo } from '../sandbox/seed.js';
import { startServer, stopOnSignals, type RunningServer } from '../server.js';
import { openCommandContext } from './context.js';
import { isEmbeddedQuickStart, startBanner } from './start-banner.js';

const { config, logger, db } = openCommandContext();
let running: RunningServer | undefined;
try {
  if (!config.databaseUrl) {
    await migrateToLatest(db);
    if (!(await hasAnyOrganization(db))) {
      const seeded = await seedDemo(db);
      logger.info(seeded, 'seeded the demo organization');
    }
  }
  running = await startServer(config, db, logger);
  stopOnSignals(running, logger);
  logger.info({ url: running.url }, 'listening');
  let ready = true;
  if (config.databaseUrl) {
    const { readiness } = running;
    const target = describeDatabase(config.databaseUrl, config.sqliteFile);
    readiness.waitingFor = `waiting for the database at ${target}`;
    const stopped = () => readiness.draining;
    ready = await waitForDatabase(db, { logger, target, pingTimeoutMs: config.readinessTimeoutMs, stopped });
    if (ready && config.migrateOnStart) {
      readiness.waitingFor = 'applying migrations';
      await migrateToLatest(db);
    }
    readiness.waitingFor = undefined;
    if (ready) logger.info({ database: target }, 'ready');
  }

  if (ready) {
    const coach = isEmbeddedQuickStart(config) ? await findAnyActiveCoach(db) : undefined;
    console.log(await startBanner(config, running.url, coach));
  }
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exitCode = 1;
  if (running) await running.stop();
  else await db.destroy();
}
