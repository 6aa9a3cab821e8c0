// Idempotency keys compare byte for byte: MySQL's utf8mb4_bin is a PAD SPACE collation, so `k`
// and `k ` were one key there (a replay of the other request's answer, or a 422). The key's
// SHA-256 in a binary column becomes the key of the table; the text stays for reading.
// The table is rebuilt rather than altered, which works alike on MySQL and SQLite (where a
// primary key cannot be changed in place); its rows live a day, so the copy is small.
import type { Knex } from 'knex';
import { idempotencyKeyHash } from '../src/data/idempotency-key-hash.js';
import { binaryCollation } from './table-options.js';

interface OldRow {
  org_id: string;
  user_id: string;
  idempotency_key: string;
  [column: string]: unknown;
}

const createTable = (knex: Knex, keyed: 'hash' | 'text') =>
  knex.schema.createTable('idempotency_keys', (table) => {
    binaryCollation(knex, table);
    // Constraint and index names differ from the table's they replace, which still exists
    // (renamed) while rows are copied: MySQL names foreign keys and SQLite indexes per database.
    table
      .string('org_id', 68)
      .notNullable()
      .references('id')
      .inTable('organizations')
      .withKeyName(`idempotency_keys_org_${keyed}_foreign`);
    table.string('user_id', 68).notNullable();
    table.string('idempotency_key', 200).notNullable();
    if (keyed === 'hash') table.binary('key_hash', 32).notNullable();
    table.string('request_hash', 64).notNullable();
    table.integer('response_status').nullable();
    table.text('response').nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('expires_at', { precision: 3 }).notNullable();
    table.primary(keyed === 'hash' ? ['org_id', 'user_id', 'key_hash'] : ['org_id', 'user_id', 'idempotency_key']);
    table.index(
      ['org_id', 'expires_at'],
      keyed === 'hash' ? 'idempotency_keys_org_expires_at' : 'idempotency_keys_org_expires',
    );
  });

async function rebuild(knex: Knex, keyed: 'hash' | 'text', copy: (row: OldRow) => Record<string, unknown>) {
  await knex.schema.renameTable('idempotency_keys', 'idempotency_keys_old');
  await createTable(knex, keyed);
  const rows = (await knex('idempotency_keys_old').select()) as OldRow[];
  for (let start = 0; start < rows.length; start += 500)
    await knex('idempotency_keys').insert(rows.slice(start, start + 500).map(copy));
  await knex.schema.dropTable('idempotency_keys_old');
}

export async function up(knex: Knex): Promise<void> {
  await rebuild(knex, 'hash', (row) => ({ ...row, key_hash: idempotencyKeyHash(row.idempotency_key) }));
}

export async function down(knex: Knex): Promise<void> {
  await rebuild(knex, 'text', ({ key_hash: _hash, ...row }) => row);
}
