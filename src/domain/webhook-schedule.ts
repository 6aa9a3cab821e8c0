// When a failed webhook attempt is tried again (docs/webhooks.md; openapi.yaml
// Webhooks): ten attempts, the waits between them growing from 10 seconds to a day, each
// stretched or shrunk by up to 20% at random so that a receiver coming back from an outage is
// not hit by every retry at once. The nominal waits add up to 2 days 20 hours 36 minutes.

/** The nominal wait after attempt n fails (n from 1); attempt 10 is the last. */
export const RETRY_DELAYS_SECONDS = [10, 60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 24 * 3600];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const JITTER = 0.2;
/** A receiver's Retry-After is honoured up to this. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/**
 * When the attempt after failed attempt `attempt` (from 1) is due, or null when that was the
 * last. A `Retry-After` longer than the schedule's wait replaces it.
 */
export function nextAttemptAt(
  attempt: number,
  failedAt: Date,
  retryAfterSeconds: number | null,
  random: () => number = Math.random,
): Date | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const nominal = RETRY_DELAYS_SECONDS[attempt - 1]!;
  const scheduled = nominal * (1 - JITTER + 2 * JITTER * random());
  const wait = Math.max(scheduled, Math.min(retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS));
  return new Date(failedAt.getTime() + Math.round(wait * 1000));
}

/** Retry-After as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | undefined, now: Date): number | null {
  if (header === undefined) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
