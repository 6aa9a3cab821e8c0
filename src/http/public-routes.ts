// Probes for the platform, the published spec and its docs: outside /api/v1, no token needed.
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { ping, type Database } from '../data/database.js';
import { databaseProblem } from '../data/errors.js';
import { AppError, serviceUnavailable } from '../errors.js';
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

export function publicRoutes(
  db: Database,
  readiness: Readiness,
  spec: OpenApiDocument,
  readinessTimeoutMs = 1000,
  /** The built docs page; tests point it elsewhere. */
  docsFile = fileURLToPath(docsPath),
): Router {
  const router = Router();
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').sendFile(fileURLToPath(specPath));
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.get('/docs', (req, res) => {
    // The page carries everything it needs; the browser may load nothing from elsewhere.
    res.setHeader('Content-Security-Policy', docsContentSecurityPolicy);
    res.sendFile(docsFile, (error) => {
      if (error && !res.headersSent)
        sendProblem(
          req,
          res,
          new AppError(404, 'not_found', 'Not found', 'The API docs are not built; run `npm run docs`.'),
        );
    });
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (readiness.draining) {
      sendProblem(req, res, serviceUnavailable(undefined, 'The service is shutting down.'));
      return;
    }
    if (readiness.waitingFor) {
      sendProblem(req, res, serviceUnavailable(undefined, `The service is starting: ${readiness.waitingFor}.`));
      return;
    }
    try {
      // Bounded: a probe that hangs with a stalled database tells the platform nothing.
      await ping(db, readinessTimeoutMs);
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'database ping failed');
      sendProblem(req, res, databaseProblem(error) ?? serviceUnavailable(error));
    }
  });
  return router;
}
