// Builds the Express app from its dependencies; listens nowhere (see server.ts).
// Order: request context → security headers → CORS → health probes → (for /api) no-store,
// request deadline, rate limit by IP → authentication → rate limit by user → strict JSON body
// parser → request and response validation against openapi.yaml → operation handlers → one
// error renderer.
// Authentication runs before validation so that a caller without a valid token learns
// nothing about the API beyond 401; every operation requires a token (checked at start-up).
import type { Tracer } from '@opentelemetry/api';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import * as OpenApiValidator from 'express-openapi-validator';
import { serviceTokenVerifier } from './auth/service-token-verifier.js';
import type { Config } from './config.js';
import type { Database } from './data/database.js';
import { createPageTokens } from './domain/page-token.js';
import { createSecretBox } from './lib/secret-box.js';
import type { ResolveHost } from './domain/webhook-targets.js';
import { routeNotFound } from './errors.js';
import { authenticate } from './http/authenticate.js';
import { refuseNonFiniteNumbers } from './http/finite-numbers.js';
import { headAsGet } from './http/head-as-get.js';
import { noConditionalGet, noStore, securityHeaders } from './http/security-headers.js';
import { strictJson } from './http/strict-json.js';
import { corsPolicy } from './http/cors.js';
import { dropLateErrors, requestDeadline, stopWhenAnswered } from './http/deadline.js';
import './http/express-augmentation.js';
import { createHandlers } from './http/handlers/index.js';
import { publicRoutes, type Readiness } from './http/public-routes.js';
import { registerOperations, type OperationHandlers } from './http/operations.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { fieldPointers } from './http/field-pointers.js';
import { lastResort, renderErrors, sendProblem } from './http/problem.js';
import { rateLimiting } from './http/rate-limit.js';
import { requestContext, type CompletedRequest } from './http/request-context.js';
import type { Logger } from './logger.js';
import { httpMethods, loadSpec, operationMatcher } from './spec.js';
import { createHostResolver, resolveHostWith } from './webhooks/host-resolver.js';

export type AppConfig = Pick<
  Config,
  | 'bodyLimitBytes'
  | 'validateResponses'
  | 'jwtSecret'
  | 'jwksUrl'
  | 'jwtIssuer'
  | 'jwtAudience'
  | 'pageTokenSecret'
  | 'webhookSecretsKeys'
  | 'requestDeadlineMs'
  | 'readinessTimeoutMs'
  | 'readinessMaxAgeMs'
  | 'rateLimitWindowMs'
  | 'rateLimitPerIp'
  | 'rateLimitPerUser'
  | 'rateLimitPublicPerIp'
  | 'rateLimitRedisPrefix'
  | 'corsOrigins'
  | 'trustProxyHops'
> &
  Partial<
    Pick<
      Config,
      | 'tokenMaxLifetimeSeconds'
      | 'tokenClockToleranceSeconds'
      | 'webhookAllowLoopback'
      | 'webhookDnsServers'
      | 'webhookDnsTimeoutMs'
    >
  >;

export interface AppDependencies {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** The domain's "now" (stats' today, presets); tests pin it. Tokens always meet the wall clock. */
  clock?: () => Date;
  /** Set `draining` to make /readyz answer 503 while the server shuts down. */
  readiness?: Readiness;
  /** Replaces the operation handlers; for tests of the wiring itself. */
  handlers?: Partial<OperationHandlers>;
  /** Redis for rate-limit counters shared by every process; absent: process memory. */
  redis?: Redis;
  /** Called once per finished request (the test suite's spec coverage). */
  onRequestCompleted?: (request: CompletedRequest) => void;
  /** Where requests are counted; a fresh registry when absent (server.ts passes the one it serves). */
  metrics?: Metrics;
  /** The docs page /docs serves; the built dist/docs/index.html when absent. */
  docsFile?: string;
  /** Makes each request's span (tracing on: src/observability/tracing.ts); absent, requests are not traced. */
  tracer?: Tracer;
  /** A monotonic millisecond clock for the age of /readyz's database health; tests drive it. */
  monotonicNow?: () => number;
  /** Resolves endpoint host names when they are registered; absent, WEBHOOK_DNS_SERVERS's resolver. */
  resolveHost?: ResolveHost;
}

