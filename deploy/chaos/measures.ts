// What the clients' attempts say about each fault: how long writes failed, how slow they got,
// and which answers should not have been given.
import type { Attempt } from './attempts.js';
import { isApiKill, isWriterKill, type FaultWindow } from './timeline.js';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

const isWrite = (attempt: Attempt) => attempt.method !== 'GET';
const isFailure = (attempt: Attempt) => attempt.status === 0 || attempt.status >= 500;

export function recovery(window: FaultWindow, attempts: readonly Attempt[]) {
  const inWindow = attempts.filter((attempt) => attempt.endedAt >= window.at && attempt.startedAt < window.until);
  const failures = inWindow.filter(isFailure);
  const lastFailure = Math.max(window.at, ...failures.map((attempt) => attempt.endedAt));
  const firstWrite = inWindow
    .filter((attempt) => isWrite(attempt) && attempt.status < 300 && attempt.startedAt >= window.at)
    .map((attempt) => attempt.endedAt)
    .sort((a, b) => a - b)[0];
  const slowest = Math.max(0, ...inWindow.map((attempt) => attempt.endedAt - attempt.startedAt));
  return {
    failures: failures.length,
    disruptionMs: lastFailure - window.at,
    firstWriteMs: firstWrite === undefined ? undefined : firstWrite - window.at,
    slowestMs: slowest,
  };
}

/** How long each of the writer's SIGKILLs disrupted writes. */
export const writerFailovers = (windows: readonly FaultWindow[], attempts: readonly Attempt[]) =>
  windows.filter(isWriterKill).map((window) => recovery(window, attempts).disruptionMs);

/** Latency of acknowledged write attempts started in [from, to). */
export function writeLatency(attempts: readonly Attempt[], from: number, to: number): string {
  const times = attempts
    .filter(
      (attempt) => isWrite(attempt) && attempt.status < 300 && attempt.startedAt >= from && attempt.startedAt < to,
    )
    .map((attempt) => attempt.endedAt - attempt.startedAt);
  return `p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, p99 ${percentile(times, 0.99)} ms (${times.length} writes)`;
}

/** What the clients' attempts show: statuses, 503s without Retry-After, answers never given. */
export function attemptSummary(attempts: readonly Attempt[], windows: readonly FaultWindow[]) {
  const statuses = new Map<number, number>();
  for (const attempt of attempts) statuses.set(attempt.status, (statuses.get(attempt.status) ?? 0) + 1);
  const unavailable = attempts.filter((attempt) => attempt.status === 503);
  const other5xx = attempts.filter((attempt) => attempt.status >= 500 && attempt.status !== 503).length;
  // HAProxy may close the client's connection without an answer when the process it reused a
  // connection to dies under a request (as the process itself would have done), and does not
  // resend a POST. That create was never answered, like a 503: it is looked up by name below.
  // Any other request without an answer is a failure.
  const apiKills = windows.filter(isApiKill);
  const cutCreate = (attempt: Attempt) =>
    attempt.method === 'POST' &&
    apiKills.some((kill) => attempt.endedAt >= kill.at && attempt.startedAt <= kill.at + 1000);
  const noAnswer = attempts.filter((attempt) => attempt.status === 0);
  const cutCreates = noAnswer.filter(cutCreate).length;
  const withoutRetryAfter = unavailable.filter((attempt) => !attempt.retryAfter).length;
  return { statuses, unavailable, other5xx, noAnswer, cutCreates, withoutRetryAfter };
}

export type AttemptSummary = ReturnType<typeof attemptSummary>;
