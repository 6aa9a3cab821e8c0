// Every HTTP attempt the load's clients made, retries included, as they saw it.

export interface Attempt {
  method: string;
  startedAt: number;
  endedAt: number;
  /** 0: no answer (connection refused or cut). */
  status: number;
  retryAfter: boolean;
  /** Why there was no answer. */
  error?: string;
}

/** A fetch below the SDK's retrying fetch, so that it sees every attempt; each goes into `attempts`. */
export function recordingFetch(attempts: Attempt[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const startedAt = Date.now();
    try {
      const response = await fetch(request);
      attempts.push({
        method: request.method,
        startedAt,
        endedAt: Date.now(),
        status: response.status,
        retryAfter: response.headers.has('retry-after'),
      });
      return response;
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      attempts.push({
        method: request.method,
        startedAt,
        endedAt: Date.now(),
        status: 0,
        retryAfter: false,
        error: `${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`,
      });
      throw error;
    }
  };
}
