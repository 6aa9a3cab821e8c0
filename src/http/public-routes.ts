// Probes for the platform, the published spec and its docs: outside /api/v1, no token needed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import { ping, type Database } from '../data/database.js';
import { databaseProblem } from '../data/errors.js';
import { AppError, serviceUnavailable } from '../errors.js';
import { BoundedCache } from '../lib/bounded-cache.js';
import { databaseHealth } from './database-health.js';
import { localizedDocs, withInlineLogo, type ServerObject } from './docs-page.js';
import { sendProblem } from './problem.js';
import { docsPath, specPath, type OpenApiDocument } from '../spec.js';

const docsContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');

export interface Readiness {
  draining: boolean;
  /** Set while start-up waits (for the database, for migrations): /readyz names it in its 503. */
  waitingFor?: string;
}

export interface PublicRoutesOptions {
  db: Database;
  readiness: Readiness;
  spec: OpenApiDocument;
  /** How long one readiness ping may take. */
  readinessTimeoutMs: number;
  /** How old a readiness result may be before the next probe measures again. */
  readinessMaxAgeMs: number;
  /** The built docs page; tests point it elsewhere. */
  docsFile?: string;
  /** A monotonic clock in milliseconds, for the readiness result's age; tests drive it. */
  now?: () => number;
}

/** A static answer kept in memory, with a strong validator so that a browser revalidates for free. */
interface StaticFile {
  body: Buffer;
  etag: string;
}

const staticFile = (body: Buffer | string): StaticFile => {
  const bytes = Buffer.from(body);
  return { body: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
};

// Docs and the spec change with each deploy, never within one: caches may keep them a few
// minutes and then revalidate (a 304 from memory).
const sendStatic = (res: Response, type: string, file: StaticFile) => {
  res.type(type).set({ 'Cache-Control': 'public, max-age=300', ETag: file.etag }).send(file.body);
};

export function publicRoutes(options: PublicRoutesOptions): Router {
  const { db, readiness, spec, readinessTimeoutMs, readinessMaxAgeMs, now } = options;
  const docsFile = options.docsFile ?? fileURLToPath(docsPath);
  const router = Router();
  const specYaml = staticFile(readFileSync(specPath));
  const specJson = staticFile(JSON.stringify(spec));
  // Read at the first request, not at start-up; a page that is not built yet is looked for again.
  let docsHtml: string | undefined;
  // One page per origin that asked (a handful: production, a local run); bounded all the same.
  const docsPages = new BoundedCache<string, StaticFile>(16);
  const servers = (spec as { servers?: ServerObject[] }).servers ?? [];

  router.get('/', (_req, res) => {
    res.json({ docs: '/docs', openapi: '/openapi.json', api: '/api/v1' });
  });
  // Browsers ask for it on every docs visit: an empty answer keeps their console clean.
  router.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').status(204).end();
  });
  router.get('/openapi.yaml', (_req, res) => {
    sendStatic(res, 'application/yaml', specYaml);
  });
  router.get('/openapi.json', (_req, res) => {
    sendStatic(res, 'application/json', specJson);
  });
  router.get('/docs', async (req, res) => {
    // The page carries everything it needs; the browser may load nothing from elsewhere.
    res.setHeader('Content-Security-Policy', docsContentSecurityPolicy);
    try {
      docsHtml ??= withInlineLogo(await readFile(docsFile, 'utf8'));
    } catch {
      sendProblem(
        req,
        res,
        new AppError(404, 'not_found', 'Not found', 'The API docs are not built; run `npm run docs`.'),
      );
      return;
    }
    res.setHeader('Vary', 'Host');
    const origin = `${req.protocol}://${req.get('host') ?? ''}`;
    const html = docsHtml;
    sendStatic(
      res,
      'text/html',
      docsPages.getOrCreate(origin, () => staticFile(localizedDocs(html, servers, origin))),
    );
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // The ping is bounded: a probe that hangs with a stalled database tells the platform nothing.
  const health = databaseHealth(() => ping(db, readinessTimeoutMs), readinessMaxAgeMs, now);
  router.get('/readyz', async (req, res) => {
    if (readiness.draining) {
      sendProblem(req, res, serviceUnavailable(undefined, 'The service is shutting down.'));
      return;
    }
    if (readiness.waitingFor) {
      sendProblem(req, res, serviceUnavailable(undefined, `The service is starting: ${readiness.waitingFor}.`));
      return;
    }
    const { error, measured } = await health();
    if (error === undefined) {
      res.json({ status: 'ready' });
      return;
    }
    if (measured) req.log.warn({ err: error }, 'database ping failed');
    sendProblem(req, res, databaseProblem(error) ?? serviceUnavailable(error));
  });
  return router;
}
