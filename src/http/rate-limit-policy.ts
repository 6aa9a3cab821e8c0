// How many requests a caller may send: the whole table in one pure module. A request is
// counted once before authentication, by the address it comes from (so that a flood of bad
// tokens costs the sender, not the database), and once more after it, by the user (so that
// callers behind one address, an office or a partner's server, do not share one budget).
// Probes, docs, the spec and CORS preflights need no token and touch no data: they are
// counted apart, by address, against a generous limit of their own.
//
// | counted by | key            | limit per window    |
// |------------|----------------|---------------------|
// | ip         | client address | RATE_LIMIT_PER_IP   |
// | user       | user id        | RATE_LIMIT_PER_USER |
// | public     | client address | RATE_LIMIT_PUBLIC_PER_IP |
//
// A limit of 0 means no limit for that row.

export type RateLimitScope = 'ip' | 'user' | 'public';

export interface RateLimits {
  windowMs: number;
  perIp: number;
  perUser: number;
  /** Probes, docs, the spec and preflights, per address. */
  publicPerIp: number;
}

export interface RateLimitPolicy {
  /** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
  name: RateLimitScope;
  /** Requests allowed per window; 0: unlimited. */
  limit: number;
  windowMs: number;
}

export function rateLimitPolicy(scope: RateLimitScope, limits: RateLimits): RateLimitPolicy {
  switch (scope) {
    case 'ip':
      return { name: 'ip', limit: limits.perIp, windowMs: limits.windowMs };
    case 'user':
      return { name: 'user', limit: limits.perUser, windowMs: limits.windowMs };
    case 'public':
      return { name: 'public', limit: limits.publicPerIp, windowMs: limits.windowMs };
  }
}

/** The counter a request is charged to; user ids are unique across organizations. */
export function rateLimitKey(scope: RateLimitScope, subject: string): string {
  return `${scope}:${subject}`;
}

/** Whole seconds until a window that ends at `resetTime` reopens; at least 1. */
export function retryAfterSeconds(resetTime: Date | undefined, now: Date, windowMs: number): number {
  const millis = resetTime ? resetTime.getTime() - now.getTime() : windowMs;
  return Math.max(1, Math.ceil(millis / 1000));
}
