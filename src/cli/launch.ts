// What both starts share (`npm start` and the production `serve.js`): listen, wait for the
// database while /readyz says why, migrate when asked, and on any failure on the way close
// everything that was opened and exit 1 with one line that says what to do, so that a
// supervisor sees the crash and restarts the process instead of finding it half-alive.
import type { Config } from '../config.js';
import type { Database } from '../data/database.js';
import { migrateToLatest, pendingMigrations } from '../data/migrate.js';
import { describeDatabase, waitForDatabase } from '../data/wait-for-database.js';
import type { Logger } from '../logger.js';
import { startTracing } from '../observability/tracing.js';
import { traceSqlStatements } from '../observability/sql-spans.js';
import { startServer, stopOnSignals, type RunningServer } from '../server.js';
import { startFeedRetention } from '../jobs/feed-retention.js';
import { dispatcherOptions, startDispatcher } from '../webhooks/dispatcher.js';

export interface LaunchOptions {
  config: Config;
  logger: Logger;
  db: Database;
  /** Apply pending migrations once the database answers. */
  migrate: boolean;
  /** Says a start-up failure: a JSON log line in production, a plain line for a person at `npm start`. */
  reportFailure: (message: string, error: unknown) => void;
}

/** Why the start failed, as one line an operator can act on. */
export function startFailureMessage(error: unknown, config: Pick<Config, 'metricsPort'>): string {
  const { code, port } = error as { code?: string; port?: number };
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const variable = port === config.metricsPort ? 'METRICS_PORT' : 'PORT';
    const problem = code === 'EADDRINUSE' ? 'is in use' : 'may not be used by this user';
    return `port ${port} ${problem}; set ${variable}`;
  }
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** How often a server that found its schema behind looks again (an operator is migrating). */
const SCHEMA_RECHECK_MS = 5000;

/**
 * Waits until the database holds every migration this version knows, /readyz answering 503
 * with the reason meanwhile: a server started on a database nobody migrated would otherwise
 * say ready and answer every API call 500. Resolves false when the server stopped first.
 */
async function schemaAtLatest(db: Database, readiness: RunningServer['readiness'], logger: Logger): Promise<boolean> {
  let told = '';
  while (!readiness.draining) {
    const pending = await pendingMigrations(db).catch((error: unknown) => {
      // Stopped while asking: the pool is closing under the question.
      if (readiness.draining) return [];
      throw error;
    });
    if (readiness.draining) break;
    if (pending.length === 0) return true;
    const reason = `the database schema is ${pending.length} migration${pending.length === 1 ? '' : 's'} behind this version (up to ${pending.at(-1)}): run node dist/src/cli/migrate.js`;
    readiness.waitingFor = reason;
    if (reason !== told) logger.warn({ pending }, `not ready: ${reason}`);
    told = reason;
    await new Promise((resolve) => setTimeout(resolve, SCHEMA_RECHECK_MS).unref());
  }
  return false;
}

/** Resolves with the running server once it is ready, or undefined when it stopped first. */
export async function launch(options: LaunchOptions): Promise<RunningServer | undefined> {
  const { config, logger, db } = options;
  let running: RunningServer | undefined;
  try {
    const tracing = await startTracing(process.env, logger);
    if (tracing) traceSqlStatements(db, tracing.tracer);
    running = await startServer(config, db, logger, { tracer: tracing?.tracer, alsoClose: tracing?.shutdown });
    stopOnSignals(running, logger);
    logger.info({ url: running.url, metrics_url: running.metricsUrl }, 'listening');
    const { readiness } = running;
    const target = describeDatabase(config.databaseUrl, config.sqliteFile);
    readiness.waitingFor = `waiting for the database at ${target}`;
    const stopped = () => readiness.draining;
    if (!(await waitForDatabase(db, { logger, target, pingTimeoutMs: config.readinessTimeoutMs, stopped })))
      return undefined;
    if (options.migrate) {
      readiness.waitingFor = 'applying migrations';
      await migrateToLatest(db, { secretsKeys: config.webhookSecretsKeys });
    } else if (!(await schemaAtLatest(db, readiness, logger))) return undefined;
    readiness.waitingFor = undefined;
    if (config.webhookDispatcher) {
      const dispatcher = startDispatcher(dispatcherOptions(config, db, logger, running.metrics));
      running.stopBeforeClosing.push(() => dispatcher.stop());
    }
    if (config.feedPurgeIntervalMs > 0) {
      const retention = startFeedRetention({ db, logger, intervalMs: config.feedPurgeIntervalMs });
      running.stopBeforeClosing.push(() => retention.stop());
    }
    logger.info({ database: target, webhook_dispatcher: config.webhookDispatcher }, 'ready');
    return running;
  } catch (error) {
    options.reportFailure(startFailureMessage(error, config), error);
    if (running) await running.stop();
    else await db.destroy();
    process.exit(1);
  }
}
