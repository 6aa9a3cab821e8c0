// Listens, and on SIGTERM/SIGINT drains: /readyz turns 503, the server stops accepting,
// in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then the pool closes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDependencies } from './app.js';
import type { Config } from './config.js';
import { clientErrorHandler } from './http/client-error.js';
import type { Database } from './data/database.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  db: Database,
  logger: Logger,
  overrides: Pick<AppDependencies, 'handlers' | 'clock' | 'onRequestCompleted'> = {},
): Promise<RunningServer> {
  const readiness = { draining: false };
  const app = createApp({ config, db, logger, readiness, ...overrides });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  server.on('clientError', clientErrorHandler(logger));
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

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
      await db.destroy();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { server, url, stop };
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
