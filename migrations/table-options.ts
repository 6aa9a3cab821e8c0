import type { Knex } from 'knex';

// Ids are case-sensitive and name keys are compared exactly (they are already lower-cased),
// so MySQL tables use a binary collation; SQLite compares bytes by default.
export function binaryCollation(knex: Knex, table: Knex.CreateTableBuilder): void {
  if ((knex.client as Knex.Client).config.client !== 'mysql2') return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_bin');
  table.engine('InnoDB');
}

/**
 * Runs a schema change that may take minutes on a large table (an index build), beyond the
 * statement limit every connection of the service has: MariaDB's own (`max_statement_time`,
 * lifted for this statement alone; MySQL's `max_execution_time` covers SELECT only) and the
 * client's, which the statement's own `timeout` option replaces.
 */
export async function longSchemaChange(knex: Knex, change: Knex.SchemaBuilder): Promise<void> {
  const statements = change.toSQL();
  if ((knex.client as Knex.Client).config.client !== 'mysql2') {
    await change;
    return;
  }
  const [[{ version }]] = (await knex.raw('SELECT VERSION() AS version')) as [[{ version: string }]];
  const unlimited = version.includes('MariaDB') ? 'SET STATEMENT max_statement_time = 0 FOR ' : '';
  for (const statement of statements)
    await knex.raw(`${unlimited}${statement.sql}`, statement.bindings as never[]).options({ timeout: 0 });
}
