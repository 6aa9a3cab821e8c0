// Behavioural deadlines: a test may assert that the service answers within a time it is
// configured to keep (a timeout, a deadline, a Retry-After), never how fast this machine is.
// Speed and memory budgets live in the benchmark (bench/bounds.ts, bench/run.ts).
//
// Timers fire late, never early, and a loaded machine (CI beside other work) delays them by
// seconds, so every upper bound is the configured time plus one allowance, stated here once.
// Choose configured times in tests so that the behaviour being ruled out (waiting for a
// stalled database, a Retry-After of a minute) lies far beyond that sum.
import { GaveUp, waitUntil } from './processes.js';

export const LOADED_MACHINE_ALLOWANCE_MS = 5_000;

/** The latest a behaviour configured to happen after `configuredMs` may be seen to happen. */
export function deadlineFor(configuredMs: number): number {
  return configuredMs + LOADED_MACHINE_ALLOWANCE_MS;
}

/** How long a poll waits between tries, so that it does not burn the CPU it waits on. */
export const POLL_INTERVAL_MS = 100;

/**
 * Calls `probe` every POLL_INTERVAL_MS until it returns true; returns the milliseconds that
 * took. Throws after `limitMs`, naming `what`, and at once when `probe` throws: a test's probe
 * that fails is a failure, not a reason to wait.
 */
export function pollUntil(what: string, limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  const probeOrGiveUp = async () => {
    try {
      return await probe();
    } catch (error) {
      throw new GaveUp(`${what}: ${(error as Error).message}`, { cause: error });
    }
  };
  return waitUntil(
    what,
    limitMs,
    async () => ((await probeOrGiveUp()) ? Math.round(performance.now() - started) : undefined),
    POLL_INTERVAL_MS,
  );
}
