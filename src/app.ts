// Builds the Express app from its dependencies; listens nowhere (see server.ts).
// Order: request context → health probes → authentication → body parser → request and
// response validation against openapi.yaml → operation handlers → one error renderer.
// Authentication runs before validation so that a caller without a valid token learns
// nothing about the API beyond 401; every operation requires a token (checked at start-up).
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { createTokenVerifier } from './auth/token-verifier.js';
import { cacheVerifiedTokens } from './auth/verified-token-cache.js';
import type { Config } from './config.js';
import type { Database } from './data/database.js';
import { createPageTokens } from './domain/page-token.js';
import { routeNotFound } from './errors.js';
import { authenticate } from './http/authenticate.js';
import './http/express-augmentation.js';
import { createHandlers } from './http/handlers/index.js';
import { publicRoutes, type Readiness } from './http/public-routes.js';
import { registerOperations, type OperationHandlers } from './http/operations.js';
import { lastResort, renderErrors, sendProblem } from './http/problem.js';
import { requestContext, type CompletedRequest } from './http/request-context.js';
import type { Logger } from './logger.js';
import { loadSpec, operationMatcher } from './spec.js';

export type AppConfig = Pick<
  Config,
  'bodyLimitBytes' | 'validateResponses' | 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience' | 'pageTokenSecret'
>;

export interface AppDependencies {
  config: AppConfig;
  db: Database;
  logger: Logger;
  clock?: () => Date;
  /** Set `draining` to make /readyz answer 503 while the server shuts down. */
  readiness?: Readiness;
  /** Replaces the operation handlers; for tests of the wiring itself. */
  handlers?: Partial<OperationHandlers>;
  /** Called once per finished request (metrics; the test suite's spec coverage). */
  onRequestCompleted?: (request: CompletedRequest) => void;
}

export function createApp(deps: AppDependencies): Express {
  const { config, db } = deps;
  const clock = deps.clock ?? (() => new Date());
  if (!config.pageTokenSecret) throw new Error('createApp needs config.pageTokenSecret.');
  const spec = loadSpec();
  const verifyToken = createTokenVerifier({
    jwtSecret: config.jwtSecret,
    jwksUrl: config.jwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    clock,
  });
  const handlers = deps.handlers ?? createHandlers({ db, clock, pageTokens: createPageTokens(config.pageTokenSecret) });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(deps.logger, operationMatcher(spec), deps.onRequestCompleted));
  app.use(publicRoutes(db, deps.readiness ?? { draining: false }, spec));

  app.use('/api', authenticate(cacheVerifiedTokens(verifyToken, { maxEntries: 10_000 }), db));
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(spec) as never,
      validateRequests: {
        allowUnknownQueryParameters: false,
        coerceTypes: false,
        removeAdditional: false,
        allErrors: true,
      },
      validateResponses: config.validateResponses ? { removeAdditional: false } : false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
      ignoreUndocumented: false,
    }),
  );
  registerOperations(app, spec, handlers);
  app.use((req, res) => {
    sendProblem(req, res, routeNotFound());
  });
  app.use(renderErrors);
  app.use(lastResort);
  return app;
}
