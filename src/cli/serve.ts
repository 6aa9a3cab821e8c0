// The production start (`node dist/src/cli/serve.js`): listen, wait for the database (/readyz
// says 503 until it answers), drain on SIGTERM. No migrations (run `node dist/src/cli/migrate.js`
// once per deploy), no demo data, no tokens printed. A start that fails (a port in use, the
// database refusing the credentials) logs one fatal line, closes what it opened and exits 1.
import { openCommandContext } from './context.js';
import { launch } from './launch.js';

const { config, logger, db } = openCommandContext();
await launch({
  config,
  logger,
  db,
  migrate: false,
  reportFailure: (message, error) => logger.fatal({ err: error }, message),
});
