// A fetch that retries idempotent requests (GET, PUT, DELETE, and a POST that carries an
// Idempotency-Key) on 429, 502, 503, 504 and network failures, with exponential backoff and full
// jitter, honouring Retry-After. A failure that a browser's CORS check may have caused is not
// retried (src/browser.ts). A keyed POST is also retried on a 409 with Retry-After: the
// first attempt with its key is still being processed, and the retry gets its answer. Each
// attempt is prepared afresh (a new token from `getToken`, say), and an aborted signal ends the
// waiting as well as the attempt. `attemptsMade` tells how many attempts an answer took.

import type { Middleware } from 'openapi-fetch';
import { mayBeCorsBlock } from './browser.js';

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  maxRetries?: number;
  /** First backoff in milliseconds, doubled on each retry. Default 200. */
  baseDelayMs?: number;
  /** Longest wait, also for Retry-After. Default 10 000. */
  maxDelayMs?: number;
}

/** Answers a retry may turn into a success: rate limited, or a gateway or the service briefly down. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** GET, PUT and DELETE are idempotent by HTTP; a POST is when it carries an Idempotency-Key. */
function isIdempotent(request: Request): boolean {
  return idempotent.has(request.method) || (request.method === 'POST' && request.headers.has('Idempotency-Key'));
}

/** A keyed POST answered 409 with Retry-After: its key's first attempt is still in flight. */
function isKeyInUse(request: Request, response: Response): boolean {
  return (
    request.method === 'POST' &&
    request.headers.has('Idempotency-Key') &&
    response.status === 409 &&
    response.headers.has('Retry-After')
  );
}

// Kept for the answer and for the request it answered: a middleware may hand the SDK another
// Response than the one the last attempt got (see keepAttemptCount).
const attempts = new WeakMap<Request | Response, number>();

/** How many attempts the answer took (1: no retry). */
export function attemptsMade(response: Response): number {
  return attempts.get(response) ?? 1;
}

/**
 * The first middleware of a client, so that its onResponse runs last: when a partner's
 * middleware replaced the answer, the replacement still tells how many attempts the call took
 * (a retried delete that finds the resource gone is a success only after a lost answer).
 */
export const keepAttemptCount: Middleware = {
  onResponse({ request, response }) {
    const made = attempts.get(request);
    if (made !== undefined) attempts.set(response, made);
  },
};

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an abort rejects with the signal's own reason, as fetch does
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Called before every attempt with a fresh copy of the request; may set headers on it. */
export type PrepareAttempt = (request: Request) => void | Promise<void>;

/** How the waits between attempts pass and are jittered: real time and Math.random, or a test's stand-ins. */
export interface RetryTiming {
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in [0, 1), the share of the backoff to wait. */
  random: () => number;
}

const realTiming: RetryTiming = { sleep, random: Math.random };

export function retryingFetch(
  fetchImpl: typeof fetch,
  options: RetryOptions = {},
  prepareAttempt?: PrepareAttempt,
  timing: RetryTiming = realTiming,
): typeof fetch {
  const maxRetries = options.maxRetries ?? 2;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 10_000;

  return async (input, init) => {
    const request = new Request(input, init);
    const retries = isIdempotent(request) ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      const backoff = Math.min(maxDelayMs, timing.random() * baseDelayMs * 2 ** attempt);
      const attemptRequest = request.clone();
      let response: Response;
      try {
        await prepareAttempt?.(attemptRequest);
        response = await fetchImpl(attemptRequest);
      } catch (error) {
        if (attempt >= retries || request.signal.aborted || mayBeCorsBlock(request.url, error)) throw error;
        await timing.sleep(backoff, request.signal);
        continue;
      }
      if (attempt >= retries || !(retryableStatuses.has(response.status) || isKeyInUse(request, response))) {
        attempts.set(response, attempt + 1);
        if (input instanceof Request) attempts.set(input, attempt + 1);
        return response;
      }
      const wait = retryAfterMs(response.headers.get('retry-after'));
      await response.body?.cancel();
      await timing.sleep(Math.min(maxDelayMs, wait ?? backoff), request.signal);
    }
  };
}