export function createApp(deps: AppDependencies): Express {
  const { config, db } = deps;
  const clock = deps.clock ?? (() => new Date());
  if (!config.pageTokenSecret) throw new Error('createApp needs config.pageTokenSecret.');
  if (!config.webhookSecretsKeys) throw new Error('createApp needs config.webhookSecretsKeys (WEBHOOK_SECRETS_KEY).');
  const spec = loadSpec();
  const verifyToken = serviceTokenVerifier(config, spec);
  const handlers =
    deps.handlers ??
    createHandlers({
      db,
      clock,
      pageTokens: createPageTokens(config.pageTokenSecret),
      secrets: createSecretBox(config.webhookSecretsKeys),
      webhookTargets: { allowLoopback: config.webhookAllowLoopback ?? false },
      resolveHost:
        deps.resolveHost ??
        resolveHostWith(
          createHostResolver({
            servers: config.webhookDnsServers ?? [],
            timeoutMs: config.webhookDnsTimeoutMs ?? 2000,
            // Registering answers a person: one try, and a name still unresolved is let through.
            tries: 1,
          }),
        ),
    });

  const metrics = deps.metrics ?? createMetrics(db);
  const limits = rateLimiting({
    limits: {
      windowMs: config.rateLimitWindowMs,
      perIp: config.rateLimitPerIp,
      perUser: config.rateLimitPerUser,
      publicPerIp: config.rateLimitPublicPerIp,
    },
    redis: deps.redis,
    redisPrefix: config.rateLimitRedisPrefix,
    logger: deps.logger,
    onRefused: (policy) => metrics.rateLimited.inc({ policy }),
  });
  const cors = corsPolicy(config.corsOrigins);

  const matchOperation = operationMatcher(spec);
  const app = express();
  app.disable('x-powered-by');
  // No automatic ETags: openapi.yaml declares the group's own (src/http/etag.ts) and nothing else.
  app.set('etag', false);
  // Paths are exactly the spec's: `/api/v1/GROUPS` and `/api/v1/groups/` are 404.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(
    requestContext(
      deps.logger,
      matchOperation,
      (completed) => {
        metrics.observeRequest(completed);
        deps.onRequestCompleted?.(completed);
      },
      deps.tracer,
    ),
  );
  app.use(securityHeaders);
  app.use(limits.publicByIp);
  if (cors) app.use(cors);
  app.use(
    publicRoutes({
      db,
      readiness: deps.readiness ?? { draining: false },
      spec,
      readinessTimeoutMs: config.readinessTimeoutMs,
      readinessMaxAgeMs: config.readinessMaxAgeMs,
      docsFile: deps.docsFile,
      now: deps.monotonicNow,
    }),
  );

  app.use('/api', noStore, noConditionalGet, requestDeadline(config.requestDeadlineMs), limits.byIp);
  app.use('/api', headAsGet, authenticate(verifyToken, db), limits.byUser, (req, res, next) => {
    // The validator would match `/api/v1/groups/` as `/api/v1/groups`; the router does not.
    const path = req.originalUrl.split('?')[0]!;
    if (httpMethods.some((method) => matchOperation(method.toUpperCase(), path))) next();
    else sendProblem(req, res, routeNotFound());
  });
  app.use(strictJson(config.bodyLimitBytes));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(spec) as never,
      // `npm run lint:spec` validates the document (Redocly) before it ships.
      validateApiSpec: false,
      validateRequests: {
        allowUnknownQueryParameters: false,
        coerceTypes: false,
        removeAdditional: false,
        // Stop at the first error: with allErrors, a list far over maxItems still runs the
        // quadratic uniqueItems check (25,000 ids blocked the event loop for ~2 s).
        allErrors: false,
      },
      validateResponses: config.validateResponses ? { removeAdditional: false } : false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
      ignoreUndocumented: false,
    }),
  );
  app.use(refuseNonFiniteNumbers);
  app.use(stopWhenAnswered);
  registerOperations(app, spec, handlers, { validatesResponses: config.validateResponses });
  app.use((req, res) => {
    sendProblem(req, res, routeNotFound());
  });
  app.use(dropLateErrors);
  app.use(renderErrors(fieldPointers(spec, matchOperation)));
  app.use(lastResort);
  return app;
}
