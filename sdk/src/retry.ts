// A fetch that retries idempotent requests (GET, PUT, DELETE) on 429, 503 and network
// failures, with exponential backoff and full jitter, honouring Retry-After.

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  maxRetries?: number;
  /** First backoff in milliseconds, doubled on each retry. Default 200. */
  baseDelayMs?: number;
  /** Longest wait, also for Retry-After. Default 10 000. */
  maxDelayMs?: number;
}

const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const retryableStatus = new Set([429, 503]);

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function retryingFetch(fetchImpl: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const maxRetries = options.maxRetries ?? 2;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 10_000;

  return async (input, init) => {
    const request = new Request(input, init);
    const retries = idempotent.has(request.method) ? maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      const backoff = Math.min(maxDelayMs, Math.random() * baseDelayMs * 2 ** attempt);
      let response: Response;
      try {
        response = await fetchImpl(request.clone());
      } catch (error) {
        if (attempt >= retries) throw error;
        await sleep(backoff);
        continue;
      }
      if (attempt >= retries || !retryableStatus.has(response.status)) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'));
      await response.body?.cancel();
      await sleep(Math.min(maxDelayMs, wait ?? backoff));
    }
  };
}
