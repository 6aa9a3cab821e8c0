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
