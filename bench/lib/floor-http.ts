// What both floors (bench/floor.ts, bench/plain-floor.ts) do around their statements, as bare
// node:http: the bearer token verified exactly as the service does (the same verifier and
// cache), JSON written with its length, /readyz as one `select 1`, and a clean stop on SIGTERM.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Pool } from 'mysql2/promise';
import { serviceTokenVerifier } from '../../src/auth/service-token-verifier.js';
import { loadSpec } from '../../src/spec.js';

const bearer = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/** The token's subject, or undefined when the request carries no valid token (AUTH_JWT_SECRET's). */
export function tokenSubjects(): (req: IncomingMessage) => Promise<string | undefined> {
  const verifyToken = serviceTokenVerifier(
    { jwtSecret: process.env.AUTH_JWT_SECRET, jwksUrl: undefined, jwtIssuer: undefined, jwtAudience: undefined },
    loadSpec(),
  );
  return async (req) => {
    const match = bearer.exec(req.headers.authorization ?? '');
    if (!match) return undefined;
    try {
      return await verifyToken(match[1]!);
    } catch {
      return undefined;
    }
  };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Serves `handle` on PORT (any free one without) at 127.0.0.1, answering /readyz itself; a failure is a 500. */
export function serveFloor(
  name: string,
  pool: Pool,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): void {
  const server = createServer((req, res) => {
    const answer =
      req.url === '/readyz' ? pool.query('select 1').then(() => send(res, 200, { status: 'ready' })) : handle(req, res);
    answer.catch((error: unknown) => {
      process.stderr.write(`${name}: ${req.method} ${req.url}: ${(error as Error).message}\n`);
      if (!res.headersSent) send(res, 500, { code: 'internal_error' });
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${name} listening on ${JSON.stringify(server.address())}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
