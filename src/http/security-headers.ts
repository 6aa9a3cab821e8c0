// Response headers for a JSON API (helmet): no MIME sniffing, no framing, no referrer, and a
// content security policy that lets an API answer load nothing. /docs sets its own policy.
// API answers carry athletes' data: `Cache-Control: no-store` keeps them out of shared and
// browser caches.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
});

export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * openapi.yaml declares no 304 for any operation: a GET answers 200 with its body whatever
 * If-None-Match or If-Modified-Since say (Express would answer 304 when a group's ETag matches).
 */
export const noConditionalGet: RequestHandler = (req, _res, next) => {
  Object.defineProperty(req, 'fresh', { value: false });
  next();
};
