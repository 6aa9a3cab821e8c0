// A webhook endpoint's health after each attempt: the circuit breaker that pauses an endpoint
// whose receiver is unwell, so that it holds no dispatcher's time, and the rules that tell the
// organization about it (openapi.yaml: Webhook delivery, Pacing and pausing). Pure: the
// dispatcher reads the endpoint's row in the attempt's transaction, asks here, and writes
// what this answers.
import { RETRY_DELAYS_SECONDS } from './webhook-schedule.js';

/** Failures in a row that pause an endpoint. */
export const FAILURES_TO_PAUSE = 5;
export const FIRST_PAUSE_MS = 30_000;
export const LONGEST_PAUSE_MS = 3600_000;
/** A pause this long is news for the organization (`webhook_endpoint.paused`). */
export const PAUSE_NOTICE_AFTER_MS = 15 * 60_000;
/**
 * An endpoint that failed this long without a success is disabled: as long as a delivery's
 * whole retry schedule, which a paused endpoint's deliveries may never get to run through.
 */
export const DISABLE_AFTER_FAILING_MS = RETRY_DELAYS_SECONDS.reduce((sum, seconds) => sum + seconds, 0) * 1000;
/** A success within this of the last recorded one is not written again: busy endpoints' rows stay cool. */
export const SUCCESS_RECORD_INTERVAL_MS = 1000;

export interface EndpointHealth {
  status: 'enabled' | 'disabled';
  consecutiveFailures: number;
  pausedUntil: Date | null;
  pausedSince: Date | null;
  pauseNotified: boolean;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
}

/**
 * What an attempt says of its endpoint: it answered 2xx (`succeeded`), it answered something
 * else quickly (`refused`: up, but not taking this delivery), or it is unwell (`unwell`: a
 * timeout, no connection, no name, a blocked address, `429` or `5xx`).
 */
export type AttemptVerdict = 'succeeded' | 'refused' | 'unwell';

export function verdictOf(attempt: { error: string | null; statusCode: number | null }): AttemptVerdict {
  if (attempt.error === null) return 'succeeded';
  if (attempt.error !== 'http_status') return 'unwell';
  const status = attempt.statusCode ?? 0;
  return status === 429 || status >= 500 ? 'unwell' : 'refused';
}

export type HealthNotice =
  | { type: 'webhook_endpoint.paused'; pausedSince: Date; pausedUntil: Date; consecutiveFailures: number }
  | { type: 'webhook_endpoint.resumed'; pausedSince: Date }
  | { type: 'webhook_endpoint.disabled'; failingSince: Date };

export interface HealthChange {
  /** The fields to write; empty when nothing worth a write changed. */
  fields: Partial<EndpointHealth> & { lastFailureAt?: Date; disabledReason?: 'failing' };
  /** What the organization is told, in order. */
  notices: HealthNotice[];
  paused: boolean;
  resumed: boolean;
  disabled: boolean;
}

/**
 * When an attempt needs no more than its delivery's own record: a success at an endpoint that
 * was healthy when the attempt was claimed. Answers whether its last success is worth writing
 * (once a second); undefined when the endpoint's health must be read and written under its
 * lock. A failure recorded since the claim is cleared by the next success claimed after it.
 */
export function recordsOnlyTheDelivery(
  claimed: Pick<EndpointHealth, 'consecutiveFailures' | 'pausedSince' | 'failingSince' | 'lastSuccessAt'>,
  verdict: AttemptVerdict,
  at: Date,
): { lastSuccessAt: boolean } | undefined {
  const healthy = claimed.consecutiveFailures === 0 && claimed.pausedSince === null && claimed.failingSince === null;
  if (verdict !== 'succeeded' || !healthy) return undefined;
  const recent =
    claimed.lastSuccessAt !== null && at.getTime() - claimed.lastSuccessAt.getTime() < SUCCESS_RECORD_INTERVAL_MS;
  return { lastSuccessAt: !recent };
}

