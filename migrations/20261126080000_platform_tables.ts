// Tables the wider platform owns and this service reads: organizations, users, activities.
// The service ships them so that tests, benchmarks and the sandbox loader have them.
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organizations', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('name', 200).notNullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('users', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    table.string('org_id', 68).notNullable().references('id').inTable('organizations');
    table.string('name', 200).notNullable();
    table.string('role', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('timezone', 64).nullable();
    table.datetime('created_at', { precision: 3 }).notNullable();
    table.index(['org_id', 'role', 'status'], 'users_org_role_status');
  });

  await knex.schema.createTable('activities', (table) => {
    binaryCollation(knex, table);
    table.string('id', 68).primary();
    // No index or foreign key on org_id alone: every read is by member ids, and an org index
    // would tempt the planner into scanning the organization's whole history.
    table.string('org_id', 68).notNullable();
    table.string('user_id', 68).notNullable().references('id').inTable('users');
    table.string('name', 200).nullable();
    table.string('type', 50).notNullable();
    table.string('sub_type', 50).nullable();
    table.string('status', 16).notNullable();
    table.datetime('start_time', { precision: 3 }).notNullable();
    table.date('start_date_local').notNullable();
    table.double('distance').notNullable();
    table.double('duration').notNullable();
    table.double('vdot_load').nullable();
    table.double('nexrex_ete_plus').nullable();
    table.index(['user_id', 'start_time'], 'activities_user_start_time');
    table.index(['user_id', 'start_date_local'], 'activities_user_start_date_local');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('activities');
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('organizations');
}
