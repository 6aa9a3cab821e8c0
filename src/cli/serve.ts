// The production start (`node dist/src/cli/serve.js`): listen and drain on SIGTERM. No
// migrations (run `node dist/src/cli/migrate.js` once per deploy), no demo data, no tokens
// printed. It listens before the database answers; /readyz says 503 until it does.
import { startServer, stopOnSignals } from '../server.js';
import { openCommandContext } from './context.js';

const { config, logger, db } = openCommandContext();
try {
  const running = await startServer(config, db, logger);
  stopOnSignals(running, logger);
  logger.info({ url: running.url, metrics_url: running.metricsUrl }, 'listening');
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  await db.destroy();
  process.exitCode = 1;
}
