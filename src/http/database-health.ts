// The database's health as /readyz reports it: measured at most once per `maxAgeMs` whatever
// the rate of probes (a flood of probes must not become a flood of `select 1`), and by one
// check at a time: probes that arrive while a check runs wait for that check.

export interface HealthResult {
  /** Undefined when the database answered. */
  error?: unknown;
  /** Whether this call ran the check (a failure is logged once per check, not per probe). */
  measured: boolean;
}

export function databaseHealth(
  check: () => Promise<void>,
  maxAgeMs: number,
  now: () => number = () => performance.now(),
): () => Promise<HealthResult> {
  let last: { at: number; error?: unknown } | undefined;
  let running: Promise<void> | undefined;

  const measure = async () => {
    try {
      await check();
      last = { at: now() };
    } catch (error) {
      last = { at: now(), error };
    } finally {
      running = undefined;
    }
  };

  return async () => {
    if (last && now() - last.at < maxAgeMs) return { error: last.error, measured: false };
    const ranHere = running === undefined;
    running ??= measure();
    await running;
    return { error: last!.error, measured: ranHere };
  };
}
