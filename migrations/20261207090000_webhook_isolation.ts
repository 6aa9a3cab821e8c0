// Webhook isolation (docs/webhooks.md): an endpoint's attempts in flight are capped and a
// failing endpoint is paused, so that no organization's endpoint can hold the dispatchers.
//
// - webhook_endpoints gets its circuit breaker (consecutive_failures, paused_until,
//   paused_since, pause_notified) and last_claim_at, which every claim writes for the
//   endpoints it takes from: two dispatchers claiming from one endpoint write one row, so one
//   waits for the other (InnoDB) or is refused at certification and retried (Galera), and the
//   second counts the first's claims before taking its own.
// - webhook_deliveries' due index leads with the endpoint: a claim reads each endpoint's
//   earliest due entries (a range read whose cost does not grow with the backlog), and finds
//   the endpoints with pending deliveries by a loose scan of the same index. Live claims are
//   counted by claimed_until; an endpoint's redeliveries by (endpoint_id, redelivery, created_at).
// - change_events names its subject: a group's events and, now, an endpoint's
//   (webhook_endpoint.paused and friends, ping), each numbered per subject.
import type { Knex } from 'knex';
import { isMysql } from '../src/data/database.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_endpoints', (table) => {
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.datetime('paused_until', { precision: 3 }).nullable();
    table.datetime('paused_since', { precision: 3 }).nullable();
    table.boolean('pause_notified').notNullable().defaultTo(false);
    table.datetime('last_claim_at', { precision: 3 }).nullable();
  });
  await knex.schema.alterTable('webhook_deliveries', (table) => {
    table.dropIndex(['status', 'next_attempt_at'], 'webhook_deliveries_due');
    table.index(['status', 'endpoint_id', 'next_attempt_at'], 'webhook_deliveries_endpoint_due');
    table.index(['claimed_until', 'endpoint_id'], 'webhook_deliveries_claimed');
    table.index(['endpoint_id', 'redelivery', 'created_at'], 'webhook_deliveries_redeliveries');
  });
  await renameSubject(knex, { from: ['group_id', 'group_sequence'], to: ['subject_id', 'subject_sequence'] });
}

export async function down(knex: Knex): Promise<void> {
  await renameSubject(knex, { from: ['subject_id', 'subject_sequence'], to: ['group_id', 'group_sequence'] });
  await knex.schema.alterTable('webhook_deliveries', (table) => {
    table.dropIndex(['endpoint_id', 'redelivery', 'created_at'], 'webhook_deliveries_redeliveries');
    table.dropIndex(['claimed_until', 'endpoint_id'], 'webhook_deliveries_claimed');
    table.dropIndex(['status', 'endpoint_id', 'next_attempt_at'], 'webhook_deliveries_endpoint_due');
    table.index(['status', 'next_attempt_at'], 'webhook_deliveries_due');
  });
  await knex.schema.alterTable('webhook_endpoints', (table) => {
    table.dropColumn('last_claim_at');
    table.dropColumn('pause_notified');
    table.dropColumn('paused_since');
    table.dropColumn('paused_until');
    table.dropColumn('consecutive_failures');
  });
}

const indexFor = (columns: string[]) => `change_events_${columns[0]!.replace(/_id$/, '')}_sequence`;

/** Renames the subject columns and their unique index: on MySQL one ALTER, which changes metadata only. */
async function renameSubject(knex: Knex, names: { from: [string, string]; to: [string, string] }): Promise<void> {
  const [fromId, fromSequence] = names.from;
  const [toId, toSequence] = names.to;
  if (isMysql(knex)) {
    await knex.raw(
      `ALTER TABLE change_events RENAME COLUMN \`${fromId}\` TO \`${toId}\`, RENAME COLUMN \`${fromSequence}\` TO \`${toSequence}\`, RENAME INDEX \`${indexFor(names.from)}\` TO \`${indexFor(names.to)}\``,
    );
    return;
  }
  await knex.raw(`DROP INDEX ${indexFor(names.from)}`);
  await knex.raw(`ALTER TABLE change_events RENAME COLUMN ${fromId} TO ${toId}`);
  await knex.raw(`ALTER TABLE change_events RENAME COLUMN ${fromSequence} TO ${toSequence}`);
  await knex.raw(`CREATE UNIQUE INDEX ${indexFor(names.to)} ON change_events (${toId}, ${toSequence})`);
}
