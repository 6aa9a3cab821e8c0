// Migration 20261126090000_group_name_keys on a database of its own, filled at the schema
// before it with keys of the old rule (trim, NFC, lower case).
import { expect } from 'chai';
import { migrationSource } from '../../migrations/index.js';
import type { Database } from '../../src/data/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const oldKey = (name: string) => name.trim().normalize('NFC').toLowerCase().normalize('NFC');

describe('migration: group name keys by the new rule', () => {
  let database: TestDatabase;
  let db: Database;

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    db = database.db;
    await db.migrate.up({ migrationSource, name: '20261126080000_platform_tables' });
    await db.migrate.up({ migrationSource, name: '20261126080100_groups' });
  });

  after(async () => {
    await database?.drop();
  });

  it('recomputes every key, gives a shared key to the oldest group and keeps the others apart', async () => {
    const created = new Date('2026-01-01T00:00:00Z');
    await db('organizations').insert([
      { id: 'org_m1', name: 'One', created_at: created },
      { id: 'org_m2', name: 'Two', created_at: created },
    ]);
    await db('users').insert([
      { id: 'usr_c1', org_id: 'org_m1', name: 'C', role: 'coach', status: 'active', created_at: created },
      { id: 'usr_c2', org_id: 'org_m2', name: 'C', role: 'coach', status: 'active', created_at: created },
    ]);
    const groups: [id: string, org: string, name: string, minute: number][] = [
      ['grp_zero_width', 'org_m1', 'Marathon\u200B Block A', 2],
      ['grp_plain', 'org_m1', 'Marathon Block A', 1],
      ['grp_full_width', 'org_m1', '\uFF2DARATHON  block a', 3],
      ['grp_other', 'org_m1', 'Ｔrack\u00A0Tuesday', 4],
      ['grp_same_name_elsewhere', 'org_m2', 'marathon block a', 5],
      ['grp_unchanged', 'org_m2', 'Easy Runs', 6],
    ];
    await db('groups').insert(
      groups.map(([id, org, groupName, minute]) => ({
        id,
        org_id: org,
        name: groupName,
        name_key: oldKey(groupName),
        description: null,
        privacy: 'public',
        owner_id: org === 'org_m1' ? 'usr_c1' : 'usr_c2',
        created_at: new Date(created.getTime() + minute * 60_000),
        updated_at: created,
      })),
    );

    const [, applied] = (await db.migrate.up({ migrationSource, name: '20261126090000_group_name_keys' })) as [
      number,
      string[],
    ];
    expect(applied).to.deep.equal(['20261126090000_group_name_keys']);
    const keys = async () =>
      Object.fromEntries(
        (await db('groups').select('id', 'name_key')).map((row: { id: string; name_key: string }) => [
          row.id,
          row.name_key,
        ]),
      );
    expect(await keys()).to.deep.equal({
      grp_plain: 'marathon block a',
      grp_zero_width: 'marathon block a (grp_zero_width)',
      grp_full_width: 'marathon block a (grp_full_width)',
      grp_other: 'track tuesday',
      grp_same_name_elsewhere: 'marathon block a',
      grp_unchanged: 'easy runs',
    });
    expect(await db('groups').count({ count: '*' }).first()).to.deep.equal({ count: 6 });

    await db.migrate.down({ migrationSource });
    expect(await keys()).to.deep.equal(Object.fromEntries(groups.map(([id, , groupName]) => [id, oldKey(groupName)])));
  });
});
