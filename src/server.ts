// Listens, and on SIGTERM/SIGINT drains: /readyz turns 503, the server stops accepting,
// in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then the pool closes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDependencies } from './app.js';
import type { Config } from './config.js';
import type { Database } from './data/database.js';
import { createMetrics, metricsServer, type Metrics } from './http/metrics.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  server: Server;
  url: string;
  metrics: Metrics;
  /** Where GET /metrics answers, when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(`http://localhost:${(server.address() as AddressInfo).port}`));
  });
}

export async function startServer(
  config: Config,
  db: Database,
  logger: Logger,
  overrides: Pick<AppDependencies, 'handlers' | 'clock' | 'onRequestCompleted'> = {},
): Promise<RunningServer> {
  const readiness = { draining: false };
  const metrics = createMetrics(db, { processMetrics: config.metricsPort !== undefined });
  const app = createApp({ config, db, logger, readiness, metrics, ...overrides });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  let metricsListener: Server | undefined;
  let metricsUrl: string | undefined;
  if (config.metricsPort !== undefined) {
    metricsListener = metricsServer(metrics);
    metricsUrl = await listen(metricsListener, config.metricsPort, config.metricsHost);
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      readiness.draining = true;
      logger.info('draining in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(resolve, config.shutdownTimeoutMs, 'timeout').unref(),
      );
      if ((await Promise.race([closed, timeout])) === 'timeout') {
        logger.warn('shutdown timeout reached; closing remaining connections');
        server.closeAllConnections();
      }
      if (metricsListener) {
        const closing = new Promise<void>((resolve) => metricsListener.close(() => resolve()));
        metricsListener.closeAllConnections();
        await closing;
      }
      await db.destroy();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, url, metrics, metricsUrl, stop };
}

/** Drains on SIGTERM/SIGINT; a crash outside any request is logged and ends the process. */
export function stopOnSignals(running: RunningServer, logger: Logger): void {
  const crash = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error, kind }, 'process crashed');
    process.exit(1);
  };
  process.once('uncaughtException', crash('uncaughtException'));
  process.once('unhandledRejection', crash('unhandledRejection'));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
