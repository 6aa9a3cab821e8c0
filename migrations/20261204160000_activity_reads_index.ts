// One index serves the stats and the feed from its entries alone (docs/reads-at-scale.md).
// Both read a member's completed activities along start time: stats the range's rows with
// their four sums, the feed the newest (start_time, id) with its filters. Before it, every row
// either read cost a primary-key lookup into the table (three page reads each): 24,419 pages
// for a 100-member group's 90 days, against 348 through this index. It replaces
// (user_id, start_time), of which it is an extension once `status` is fixed.
//
// On a Galera cluster the ALTER runs in total order on every node at once; for a large table
// run it in rolling mode instead (docs/reads-at-scale.md, Operating).
import type { Knex } from 'knex';
import { longSchemaChange } from './table-options.js';

const readsIndex = 'activities_user_status_start';
const readsColumns = [
  'user_id',
  'status',
  'start_time',
  'id',
  'org_id',
  'sub_type',
  'start_date_local',
  'distance',
  'duration',
  'vdot_load',
  'nexrex_ete_plus',
];

export async function up(knex: Knex): Promise<void> {
  await longSchemaChange(
    knex,
    knex.schema.alterTable('activities', (table) => {
      table.index(readsColumns, readsIndex);
    }),
  );
  await knex.schema.alterTable('activities', (table) => {
    table.dropIndex(['user_id', 'start_time'], 'activities_user_start_time');
  });
}

export async function down(knex: Knex): Promise<void> {
  await longSchemaChange(
    knex,
    knex.schema.alterTable('activities', (table) => {
      table.index(['user_id', 'start_time'], 'activities_user_start_time');
    }),
  );
  await knex.schema.alterTable('activities', (table) => {
    table.dropIndex(readsColumns, readsIndex);
  });
}
