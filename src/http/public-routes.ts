// Probes for the platform and the published spec, outside /api/v1 and without authentication.
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { ping, type Database } from '../data/database.js';
import { serviceUnavailable } from '../errors.js';
import { sendProblem } from './problem.js';
import { specPath, type OpenApiDocument } from '../spec.js';

export interface Readiness {
  draining: boolean;
}

export function publicRoutes(db: Database, readiness: Readiness, spec: OpenApiDocument): Router {
  const router = Router();
  router.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').sendFile(fileURLToPath(specPath));
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (readiness.draining) {
      sendProblem(req, res, serviceUnavailable());
      return;
    }
    try {
      await ping(db);
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'database ping failed');
      sendProblem(req, res, serviceUnavailable(error));
    }
  });
  return router;
}
