// Recomputes every group's name_key with the key of docs/decisions.md's name rules (NFKC,
// default-ignorable code points removed, whitespace collapsed; src/domain/group-name.ts).
// Names that were distinct under the old key (trim, NFC, lower case) can share a new one
// ("Block A" and "Block\u200B A"): the oldest group of the organization gets the key and
// the others keep their names with the key plus their id, so that none is lost and any new
// group of that name is still a 409.
import type { Knex } from 'knex';
import { groupNameKey } from '../src/domain/group-name.js';

interface GroupRow {
  id: string;
  org_id: string;
  name: string;
  name_key: string;
}

async function rekey(knex: Knex, keyOf: (name: string) => string): Promise<void> {
  const rows = await knex('groups')
    .select<GroupRow[]>('id', 'org_id', 'name', 'name_key')
    .orderBy([{ column: 'org_id' }, { column: 'created_at' }, { column: 'id' }]);
  const taken = new Set<string>();
  const changed: { id: string; key: string }[] = [];
  for (const row of rows) {
    let key = keyOf(row.name);
    for (let attempt = 1; taken.has(`${row.org_id}\n${key}`); attempt += 1)
      key = keyOf(`${row.name} (${row.id}${attempt > 1 ? ` ${attempt}` : ''})`);
    taken.add(`${row.org_id}\n${key}`);
    if (key !== row.name_key) changed.push({ id: row.id, key });
  }
  // Two passes: a row's new key may be another row's old one, and the unique index checks
  // every statement.
  for (const { id } of changed)
    await knex('groups')
      .where({ id })
      .update({ name_key: `\u0001${id}` });
  for (const { id, key } of changed) await knex('groups').where({ id }).update({ name_key: key });
}

export async function up(knex: Knex): Promise<void> {
  await rekey(knex, groupNameKey);
}

/** Back to the key of 20261126080100_groups: trim, NFC, lower case. */
export async function down(knex: Knex): Promise<void> {
  await rekey(knex, (name) => name.trim().normalize('NFC').toLowerCase().normalize('NFC'));
}
