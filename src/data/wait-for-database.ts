// Start-up without the database: the process already serves (/healthz 200, /readyz 503 naming
// what it waits for) while this retries with capped exponential backoff, so that a database
// that comes up after the service, or briefly after it, needs no restart.
import type { Logger } from '../logger.js';
import { ping, type Database } from './database.js';

export interface WaitOptions {
  logger: Logger;
  /** Where the database is, for the log line (never the password). */
  target: string;
  pingTimeoutMs: number;
  /** Gives up (returns false) once this says so: the process is shutting down. */
  stopped: () => boolean;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** The longest wait between two connection attempts, unless WaitOptions say otherwise. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 2000;

// The server refuses who we are: waiting will not change that, an operator must.
const refusedCredentials = new Set([1044, 1045, 1698]); // ER_DBACCESS_DENIED, ER_ACCESS_DENIED, ER_ACCESS_DENIED_NO_PASSWORD

/** The database refused the configured credentials; start-up gives up instead of waiting. */
export class DatabaseRefusedError extends Error {
  constructor(target: string, cause: unknown) {
    super(`the database at ${target} refuses the configured credentials (${(cause as Error).message})`, { cause });
    this.name = 'DatabaseRefusedError';
  }
}

/**
 * Resolves true once the database answers a ping, false if stopped first; rejects with a
 * DatabaseRefusedError when the server refuses the credentials.
 */
export async function waitForDatabase(db: Database, options: WaitOptions): Promise<boolean> {
  const { logger, target } = options;
  let delay = options.firstDelayMs ?? 250;
  for (let attempt = 1; !options.stopped(); attempt++) {
    try {
      await ping(db, options.pingTimeoutMs);
      if (attempt > 1) logger.info({ database: target, attempts: attempt }, `the database at ${target} answers`);
      return true;
    } catch (error) {
      if (refusedCredentials.has((error as { errno?: number }).errno!)) throw new DatabaseRefusedError(target, error);
      logger.warn(
        { database: target, attempt, retry_in_ms: delay, err: error },
        `waiting for the database at ${target}; retrying in ${delay} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, options.maxDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS);
  }
  return false;
}

/** `host:port/database` of a MySQL URL, without credentials. */
export function describeDatabase(url: string | undefined, sqliteFile: string): string {
  if (!url) return sqliteFile;
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 3306}${parsed.pathname}`;
}
