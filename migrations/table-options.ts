import type { Knex } from 'knex';

// Ids are case-sensitive and name keys are compared exactly (they are already lower-cased),
// so MySQL tables use a binary collation; SQLite compares bytes by default.
export function binaryCollation(knex: Knex, table: Knex.CreateTableBuilder): void {
  if ((knex.client as Knex.Client).config.client !== 'mysql2') return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_bin');
  table.engine('InnoDB');
}
