// Webhook endpoints and their deliveries (openapi.yaml: Webhooks; docs/decisions.md, Events).
// A change queues one delivery per subscribed endpoint in its own transaction, next to its
// event (src/domain/change-events.ts). A dispatcher claims a due delivery by a conditional
// update that sets `claim_token` and `claimed_until` (src/data/webhook-deliveries-repository.ts):
// one statement either takes the row or finds it taken, on MySQL, Galera and SQLite alike, and
// a dispatcher that dies leaves a claim that lapses at `claimed_until`. Deliveries go with
// their event (cascade) when the feed's retention purges it.
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_endpoints', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('url', 2048).notNullable();
    table.string('description', 500).nullable();
    // A JSON list of event types; null: every type, also types added later.
    table.text('event_types').nullable();
    table.string('status', 16).notNullable();
    table.string('disabled_reason', 32).nullable();
    table.string('secret', 100).notNullable();
    table.string('previous_secret', 100).nullable();
    table.datetime('previous_secret_expires_at', { precision: 3 }).nullable();
    table.datetime('last_success_at', { precision: 3 }).nullable();
    table.datetime('last_failure_at', { precision: 3 }).nullable();
    // Since when every attempt failed (null after a success, and when an admin enables it).
    table.datetime('failing_since', { precision: 3 }).nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable();
    table.index(['org_id', 'created_at'], 'webhook_endpoints_org');
  });
  await knex.schema.createTable('webhook_deliveries', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('org_id', 68).notNullable();
    // No foreign key to the endpoint: a change reads the endpoints without locking them, so an
    // endpoint deleted meanwhile must not fail the change; such a delivery is never claimed
    // (claims join the endpoint) and goes with its event.
    table.string('endpoint_id', 68).notNullable();
    table.string('event_id', 68).notNullable().references('id').inTable('change_events').onDelete('CASCADE');
    table.boolean('redelivery').notNullable();
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable();
    table.datetime('next_attempt_at', { precision: 3 }).nullable();
    table.datetime('first_attempt_at', { precision: 3 }).nullable();
    table.string('claim_token', 32).nullable();
    table.datetime('claimed_until', { precision: 3 }).nullable();
    table.datetime('last_attempt_at', { precision: 3 }).nullable();
    table.integer('last_status_code').nullable();
    table.integer('last_latency_ms').nullable();
    table.string('last_error', 32).nullable();
    table.text('last_response_body').nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.index(['status', 'next_attempt_at'], 'webhook_deliveries_due');
    table.index(['endpoint_id', 'created_at', 'id'], 'webhook_deliveries_log');
    table.index(['claim_token'], 'webhook_deliveries_claim');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_endpoints');
}
