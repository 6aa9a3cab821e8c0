// Where the benchmark's databases live: DATABASE_URL when set, else groups_bench on the local
// MariaDB. Bench databases are dropped and rebuilt freely, so only groups_bench* names are used.
import mysql from 'mysql2/promise';

export const defaultServer = 'mysql://root@127.0.0.1:3306';

export function benchDatabaseUrl(name?: string): string {
  const url = new URL(process.env.DATABASE_URL ?? `${defaultServer}/groups_bench`);
  if (name) url.pathname = `/${name}`;
  const database = url.pathname.replace(/^\//, '');
  if (!/^groups_bench\w*$/.test(database))
    throw new Error(`The benchmark only writes databases named groups_bench*, not "${database}".`);
  return url.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Host, port and credentials of a `mysql://` URL. */
function serverOptions(url: string): { host: string; port: number; user: string; password: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/** A mysql2 connection to the server of `url`, with no database selected. */
export async function serverConnection(url: string): Promise<mysql.Connection> {
  return mysql.createConnection({ ...serverOptions(url), multipleStatements: false });
}

export function poolFor(url: string, connectionLimit: number): mysql.Pool {
  return mysql.createPool({
    ...serverOptions(url),
    database: databaseName(url),
    connectionLimit,
    charset: 'utf8mb4',
    timezone: 'Z',
  });
}

/**
 * A pool for the floors (bench/floor.ts, bench/plain-floor.ts): the service's session
 * (src/data/database.ts), so that the same statements plan alike, and its types (calendar dates
 * as 'YYYY-MM-DD' strings). The second setting is MariaDB's alone; a MySQL server refuses it
 * and has no such conversion. The event hands over mysql2's own connection, whose query takes a
 * callback, whatever the types say.
 */
export function sessionPool(url: string, connectionLimit: number): mysql.Pool {
  const pool = mysql.createPool({
    ...serverOptions(url),
    database: databaseName(url),
    connectionLimit,
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: ['DATE'],
  });
  pool.on('connection', (promised) => {
    const connection = promised as unknown as { query(sql: string, callback: () => void): void };
    connection.query("SET time_zone = '+00:00'", () => undefined);
    connection.query('SET SESSION in_predicate_conversion_threshold = 0', () => undefined);
  });
  return pool;
}
