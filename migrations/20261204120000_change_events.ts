// The outbox of partner events (GET /api/v1/events; docs/decisions.md, Events). A change writes its
// events in its own transaction, with the group's next `group_sequence` (the group row is
// locked, and (group_id, group_sequence) is unique, so two writers cannot both take one).
// `feed_position` stays null until the sequencer, after the commit, gives committed events
// their places in the feed: positions come from the one row of change_feed_sequencer, so the
// feed's order is the order events were sequenced, which can never put an event before one
// that committed earlier and was already readable.
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('change_events', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('group_id', 68).notNullable();
    table.integer('group_sequence').notNullable();
    table.string('type', 40).notNullable();
    table.text('data', 'mediumtext').notNullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.bigInteger('feed_position').nullable();
    table.unique(['group_id', 'group_sequence'], { indexName: 'change_events_group_sequence' });
    table.unique(['feed_position'], { indexName: 'change_events_feed_position' });
    table.index(['org_id', 'feed_position'], 'change_events_org_feed');
    table.index(['created_at'], 'change_events_created');
  });
  await knex.schema.createTable('change_feed_sequencer', (table) => {
    binaryCollation(knex, table);
    table.integer('id').primary();
    table.bigInteger('last_position').notNullable();
    // The highest position of a purged event: a cursor before it may have missed events (410).
    table.bigInteger('purged_through').notNullable();
  });
  await knex('change_feed_sequencer').insert({ id: 1, last_position: 0, purged_through: 0 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('change_feed_sequencer');
  await knex.schema.dropTable('change_events');
}
