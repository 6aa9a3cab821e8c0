// npm start: migrate, seed the demo organization into an empty embedded database, listen,
// and print what a person needs to try the API.
import { signToken } from '../auth/sign-token.js';
import { migrateToLatest } from '../data/migrate.js';
import { findAnyActiveCoach, hasAnyOrganization } from '../data/users-repository.js';
import { seedDemo } from '../sandbox/seed.js';
import { startServer, stopOnSignals } from '../server.js';
import { openCommandContext } from './context.js';

const { config, logger, db } = openCommandContext();
try {
  await migrateToLatest(db);
  if (!config.databaseUrl && !(await hasAnyOrganization(db))) {
    const seeded = await seedDemo(db);
    logger.info(seeded, 'seeded the demo organization');
  }
  const running = await startServer(config, db, logger);
  stopOnSignals(running, logger);

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
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  await db.destroy();
  process.exitCode = 1;
}
