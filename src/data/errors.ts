// Classifies driver errors, so that the service never needs to know a driver's codes.

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_SERVER_SHUTDOWN',
  // Galera: "WSREP has not yet prepared node for application use" (errno 1047), from a node
  // that is joining or cut off from the majority of the cluster.
  'ER_UNKNOWN_COM_ERROR',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
]);

interface DriverError {
  name?: string;
  code?: string;
  errno?: number;
  message?: string;
}

function asDriverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

/** The database cannot be reached or has no connection to give: a 503, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { name, code, message } = asDriverError(error);
  if (name === 'KnexTimeoutError') return true;
  if (code && unreachableCodes.has(code)) return true;
  return typeof message === 'string' && /connection is in closed state|Unable to acquire a connection/i.test(message);
}

/** A unique index refused the row; with `columnOrIndex`, only when the message names it. */
export function isUniqueViolation(error: unknown, columnOrIndex?: string): boolean {
  const { code, errno, message } = asDriverError(error);
  const unique = errno === 1062 || code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return unique && (columnOrIndex === undefined || (message ?? '').includes(columnOrIndex));
}

/** MySQL gave up a transaction that a retry may complete: deadlock or lock wait timeout. */
export function isRetryableTransactionError(error: unknown): boolean {
  const { errno } = asDriverError(error);
  return errno === 1213 || errno === 1205;
}
