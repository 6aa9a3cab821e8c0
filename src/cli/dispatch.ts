// A dispatcher on its own (`node dist/src/cli/dispatch.js`): delivers webhooks and nothing
// else, for deployments that run WEBHOOK_DISPATCHER=false in their API processes. Waits for
// the database like `serve`, serves its metrics on METRICS_PORT when set, and stops on
// SIGTERM/SIGINT once the attempts under way have ended and been recorded (each within
// WEBHOOK_TIMEOUT_MS). Killed instead, it leaves claims that lapse, and another dispatcher
// sends those deliveries again.
import { once } from 'node:events';
import { describeDatabase, waitForDatabase } from '../data/wait-for-database.js';
import { createMetrics, metricsServer } from '../observability/metrics.js';
import { dispatcherOptions, startDispatcher } from '../webhooks/dispatcher.js';
import { openCommandContext } from './context.js';

const { config, logger, db } = openCommandContext(['database', 'webhookSecrets']);
let stopped = false;
const target = describeDatabase(config.databaseUrl, config.sqliteFile);
const stopSignals = ['SIGTERM', 'SIGINT'] as const;
const stopWaiting = () => {
  stopped = true;
};
for (const signal of stopSignals) process.once(signal, stopWaiting);
const ready = await waitForDatabase(db, {
  logger,
  target,
  pingTimeoutMs: config.readinessTimeoutMs,
  stopped: () => stopped,
}).catch(async (error: unknown) => {
  logger.fatal({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
  await db.destroy();
  process.exit(1);
});
if (!ready) {
  await db.destroy();
  process.exit(0);
}
const metrics = config.metricsPort === undefined ? undefined : createMetrics(db, { processMetrics: true });
const listener = metrics && metricsServer(metrics).listen(config.metricsPort, config.metricsHost);
if (listener) await once(listener, 'listening');
const dispatcher = startDispatcher(dispatcherOptions(config, db, logger, metrics));
logger.info({ database: target, metrics: listener?.address() ?? null }, 'dispatching webhooks');
for (const signal of stopSignals) {
  process.off(signal, stopWaiting);
  process.once(signal, () => {
    logger.info({ signal }, 'stopping the dispatcher');
    listener?.close();
    void dispatcher
      .stop()
      .then(() => db.destroy())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stopping the dispatcher failed');
          process.exit(1);
        },
      );
  });
}
