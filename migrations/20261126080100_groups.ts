// The service's own tables: groups, their members and the audit trail.
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('groups', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('name', 100).notNullable();
    // trim + NFC + lower case: the uniqueness and sort key of the name.
    table.string('name_key', 400).notNullable();
    table.string('description', 1000).nullable();
    table.string('privacy', 16).notNullable();
    table.string('owner_id', 68).notNullable().references('id').inTable('users');
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.datetime('updated_at', { precision: 3 }).notNullable();
    table.unique(['org_id', 'name_key'], { indexName: 'groups_org_name_key' });
    table.index(['org_id', 'owner_id', 'name_key'], 'groups_org_owner_name');
  });

  await knex.schema.createTable('group_members', (table) => {
    binaryCollation(knex, table);
    table.string('group_id', 68).notNullable().references('id').inTable('groups').onDelete('CASCADE');
    table.string('user_id', 68).notNullable().references('id').inTable('users');
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.primary(['group_id', 'user_id']);
    table.index(['org_id', 'user_id'], 'group_members_org_user');
  });

  // No foreign key to groups: the trail outlives the group it describes.
  await knex.schema.createTable('audit_events', (table) => {
    binaryCollation(knex, table);
    table.bigIncrements('seq').primary();
    table.string('id', 68).notNullable().unique({ indexName: 'audit_events_id' });
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('group_id', 68).notNullable();
    table.string('action', 32).notNullable();
    table.string('actor_id', 68).notNullable();
    table.string('subject_user_id', 68).nullable();
    table.text('changes').nullable();
    table.string('request_id', 200).nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.index(['org_id', 'group_id', 'seq'], 'audit_events_org_group_seq');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('group_members');
  await knex.schema.dropTable('groups');
}
