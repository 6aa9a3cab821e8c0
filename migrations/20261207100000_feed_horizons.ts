// Each organization's feed horizon: the highest feed position of its own events that the
// retention purged. A cursor before it may have missed that organization's events (410); a
// cursor of a quiet organization stays good however many of other organizations' events are
// purged meanwhile. Organizations start at the one horizon the feed had before, so that no
// cursor that could have missed events is let through.
import type { Knex } from 'knex';
import { binaryCollation } from './table-options.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('change_feed_horizons', (table) => {
    binaryCollation(knex, table);
    table.string('org_id', 68).primary();
    table.bigInteger('purged_through').notNullable();
  });
  const sequencer = await knex('change_feed_sequencer')
    .where({ id: 1 })
    .first<{ purged_through: number | string } | undefined>('purged_through');
  const purgedThrough = Number(sequencer?.purged_through ?? 0);
  if (purgedThrough > 0)
    await knex.raw('insert into change_feed_horizons (org_id, purged_through) select id, ? from organizations', [
      purgedThrough,
    ]);
}

export async function down(knex: Knex): Promise<void> {
  // The one horizon of before is the furthest any organization's went.
  const furthest = await knex('change_feed_horizons')
    .max<{ furthest: number | string | null }>({ furthest: 'purged_through' })
    .first();
  if (furthest?.furthest !== null && furthest?.furthest !== undefined)
    await knex('change_feed_sequencer')
      .where({ id: 1 })
      .update({ purged_through: Number(furthest.furthest) });
  await knex.schema.dropTable('change_feed_horizons');
}
