// The one place that knows how to open a database. MySQL/MariaDB through mysql2 when a URL is
// given, else an embedded SQLite file; both are set up so that queries behave alike: UTC
// datetimes, utf8mb4, numbers as numbers, dates as strings, foreign keys enforced. Every wait
// is bounded (a stalled database must cost a request a known time, never forever): opening a
// connection, acquiring one from the pool, and each statement, both on the server (which
// cancels it cleanly) and on the client (for when the network itself stalls).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from '../logger.js';

export type Database = Knex;
/** The database or a transaction on it: what repository functions run their queries on. */
export type Executor = Knex | Knex.Transaction;

export interface DatabaseOptions {
  url: string | undefined;
  sqliteFile: string;
  poolMax: number;
  /** Per statement; on SQLite the busy timeout. Default 1500. */
  statementTimeoutMs?: number;
  /** Waiting for a pooled connection, opening one included. Default 1000. */
  acquireTimeoutMs?: number;
  /** Opening one MySQL connection. Default 2000. */
  connectTimeoutMs?: number;
  /** Where Knex's own warnings go (a connection lost, say); default the console. */
  logger?: Pick<Logger, 'warn' | 'error' | 'debug'>;
}

// The client gives the server this long beyond its own statement limit to report the
// timeout itself, so that the client-side timeout fires only when the network stalls.
const clientTimeoutMarginMs = 250;

type QueryCallback = (error: (Error & { code?: string }) | null, ...results: unknown[]) => void;
type StatementOptions = { sql: string; timeout?: number; prepared?: boolean };

export interface MysqlConnection {
  _isMariaDB?: boolean;
  query(options: StatementOptions, values: unknown, callback: QueryCallback): unknown;
  execute(options: StatementOptions, values: unknown, callback: QueryCallback): unknown;
  destroy(): void;
}

/**
 * Gives every statement on this connection a client-side timeout, and runs a statement whose
 * options say `prepared: true` (`.options({ prepared: true })` on a Knex query) as a prepared
 * statement: the binary protocol sends a DOUBLE as its 8 bytes, where the text protocol has the
 * server print it and the client parse it back, half the server's work for a large read
 * (docs/reads-at-scale.md). mysql2 reports the timeout but leaves the connection waiting for the
 * late answer, with later statements queued behind it; destroying it lets the pool discard it
 * (Knex validates connections on acquire). mysql2 times a prepared statement's execution only,
 * not its preparation, so those get a timer of their own over both.
 */
export function withStatementOptions(connection: MysqlConnection, timeoutMs: number): void {
  const query = connection.query.bind(connection);
  const execute = connection.execute.bind(connection);
  connection.query = ({ prepared, ...options }, values, callback) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle: QueryCallback = (error, ...results) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
      callback(error, ...results);
    };
    const sent = (prepared ? execute : query)({ timeout: timeoutMs, ...options }, values, settle);
    if (prepared && !settled)
      timer = setTimeout(
        () => settle(Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })),
        timeoutMs,
      );
    return sent;
  };
}

export function isMysql(db: Executor): boolean {
  return (db.client as Knex.Client).config.client === 'mysql2';
}

function mysqlConnection(url: string, connectTimeoutMs: number): Knex.MySql2ConnectionConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    charset: 'utf8mb4',
    timezone: 'Z',
    // Calendar dates stay 'YYYY-MM-DD' strings, as SQLite returns them. Said this way rather
    // than with a typeCast function, mysql2's generated row parser reads every column natively
    // instead of calling back into JS once per column and row. (mysql2 takes a list of types;
    // Knex's type says boolean.)
    dateStrings: ['DATE'] as unknown as boolean,
    decimalNumbers: true,
    supportBigNumbers: true,
    connectTimeout: connectTimeoutMs,
    // Prepared statements kept per connection (least recently used closed first): the server
    // allows 16,382 in all, shared by every connection of every process.
    maxPreparedStatements: 32,
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  const statementTimeoutMs = options.statementTimeoutMs ?? 1500;
  const { logger } = options;
  const log: Knex.Logger | undefined = logger && {
    warn: (message) => logger.warn({ source: 'knex' }, String(message)),
    error: (message) => logger.error({ source: 'knex' }, String(message)),
    debug: (message) => logger.debug({ source: 'knex' }, String(message)),
  };
  if (options.url) {
    return knexFactory({
      client: 'mysql2',
      // An error's message carries its statement with `?` for values: a failed write of a
      // webhook secret (or anything else) never puts the value into a log line.
      compileSqlOnError: false,
      connection: mysqlConnection(options.url, options.connectTimeoutMs ?? 2000),
      pool: {
        min: 0,
        max: options.poolMax,
        // Session time zone UTC so that NOW() and UNIX_TIMESTAMP() agree with the driver; the
        // server's own statement limit (MariaDB in seconds, MySQL in ms and for SELECT only).
        afterCreate(connection: MysqlConnection, done: (error: Error | null, connection: unknown) => void) {
          const limit = connection._isMariaDB
            ? `max_statement_time = ${statementTimeoutMs / 1000}`
            : `max_execution_time = ${statementTimeoutMs}`;
          withStatementOptions(connection, statementTimeoutMs + clientTimeoutMarginMs);
          connection.query({ sql: `SET time_zone = '+00:00', SESSION ${limit}` }, undefined, (error) => {
            if (error || !connection._isMariaDB) return done(error, connection);
            // MariaDB (10.3.18 and later) turns an IN list of 1,000 values or more into a join
            // with a table of them, which reads each member's whole history instead of the
            // range: a 1,000-member group's feed window or stats read (docs/reads-at-scale.md).
            // An older server has no such conversion and does not know the variable.
            connection.query({ sql: 'SET SESSION in_predicate_conversion_threshold = 0' }, undefined, (settingError) =>
              done(settingError?.code === 'ER_UNKNOWN_SYSTEM_VARIABLE' ? null : settingError, connection),
            );
          });
        },
      },
      acquireConnectionTimeout: options.acquireTimeoutMs ?? 1000,
      ...(log ? { log } : {}),
    });
  }
  if (options.sqliteFile !== ':memory:') mkdirSync(dirname(options.sqliteFile), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    compileSqlOnError: false,
    connection: { filename: options.sqliteFile },
    useNullAsDefault: true,
    ...(log ? { log } : {}),
    pool: {
      min: 1,
      max: 1,
      afterCreate(
        connection: { pragma: (sql: string) => unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) {
        connection.pragma('foreign_keys = ON');
        connection.pragma('journal_mode = WAL');
        // better-sqlite3 is synchronous: a busy wait blocks the process, so keep it short.
        connection.pragma(`busy_timeout = ${statementTimeoutMs}`);
        done(null, connection);
      },
    },
  });
}

/** One round trip to the database, given up after `timeoutMs` (acquiring a connection included). */
export async function ping(db: Database, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`The database did not answer within ${timeoutMs} ms.`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
  });
  try {
    await Promise.race([db.raw('select 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
