// Capture mode: runs the service's own app in this process on a Knex database whose 'query'
// events are recorded, sends each scenario's request once, and keeps the statements it sent,
// in order, grouped into the batches that were in flight together (Promise.all in a service)
// together with the response body. The floor replays exactly these statements, so it stays in
// step with the service whenever a repository changes.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';

export type Binding = string | number | boolean | null | { $date: string };

export interface Statement {
  sql: string;
  bindings: Binding[];
  /** The query's mysql2 options the service set (`prepared`, `rowsAsArray`): the floor sends it alike. */
  options?: { prepared?: boolean; rowsAsArray?: boolean };
}

export interface CapturedRequest {
  method: string;
  path: string;
  /** Statements in the order sent; each inner list was in flight at the same time. */
  batches: Statement[][];
  status: number;
  body: unknown;
}

export interface CaptureRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
  requestId: string;
}

function serialize(value: unknown): Binding {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value === undefined) return null;
  return value as Binding;
}

export async function captureRequests(
  databaseUrl: string,
  secrets: { jwtSecret: string; pageTokenSecret: string; webhookSecretsKey: string },
  requests: CaptureRequest[],
): Promise<CapturedRequest[]> {
  const db = createDatabase({ url: databaseUrl, sqliteFile: ':memory:', poolMax: 10 });
  let batches: Statement[][] = [];
  let inFlight = 0;
  let joinable = false;
  // Knex reports no response for a transaction's BEGIN and COMMIT: they stand alone.
  const transactionControl = /^(BEGIN|COMMIT|ROLLBACK)\b/;
  db.on('query', (data: { sql: string; bindings?: unknown[]; options?: Statement['options'] }) => {
    const { prepared, rowsAsArray } = data.options ?? {};
    const statement: Statement = {
      sql: data.sql,
      bindings: (data.bindings ?? []).map(serialize),
      ...(prepared || rowsAsArray ? { options: { prepared, rowsAsArray } } : {}),
    };
    if (transactionControl.test(data.sql)) {
      batches.push([statement]);
      joinable = false;
      return;
    }
    if (joinable && inFlight > 0) batches.at(-1)!.push(statement);
    else batches.push([statement]);
    inFlight += 1;
    joinable = true;
  });
  const settled = (_response: unknown, data: { sql?: string }) => {
    if (data?.sql && transactionControl.test(data.sql)) return;
    inFlight -= 1;
    // A statement sent after the batch's first answer depends on it: a new batch.
    joinable = false;
  };
  db.on('query-response', settled);
  db.on('query-error', settled);

  const app = createApp({
    // Production's settings, as the benchmarked server runs; rate limits off for the capture.
    config: {
      ...loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'mysql://capture@127.0.0.1/capture',
        AUTH_JWT_SECRET: secrets.jwtSecret,
        PAGE_TOKEN_SECRET: secrets.pageTokenSecret,
        WEBHOOK_SECRETS_KEY: secrets.webhookSecretsKey,
      }),
      rateLimitPerIp: 0,
      rateLimitPerUser: 0,
      rateLimitPublicPerIp: 0,
    },
    db,
    logger: pino({ level: 'silent' }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const captured: CapturedRequest[] = [];
  try {
    for (const request of requests) {
      batches = [];
      inFlight = 0;
      joinable = false;
      const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${request.token}`,
          'x-request-id': request.requestId,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      const body = await response.json();
      if (response.status !== 200)
        throw new Error(
          `capture: ${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(body)}`,
        );
      captured.push({ method: request.method, path: request.path, batches, status: response.status, body });
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  }
  return captured;
}
