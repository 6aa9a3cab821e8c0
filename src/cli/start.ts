// npm start: migrate, seed the demo organization into an empty embedded database, listen,
// and print what a person needs to try the API. With DATABASE_URL it listens first and waits
// for the database (retrying with backoff; /readyz answers 503 meanwhile), then migrates when
// MIGRATE_ON_START is on (not in production, where `npm run db:migrate` is the operator's step).
import { signToken } from '../auth/sign-token.js';
import { migrateToLatest } from '../data/migrate.js';
import { findAnyActiveCoach, hasAnyOrganization } from '../data/users-repository.js';
import { describeDatabase, waitForDatabase } from '../data/wait-for-database.js';
import { seedDemo } from '../sandbox/seed.js';
import { startServer, stopOnSignals, type RunningServer } from '../server.js';
import { openCommandContext } from './context.js';

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
    const coach = await findAnyActiveCoach(db);
    const lines = [
      `Groups API listening on ${running.url}/api/v1`,
      `API docs: ${running.url}/docs (OpenAPI document: ${running.url}/openapi.yaml)`,
    ];
    if (coach && config.jwtSecret) {
      const token = await signToken({
        secret: config.jwtSecret,
        userId: coach.id,
        ttlSeconds: 12 * 3600,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
      });
      lines.push(
        `Try it as ${coach.name} (${coach.id}), token valid 12 hours:`,
        `  curl -s -H "Authorization: Bearer ${token}" "${running.url}/api/v1/groups?page_size=50"`,
      );
    } else {
      lines.push('Make a token with: npm run token -- <user_id>');
    }
    console.log(lines.join('\n'));
  }
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exitCode = 1;
  if (running) await running.stop();
  else await db.destroy();
}
