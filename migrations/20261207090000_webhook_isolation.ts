// Webhook isolation (docs/webhooks.md): an endpoint's attempts in flight are capped and a
// failing endpoint is paused, so that no organization's endpoint can hold the dispatchers.
//
// - webhook_endpoints gets its circuit breaker (consecutive_failures, paused_until,
//   paused_since, pause_notified) and last_claim_at, which every claim writes for the
//   endpoints it takes from: two dispatchers claiming from one endpoint write one row, so one
//   waits for the other (InnoDB) or is refused at certification and retried (Galera), and the
//   second counts the first's claims before taking its own.
// - webhook_deliveries' due index leads with the endpoint: a claim reads each endpoint's
//   earliest due entries, a range read whose cost does not grow with the backlog. Live claims
//   are counted by claimed_until; an endpoint's redeliveries by (endpoint_id, redelivery,
//   created_at).
// - change_events names its subject: a group's events and, now, an endpoint's
//   (webhook_endpoint.paused and friends, ping), each numbered per subject.
//
// On MySQL each table changes in one ALTER, only in what is not done yet (an interrupted run,
// or indexes an operator built node by node on Galera beforehand, docs/webhooks.md,
// Upgrading), beyond the service's statement limit (longSchemaChange): index builds on a large
// webhook_deliveries take longer than any request may. Stop the old version's processes and
// dispatchers before migrating: it reads the columns this renames.
import type { Knex } from 'knex';
import { isMysql } from '../src/data/database.js';
import { indexNames, longSchemaChange } from './table-options.js';

const endpointColumns: [name: string, definition: string][] = [
  ['consecutive_failures', 'INT NOT NULL DEFAULT 0'],
  ['paused_until', 'DATETIME(3) NULL'],
  ['paused_since', 'DATETIME(3) NULL'],
  ['pause_notified', 'TINYINT(1) NOT NULL DEFAULT 0'],
  ['last_claim_at', 'DATETIME(3) NULL'],
];
const oldDueIndex = { name: 'webhook_deliveries_due', columns: ['status', 'next_attempt_at'] };
const deliveryIndexes = [
  { name: 'webhook_deliveries_endpoint_due', columns: ['status', 'endpoint_id', 'next_attempt_at'] },
  { name: 'webhook_deliveries_claimed', columns: ['claimed_until', 'endpoint_id'] },
  { name: 'webhook_deliveries_redeliveries', columns: ['endpoint_id', 'redelivery', 'created_at'] },
];

const quoted = (columns: string[]) => columns.map((column) => `\`${column}\``).join(', ');

async function columnNames(knex: Knex, table: string): Promise<Set<string>> {
  const [rows] = (await knex.raw(
    'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  )) as [{ name: string }[]];
  return new Set(rows.map((row) => row.name));
}

/** One ALTER of a MySQL table with the changes it still needs; none, no statement. */
async function alterOnce(knex: Knex, table: string, changes: string[]): Promise<void> {
  if (changes.length > 0) await longSchemaChange(knex, `ALTER TABLE \`${table}\` ${changes.join(', ')}`);
}

export async function up(knex: Knex): Promise<void> {
  if (!isMysql(knex)) {
    await knex.schema.alterTable('webhook_endpoints', (table) => {
      table.integer('consecutive_failures').notNullable().defaultTo(0);
      table.datetime('paused_until', { precision: 3 }).nullable();
      table.datetime('paused_since', { precision: 3 }).nullable();
      table.boolean('pause_notified').notNullable().defaultTo(false);
      table.datetime('last_claim_at', { precision: 3 }).nullable();
    });
    await knex.schema.alterTable('webhook_deliveries', (table) => {
      table.dropIndex(oldDueIndex.columns, oldDueIndex.name);
      for (const index of deliveryIndexes) table.index(index.columns, index.name);
    });
    await renameSubjectOnSqlite(knex, ['group_id', 'group_sequence'], ['subject_id', 'subject_sequence']);
    return;
  }
  const endpoints = await columnNames(knex, 'webhook_endpoints');
  await alterOnce(
    knex,
    'webhook_endpoints',
    endpointColumns
      .filter(([name]) => !endpoints.has(name))
      .map(([name, definition]) => `ADD COLUMN \`${name}\` ${definition}`),
  );
  const indexes = await indexNames(knex, 'webhook_deliveries');
  await alterOnce(knex, 'webhook_deliveries', [
    ...deliveryIndexes
      .filter((index) => !indexes.has(index.name))
      .map((index) => `ADD INDEX \`${index.name}\` (${quoted(index.columns)})`),
    ...(indexes.has(oldDueIndex.name) ? [`DROP INDEX \`${oldDueIndex.name}\``] : []),
  ]);
  const events = await columnNames(knex, 'change_events');
  if (events.has('group_id'))
    await alterOnce(knex, 'change_events', [
      'RENAME COLUMN `group_id` TO `subject_id`',
      'RENAME COLUMN `group_sequence` TO `subject_sequence`',
      'RENAME INDEX `change_events_group_sequence` TO `change_events_subject_sequence`',
    ]);
}

export async function down(knex: Knex): Promise<void> {
  // The old version knows no endpoint events and no pings: they go, with their deliveries.
  await knex('change_events').where('type', 'like', 'webhook_endpoint.%').delete();
  if (!isMysql(knex)) {
    await renameSubjectOnSqlite(knex, ['subject_id', 'subject_sequence'], ['group_id', 'group_sequence']);
    await knex.schema.alterTable('webhook_deliveries', (table) => {
      for (const index of deliveryIndexes) table.dropIndex(index.columns, index.name);
      table.index(oldDueIndex.columns, oldDueIndex.name);
    });
    await knex.schema.alterTable('webhook_endpoints', (table) => {
      for (const [name] of [...endpointColumns].reverse()) table.dropColumn(name);
    });
    return;
  }
  await alterOnce(knex, 'change_events', [
    'RENAME COLUMN `subject_id` TO `group_id`',
    'RENAME COLUMN `subject_sequence` TO `group_sequence`',
    'RENAME INDEX `change_events_subject_sequence` TO `change_events_group_sequence`',
  ]);
  await alterOnce(knex, 'webhook_deliveries', [
    `ADD INDEX \`${oldDueIndex.name}\` (${quoted(oldDueIndex.columns)})`,
    ...deliveryIndexes.map((index) => `DROP INDEX \`${index.name}\``),
  ]);
  await alterOnce(
    knex,
    'webhook_endpoints',
    endpointColumns.map(([name]) => `DROP COLUMN \`${name}\``),
  );
}

/** SQLite renames columns one at a time and cannot rename an index: it is made again. */
async function renameSubjectOnSqlite(knex: Knex, from: [string, string], to: [string, string]): Promise<void> {
  const indexFor = (columns: [string, string]) => `change_events_${columns[0].replace(/_id$/, '')}_sequence`;
  await knex.raw(`DROP INDEX ${indexFor(from)}`);
  await knex.raw(`ALTER TABLE change_events RENAME COLUMN ${from[0]} TO ${to[0]}`);
  await knex.raw(`ALTER TABLE change_events RENAME COLUMN ${from[1]} TO ${to[1]}`);
  await knex.raw(`CREATE UNIQUE INDEX ${indexFor(to)} ON change_events (${to.join(', ')})`);
}
