import type { Knex } from 'knex';
import { isMysql } from '../src/data/database.js';

// Ids are case-sensitive and name keys are compared exactly (they are already lower-cased),
// so MySQL tables use a binary collation; SQLite compares bytes by default.
export function binaryCollation(knex: Knex, table: Knex.CreateTableBuilder): void {
  if (!isMysql(knex)) return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_bin');
  table.engine('InnoDB');
}

/** The names of a MySQL table's indexes. */
export async function indexNames(knex: Knex, table: string): Promise<Set<string>> {
  const [rows] = (await knex.raw(
    'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  )) as [{ name: string }[]];
  return new Set(rows.map((row) => row.name));
}

/** How long a schema change waits for a table's metadata lock: transactions hold it. */
const lockWaitSeconds = 30;

/**
 * Runs one MySQL schema change that may take minutes on a large table (an index build),
 * beyond the statement limit every connection of the service has: MariaDB's own
 * (`max_statement_time`, lifted for this statement alone; MySQL's `max_execution_time` covers
 * SELECT only) and the client's, which the statement's own `timeout` option replaces. It waits
 * at most 30 s for the table's metadata lock: waiting longer would hold up every statement on
 * the table queued behind it. A migration that fails so can be run again.
 */
export async function longSchemaChange(knex: Knex, sql: string): Promise<void> {
  const [[{ version }]] = (await knex.raw('SELECT VERSION() AS version')) as [[{ version: string }]];
  if (version.includes('MariaDB')) {
    const limits = `max_statement_time = 0, lock_wait_timeout = ${lockWaitSeconds}`;
    await knex.raw(`SET STATEMENT ${limits} FOR ${sql}`).options({ timeout: 0 });
    return;
  }
  const [[{ wait }]] = (await knex.raw('SELECT @@SESSION.lock_wait_timeout AS wait')) as [[{ wait: number }]];
  await knex.raw(`SET SESSION lock_wait_timeout = ${lockWaitSeconds}`);
  try {
    await knex.raw(sql).options({ timeout: 0 });
  } finally {
    await knex.raw(`SET SESSION lock_wait_timeout = ${Number(wait)}`);
  }
}
