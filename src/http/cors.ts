// CORS for browser apps on the origins an operator allows (CORS_ORIGINS); off when none are
// configured. Mounted before authentication: a preflight carries no token and must be answered
// 204 with the allowed methods and headers, never 401.
import cors from 'cors';
import type { RequestHandler } from 'express';

export function corsPolicy(origins: string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    // traceparent and tracestate: a browser app's trace continues into the API's spans (W3C Trace Context).
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'X-Request-Id',
      'If-Match',
      'Idempotency-Key',
      'traceparent',
      'tracestate',
    ],
    // Headers a browser app may read from an answer (the simple ones it always may).
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'ETag', 'Idempotent-Replayed'],
    maxAge: 600,
  });
}
