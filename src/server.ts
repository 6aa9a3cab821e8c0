// Listens with deliberate HTTP limits, and on SIGTERM/SIGINT shuts down within
// SHUTDOWN_TIMEOUT_MS whatever the database does: /readyz turns 503, the server stops
// accepting, answers in flight finish (each with `Connection: close`, so keep-alive clients
// reconnect elsewhere), then the pool and the Redis client close, each given what is left of
// the deadline and abandoned when it runs out.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { createApp, type AppDependencies } from './app.js';
import type { Config } from './config.js';
import { clientErrorHandler } from './http/client-error.js';
import type { Database } from './data/database.js';
import type { Readiness } from './http/public-routes.js';
import { connectRateLimitRedis } from './http/rate-limit.js';
import { createMetrics, metricsServer, type Metrics } from './observability/metrics.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  server: Server;
  url: string;
  readiness: Readiness;
  metrics: Metrics;
  /** Where GET /metrics answers, when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  /** Work that must end before the pool closes (the webhook dispatcher); run after the drain. */
  stopBeforeClosing: (() => Promise<void>)[];
  stop(): Promise<void>;
}

// Of the shutdown budget, what is kept for closing the pool and Redis after the drain, and
// for the process to exit after that (signal delivery and exit take ~0.1-0.2 s here).
const exitMarginMs = 250;
const closeReserveMs = (shutdownTimeoutMs: number) => Math.min(1000, Math.floor(shutdownTimeoutMs / 5));

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms), 'timeout');
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(`http://localhost:${(server.address() as AddressInfo).port}`);
    });
  });
}

export async function startServer(
  config: Config,
  db: Database,
  logger: Logger,
  overrides: Pick<AppDependencies, 'handlers' | 'clock' | 'onRequestCompleted' | 'redis' | 'tracer'> & {
    /** Closed with the pool when the server stops (the tracer provider, which flushes its spans). */
    alsoClose?: () => Promise<void>;
  } = {},
): Promise<RunningServer> {
  const { alsoClose, ...appOverrides } = overrides;
  const readiness: Readiness = { draining: false };
  const ownRedis = !overrides.redis && config.redisUrl ? connectRateLimitRedis(config.redisUrl, logger) : undefined;
  const redis: Redis | undefined = overrides.redis ?? ownRedis;
  const metrics = createMetrics(db, { processMetrics: config.metricsPort !== undefined });
  const app = createApp({ config, db, logger, readiness, metrics, ...appOverrides, redis });
  // Node's defaults (requestTimeout 300 s, headersTimeout 60 s, checked every 30 s) let a
  // client that trickles its request hold a connection for minutes.
  const server = createServer(
    {
      requestTimeout: config.httpRequestTimeoutMs,
      headersTimeout: config.httpHeadersTimeoutMs,
      keepAliveTimeout: config.httpKeepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.httpHeadersTimeoutMs),
    },
    app,
  );
  server.on('clientError', clientErrorHandler(logger));
  const metricsListener = config.metricsPort === undefined ? undefined : metricsServer(metrics);
  let url: string;
  let metricsUrl: string | undefined;
  try {
    url = await listen(server, config.port, config.host);
    metricsUrl = metricsListener && (await listen(metricsListener, config.metricsPort!, config.metricsHost));
  } catch (error) {
    // A start that fails half-way leaves nothing open behind it: the caller exits at once.
    for (const listener of [server, metricsListener]) if (listener?.listening) listener.close();
    ownRedis?.disconnect();
    await alsoClose?.();
    throw error;
  }

  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (readiness.draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  const stopBeforeClosing: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const started = Date.now();
      const left = () => config.shutdownTimeoutMs - (Date.now() - started);
      readiness.draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      logger.info({ in_flight: inFlight.size }, 'draining in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if ((await within(closed, left() - closeReserveMs(config.shutdownTimeoutMs) - exitMarginMs)) === 'timeout') {
        logger.warn({ in_flight: inFlight.size }, 'shutdown timeout reached; closing remaining connections');
        server.closeAllConnections();
      }
      metricsListener?.closeAllConnections();
      if (
        (await within(
          Promise.allSettled(stopBeforeClosing.map((step) => step())),
          left() - closeReserveMs(config.shutdownTimeoutMs) - exitMarginMs,
        )) === 'timeout'
      )
        logger.warn('background work did not stop in time; closing the pool under it');
      const closing: Promise<unknown>[] = [db.destroy()];
      if (alsoClose) closing.push(alsoClose());
      if (ownRedis) closing.push(ownRedis.quit());
      if (metricsListener) closing.push(new Promise<void>((resolve) => metricsListener.close(() => resolve())));
      if ((await within(Promise.allSettled(closing), left() - exitMarginMs)) === 'timeout') {
        logger.warn('the database pool did not close in time; exiting without waiting for it');
        ownRedis?.disconnect();
      }
      logger.info({ duration_ms: Date.now() - started }, 'stopped');
    })();
    return stopping;
  };
  return { server, url, readiness, metrics, metricsUrl, stopBeforeClosing, stop };
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
