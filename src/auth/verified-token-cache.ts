// Remembers tokens that verified, until their expiry: partners and dashboards send the same
// bearer token on request after request, and verifying an HS256 signature through jose's
// WebCrypto path costs about as much CPU as a small request's whole database work. Keyed by
// the whole token string, signature included, so only a byte-identical token that already
// passed every check skips them again. Failures are not remembered. Bounded: at the limit
// the least recently used entry goes.
import { BoundedCache } from '../lib/bounded-cache.js';
import type { TokenVerifier } from './token-verifier.js';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered. */
  maxEntries: number;
  /** Expiry is judged by the wall clock, as the verifier judges it; replaceable for tests. */
  now?: () => number;
}

interface Entry {
  subject: string;
  expiresAtMs: number;
}

/** The `exp` claim of a token whose signature was already verified, in milliseconds. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function cacheVerifiedTokens(verify: TokenVerifier, options: VerifiedTokenCacheOptions): TokenVerifier {
  const entries = new BoundedCache<string, Entry>(options.maxEntries);
  const clock = options.now ?? Date.now;
  return async (token) => {
    const now = clock();
    const cached = entries.get(token);
    // The verifier refuses a token once now >= exp; so does the cache.
    if (cached && now < cached.expiresAtMs) return cached.subject;
    const subject = await verify(token);
    const expiresAtMs = expiryOf(token);
    if (expiresAtMs !== undefined && now < expiresAtMs) entries.set(token, { subject, expiresAtMs });
    return subject;
  };
}
