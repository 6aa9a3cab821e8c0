// The one place that knows how to open a database. MySQL/MariaDB through mysql2 when a URL is
// given, else an embedded SQLite file; both are set up so that queries behave alike: UTC
// datetimes, utf8mb4, numbers as numbers, dates as strings, foreign keys enforced.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type Database = Knex;
/** The database or a transaction on it: what repository functions run their queries on. */
export type Executor = Knex | Knex.Transaction;

export interface DatabaseOptions {
  url: string | undefined;
  sqliteFile: string;
  poolMax: number;
}

export function isMysql(db: Executor): boolean {
  return db.client.config.client === 'mysql2';
}

function mysqlConnection(url: string): Knex.MySql2ConnectionConfig {
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
    connectTimeout: 5000,
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    return knexFactory({
      client: 'mysql2',
      connection: mysqlConnection(options.url),
      pool: {
        min: 0,
        max: options.poolMax,
        // Session time zone UTC so that NOW() and UNIX_TIMESTAMP() agree with the driver.
        afterCreate(connection: { query: (sql: string, cb: (error: Error | null) => void) => void }, done: (error: Error | null, connection: unknown) => void) {
          connection.query("SET time_zone = '+00:00'", (error) => done(error, connection));
        },
      },
      acquireConnectionTimeout: 5000,
    });
  }
  if (options.sqliteFile !== ':memory:') mkdirSync(dirname(options.sqliteFile), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: options.sqliteFile },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: { pragma: (sql: string) => unknown }, done: (error: Error | null, connection: unknown) => void) {
        connection.pragma('foreign_keys = ON');
        connection.pragma('journal_mode = WAL');
        connection.pragma('busy_timeout = 5000');
        done(null, connection);
      },
    },
  });
}

export async function ping(db: Database): Promise<void> {
  await db.raw('select 1');
}

/** SQL for a datetime column as epoch milliseconds (SQLite already stores them so). */
export function epochMillisecondsSql(db: Executor, column: string): string {
  return isMysql(db) ? `ROUND(UNIX_TIMESTAMP(${column}) * 1000)` : column;
}

/** SQL for integer division that rounds down, for non-negative operands. */
export function floorDivisionSql(db: Executor, dividend: string, divisor: number): string {
  return isMysql(db) ? `FLOOR((${dividend}) / ${divisor})` : `CAST((${dividend}) / ${divisor} AS INTEGER)`;
}
