// Classifies driver errors by the drivers' codes, so that the service never needs to know a
// driver's codes and the caller gets the right problem: transient trouble is a 503 with
// Retry-After (the SDK retries it), a duplicate key is the service's to map, anything else a 500.
import { serviceUnavailable, type AppError } from '../errors.js';

export type DatabaseFailure = 'unavailable' | 'timeout' | 'busy' | 'duplicate';

// MySQL/MariaDB server errors by errno (stable across versions; names as in the manual).
const mysqlErrors: Record<number, DatabaseFailure> = {
  1040: 'unavailable', // ER_CON_COUNT_ERROR
  1045: 'unavailable', // ER_ACCESS_DENIED_ERROR
  1049: 'unavailable', // ER_BAD_DB_ERROR
  1053: 'unavailable', // ER_SERVER_SHUTDOWN
  // Galera: "WSREP has not yet prepared node for application use", from a node that is
  // joining or cut off from the majority of the cluster.
  1047: 'unavailable', // ER_UNKNOWN_COM_ERROR
  1927: 'unavailable', // ER_CONNECTION_KILLED (MariaDB)
  2013: 'unavailable', // CR_SERVER_LOST
  1062: 'duplicate', // ER_DUP_ENTRY
  1205: 'busy', // ER_LOCK_WAIT_TIMEOUT
  1213: 'busy', // ER_LOCK_DEADLOCK
  1969: 'timeout', // ER_STATEMENT_TIMEOUT: MariaDB max_statement_time
  3024: 'timeout', // ER_QUERY_TIMEOUT: MySQL max_execution_time
};

// Codes of the network, of mysql2's client side and of SQLite.
const codes: Record<string, DatabaseFailure> = {
  ECONNREFUSED: 'unavailable',
  ECONNRESET: 'unavailable',
  ENOTFOUND: 'unavailable',
  EHOSTUNREACH: 'unavailable',
  ENETUNREACH: 'unavailable',
  EPIPE: 'unavailable',
  ETIMEDOUT: 'timeout', // mysql2: connectTimeout while opening a connection
  PROTOCOL_CONNECTION_LOST: 'unavailable',
  PROTOCOL_SEQUENCE_TIMEOUT: 'timeout', // mysql2: the client-side statement timeout
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_BUSY: 'busy',
  SQLITE_BUSY_SNAPSHOT: 'busy',
  SQLITE_BUSY_TIMEOUT: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CONSTRAINT_UNIQUE: 'duplicate',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'duplicate',
};

interface DriverError {
  name?: string;
  code?: string;
  errno?: number;
  fatal?: boolean;
  message?: string;
  /** mysql2: the server's message without the SQL Knex puts in front. */
  sqlMessage?: string;
}

function asDriverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? error : {};
}

export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  const { name, code, errno, fatal, message } = asDriverError(error);
  // Knex: no pooled connection within acquireConnectionTimeout, or a query's .timeout().
  if (name === 'KnexTimeoutError') return 'timeout';
  if (typeof errno === 'number' && errno in mysqlErrors) return mysqlErrors[errno];
  if (code && code in codes) return codes[code];
  // These two carry no code: mysql2 refusing a command on a connection that died (it marks
  // the error fatal), and Knex refusing to acquire from a pool that was destroyed.
  if (fatal === true && /closed state/.test(message ?? '')) return 'unavailable';
  if (name === 'Error' && /^Unable to acquire a connection$/.test(message ?? '')) return 'unavailable';
  return undefined;
}

const details: Record<Exclude<DatabaseFailure, 'duplicate'>, string> = {
  unavailable: 'The service cannot reach its database. Retry later.',
  timeout: 'The database did not answer in time. Retry later.',
  busy: 'The database is busy. Retry shortly.',
};

/** The problem a transient database failure answers with: 503 and Retry-After; else undefined. */
export function databaseProblem(error: unknown): AppError | undefined {
  const failure = classifyDatabaseError(error);
  if (failure === undefined || failure === 'duplicate') return undefined;
  return serviceUnavailable(error, details[failure]);
}

// The drivers name the violated key only in the message: MySQL/MariaDB
// "Duplicate entry 'x' for key '[table.]index'", SQLite "UNIQUE constraint failed: t.a, t.b"
// (Knex puts the SQL in front of the message).
const violatedKey = /for key '([^']+)'$|UNIQUE constraint failed: ([\w., ]+)$/;

/** A unique index refused the row (by the driver's code); with `columnOrIndex`, only when that key was violated. */
export function isUniqueViolation(error: unknown, columnOrIndex?: string): boolean {
  if (classifyDatabaseError(error) !== 'duplicate') return false;
  if (columnOrIndex === undefined) return true;
  const { sqlMessage, message } = asDriverError(error);
  const match = violatedKey.exec(sqlMessage ?? message ?? '');
  const key = match?.[1] ?? match?.[2] ?? '';
  return key.includes(columnOrIndex);
}

/** MySQL gave up a transaction that a retry may complete: deadlock or lock wait timeout. */
export function isRetryableTransactionError(error: unknown): boolean {
  const { errno } = asDriverError(error);
  return errno === 1213 || errno === 1205;
}
