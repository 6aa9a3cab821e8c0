// One index serves the stats and the feed from its entries alone (docs/reads-at-scale.md).
// Both read a member's completed activities along start time: stats the range's rows with
// their four sums, the feed the newest (start_time, id) with its filters. Before it, every row
// either read cost a primary-key lookup into the table (three page reads each): 24,419 pages
// for a 100-member group's 90 days, against 348 through this index. It replaces
// (user_id, start_time), which no read needs any more.
//
// On a Galera cluster the ALTER runs in total order on every node at once; for a large table
// build the index node by node first (RSU), and this migration only drops the old one
// (docs/reads-at-scale.md, Operating).
import type { Knex } from 'knex';
import { isMysql } from '../src/data/database.js';
import { indexNames, longSchemaChange } from './table-options.js';

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
const oldIndex = 'activities_user_start_time';
const oldColumns = ['user_id', 'start_time'];

type Index = { name: string; columns: string[] };

/**
 * Adds one index and drops another. On MySQL in one ALTER, so that the table is rebuilt at most
 * once and the change is whole or not at all, and only what is not done yet: an operator may
 * have built the new index node by node beforehand (docs/reads-at-scale.md, Operating).
 */
async function swapIndexes(knex: Knex, add: Index, drop: Index): Promise<void> {
  if (!isMysql(knex)) {
    await knex.schema.alterTable('activities', (table) => {
      table.index(add.columns, add.name);
    });
    await knex.schema.alterTable('activities', (table) => {
      table.dropIndex(drop.columns, drop.name);
    });
    return;
  }
  const existing = await indexNames(knex, 'activities');
  const changes: string[] = [];
  if (!existing.has(add.name))
    changes.push(`ADD INDEX \`${add.name}\` (${add.columns.map((column) => `\`${column}\``).join(', ')})`);
  if (existing.has(drop.name)) changes.push(`DROP INDEX \`${drop.name}\``);
  if (changes.length > 0) await longSchemaChange(knex, `ALTER TABLE \`activities\` ${changes.join(', ')}`);
}

export async function up(knex: Knex): Promise<void> {
  await swapIndexes(knex, { name: readsIndex, columns: readsColumns }, { name: oldIndex, columns: oldColumns });
}

export async function down(knex: Knex): Promise<void> {
  await swapIndexes(knex, { name: oldIndex, columns: oldColumns }, { name: readsIndex, columns: readsColumns });
}