/** How long the pause after `failures` failures in a row lasts: doubling from 30 s, at most an hour. */
export function pauseFor(failures: number): number {
  const doublings = Math.max(0, failures - FAILURES_TO_PAUSE);
  return Math.min(FIRST_PAUSE_MS * 2 ** Math.min(doublings, 20), LONGEST_PAUSE_MS);
}

const healthy = {
  consecutiveFailures: 0,
  pausedUntil: null,
  pausedSince: null,
  pauseNotified: false,
} as const;

export function healthAfter(
  current: EndpointHealth,
  attempt: {
    verdict: AttemptVerdict;
    at: Date;
    /** The delivery used up its schedule with this attempt. */
    deliveryFailedForGood: boolean;
    /** The delivery's first attempt (this one's time when it is the first). */
    firstAttemptAt: Date;
    /** Claimed while the endpoint was paused, its pause over: the probe. */
    probe: boolean;
  },
): HealthChange {
  const { verdict, at } = attempt;
  const change: HealthChange = { fields: {}, notices: [], paused: false, resumed: false, disabled: false };
  const wasPaused = current.pausedSince !== null;
  // A success written since the failures began (by a success recorded without this row's
  // lock, src/webhooks/record-attempt.ts) broke their run: it starts again here.
  const streakBroken =
    current.failingSince !== null && current.lastSuccessAt !== null && current.lastSuccessAt > current.failingSince;
  const failingSinceBefore = streakBroken ? null : current.failingSince;
  const failuresBefore = streakBroken ? 0 : current.consecutiveFailures;
  if (verdict !== 'unwell') {
    // An answer, whatever it says, means the receiver is up: the breaker closes.
    if (wasPaused || current.consecutiveFailures > 0) Object.assign(change.fields, healthy);
    change.resumed = wasPaused;
    if (wasPaused && current.pauseNotified)
      change.notices.push({ type: 'webhook_endpoint.resumed', pausedSince: current.pausedSince! });
  }
  if (verdict === 'succeeded') {
    const recent =
      current.lastSuccessAt !== null && at.getTime() - current.lastSuccessAt.getTime() < SUCCESS_RECORD_INTERVAL_MS;
    if (current.failingSince !== null) change.fields.failingSince = null;
    if (!recent || Object.keys(change.fields).length > 0) change.fields.lastSuccessAt = at;
    return change;
  }
  change.fields.lastFailureAt = at;
  const failingSince = failingSinceBefore ?? at;
  if (failingSinceBefore === null) change.fields.failingSince = at;
  // Attempts under way when the pause began end as the pause's own failures: only a probe's
  // failure counts again and doubles the pause.
  if (verdict === 'unwell' && (!wasPaused || attempt.probe)) {
    const failures = failuresBefore + 1;
    change.fields.consecutiveFailures = failures;
    if (failures >= FAILURES_TO_PAUSE) {
      const pausedSince = current.pausedSince ?? at;
      const pausedUntil = new Date(at.getTime() + pauseFor(failures));
      Object.assign(change.fields, { pausedUntil, pausedSince });
      change.paused = !wasPaused;
      if (!current.pauseNotified && at.getTime() - pausedSince.getTime() >= PAUSE_NOTICE_AFTER_MS) {
        change.fields.pauseNotified = true;
        change.notices.push({
          type: 'webhook_endpoint.paused',
          pausedSince,
          pausedUntil,
          consecutiveFailures: failures,
        });
      }
    }
  }
  const failedThroughSchedule =
    attempt.deliveryFailedForGood && failingSince.getTime() <= attempt.firstAttemptAt.getTime();
  const failedTooLong = at.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
  if (current.status === 'enabled' && (failedThroughSchedule || failedTooLong)) {
    Object.assign(change.fields, { status: 'disabled', disabledReason: 'failing', ...healthy });
    change.disabled = true;
    change.notices.push({ type: 'webhook_endpoint.disabled', failingSince });
  }
  return change;
}
