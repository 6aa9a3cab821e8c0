// Rate limits per caller (src/http/rate-limit-policy.ts) with express-rate-limit: the IETF
// `RateLimit` / `RateLimit-Policy` headers (draft 8, one list item per policy), and 429
// problem+json with Retry-After. Counters live in process memory, or in Redis when the app is
// given a client, so that every process behind a load balancer draws on one budget.
//
// Redis trouble never fails a request: the store reports its first failure as one warning,
// the request goes through unlimited (passOnStoreError), and limits apply again as soon as
// Redis answers (the store reloads its scripts, which a restarted Redis has forgotten).
import type { RequestHandler } from 'express';
import {
  ipKeyGenerator,
  rateLimit,
  type AugmentedRequest,
  type IncrementResponse,
  type Options,
  type Store,
} from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import {
  rateLimitKey,
  rateLimitPolicy,
  retryAfterSeconds,
  type RateLimits,
  type RateLimitScope,
} from './rate-limit-policy.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface RateLimitOptions {
  limits: RateLimits;
  /** Shared counters; absent: in process memory. */
  redis?: Redis;
  /** Prefix of the Redis keys (RATE_LIMIT_REDIS_PREFIX; a test run uses its own). */
  redisPrefix: string;
  logger: Logger;
  /** Told of every refusal (the metrics count them). */
  onRefused?: (scope: RateLimitScope) => void;
}

/** Fails open with one warning while Redis is unreachable; reinitialises once it answers. */
export class FailOpenRedisStore implements Store {
  private options: Options | undefined;
  private needsInit = true;
  private failing = false;

  constructor(
    private readonly inner: RedisStore,
    private readonly logger: Logger,
  ) {}

  init(options: Options): void {
    // Loading the scripts waits for the first request: at start-up the client may not be connected yet.
    this.options = options;
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      if (this.needsInit) {
        await this.inner.init(this.options!);
        // Stryker disable next-line BooleanLiteral: initialising on every request costs two SCRIPT LOADs and changes no answer
        this.needsInit = false;
      }
      const result = await this.inner.increment(key);
      if (this.failing) {
        this.failing = false;
        this.logger.info({ prefix: this.inner.prefix }, 'rate-limit store answers again; limits apply');
      }
      return result;
    } catch (error) {
      this.needsInit = true;
      if (!this.failing) {
        this.failing = true;
        this.logger.warn(
          { err: error, prefix: this.inner.prefix },
          'rate-limit store unreachable; requests pass unlimited',
        );
      }
      throw error;
    }
  }

  async decrement(key: string): Promise<void> {
    await this.inner.decrement(key).catch(() => undefined);
  }

  async resetKey(key: string): Promise<void> {
    await this.inner.resetKey(key);
  }
}

/** The 429 problem; its Retry-After replaces express-rate-limit's, so that it is the value the detail quotes. */
export function tooManyRequests(scope: RateLimitScope, seconds: number): AppError {
  const who = scope === 'user' ? 'by your account' : 'from your address';
  return new AppError(
    429,
    'too_many_requests',
    'Too many requests',
    `Too many requests ${who}. Retry after ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
    undefined,
    { headers: { 'Retry-After': String(seconds) } },
  );
}

function limiter(scope: RateLimitScope, options: RateLimitOptions): RequestHandler {
  const policy = rateLimitPolicy(scope, options.limits);
  const { logger, redis } = options;
  const store = redis
    ? new FailOpenRedisStore(
        new RedisStore({
          prefix: `${options.redisPrefix}${scope}:`,
          sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
        }),
        logger,
      )
    : undefined;
  return rateLimit({
    windowMs: policy.windowMs,
    limit: policy.limit,
    skip: () => policy.limit === 0,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: policy.name,
    // Stryker disable next-line StringLiteral: req.ip is absent only once the socket closed; any constant puts such requests in one bucket alike
    keyGenerator: (req) => rateLimitKey(scope, scope === 'user' ? req.caller!.userId : ipKeyGenerator(req.ip ?? '')),
    ...(store ? { store } : {}),
    passOnStoreError: true,
    logger: {
      // Store failures are reported once by FailOpenRedisStore, not on every request.
      error: (error, message) => logger.debug({ err: error }, message ?? 'rate limiter error'),
      warn: (error, message) => logger.warn({ err: error }, message ?? 'rate limiter warning'),
    },
    handler: (req, _res, next) => {
      options.onRefused?.(scope);
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime;
      next(tooManyRequests(scope, retryAfterSeconds(resetTime, new Date(), policy.windowMs)));
    },
  });
}

/**
 * `byIp` before authentication and `byUser` after it, for the API; `publicByIp` for what needs
 * no token (probes, docs, the spec, CORS preflights of any path).
 */
export function rateLimiting(options: RateLimitOptions): {
  byIp: RequestHandler;
  byUser: RequestHandler;
  publicByIp: RequestHandler;
} {
  const publicLimiter = limiter('public', options);
  const isApiCall = (req: { method: string; path: string }) => req.method !== 'OPTIONS' && req.path.startsWith('/api/');
  return {
    byIp: limiter('ip', options),
    byUser: limiter('user', options),
    publicByIp: (req, res, next) => (isApiCall(req) ? next() : publicLimiter(req, res, next)),
  };
}

/** Longest one counter command may take before the request goes on unlimited. */
export const RATE_LIMIT_REDIS_COMMAND_TIMEOUT_MS = 300;

/**
 * A Redis client for the counters that never makes a request wait long: no queue while
 * disconnected (a command fails at once), a short command timeout for a Redis that stalls,
 * and reconnection with backoff for as long as the process runs.
 */
export function connectRateLimitRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: RATE_LIMIT_REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Connection errors repeat on every reconnection attempt; the store logs the outage once.
  redis.on('error', (error: Error) => logger.debug({ err: error }, 'rate-limit redis connection error'));
  return redis;
}
