// The token check the service runs on every API request, as one function so that the
// benchmark's floor verifies tokens exactly the same way: the claims rules of token-verifier.ts
// and the cache of verified tokens in front of them.
import type { Config } from '../config.js';
import { settings } from '../config.js';
import { userIdPattern, type OpenApiDocument } from '../spec.js';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';
import { cacheVerifiedTokens } from './verified-token-cache.js';

export type TokenConfig = Pick<Config, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'> &
  Partial<Pick<Config, 'tokenMaxLifetimeSeconds' | 'tokenClockToleranceSeconds'>>;

export function serviceTokenVerifier(config: TokenConfig, spec: OpenApiDocument): TokenVerifier {
  const verify = createTokenVerifier({
    jwtSecret: config.jwtSecret,
    jwksUrl: config.jwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    // A token's iat/exp are wall-clock facts; a pinned domain clock must not make a fresh
    // token look issued in the future or an old one look unexpired.
    clock: () => new Date(),
    subjectPattern: userIdPattern(spec),
    maxLifetimeSeconds: config.tokenMaxLifetimeSeconds ?? settings.tokenMaxLifetimeSeconds.default('production'),
    clockToleranceSeconds:
      config.tokenClockToleranceSeconds ?? settings.tokenClockToleranceSeconds.default('production'),
  });
  return cacheVerifiedTokens(verify, { maxEntries: 10_000 });
}
