// Idempotency keys of creates (Idempotency-Key header): one row per caller and key, pending
// while the first request runs, then holding its answer until it expires (24 hours). The
// primary key is the caller and the key (Galera needs a primary key on every table); expired
// rows are purged by organization on the next claim (src/domain/idempotency.ts).
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (table) => {
    binaryCollation(knex, table);
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('user_id', 68).notNullable();
    table.string('idempotency_key', 200).notNullable();
    // sha256 of the operation and the canonical JSON body, hex.
    table.string('request_hash', 64).notNullable();
    // null while the first request is in flight.
    table.integer('response_status').nullable();
    table.text('response').nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('expires_at', { precision: 3 }).notNullable();
    table.primary(['org_id', 'user_id', 'idempotency_key']);
    table.index(['org_id', 'expires_at'], 'idempotency_keys_org_expires');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
}
