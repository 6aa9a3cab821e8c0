// A version per group for optimistic concurrency (ETag / If-Match): every change of a group,
// its fields or its members, bumps it in the transaction that makes the change.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('groups', (table) => {
    table.integer('version').unsigned().notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('groups', (table) => {
    table.dropColumn('version');
  });
}
