// Migration 20261204160000_activity_reads_index on a database of its own: up swaps
// (user_id, start_time) for the covering index, down swaps them back, and on MySQL an up after
// an operator built the new index by hand (node by node on Galera) only drops the old one.
import { expect } from 'chai';
import { migrationSource } from '../../migrations/index.js';
import { isMysql, type Database } from '../../src/data/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const name = '20261204160000_activity_reads_index';

async function activityIndexes(db: Database): Promise<string[]> {
  if (isMysql(db)) {
    const [rows] = (await db.raw(
      'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?',
      ['activities'],
    )) as unknown as [{ name: string }[]];
    return rows.map((row) => row.name).sort();
  }
  const rows = await db.raw<{ name: string; origin: string }[]>("PRAGMA index_list('activities')");
  return rows
    .filter((row) => row.origin === 'c')
    .map((row) => row.name)
    .sort();
}

describe('migration: the covering index of activities', () => {
  let database: TestDatabase;
  let db: Database;

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    db = database.db;
    await db.migrate.latest({ migrationSource });
  });

  after(async () => {
    await database?.drop();
  });

  it('up holds the covering index and not (user_id, start_time); down the other way round', async () => {
    expect(await activityIndexes(db))
      .to.include('activities_user_status_start')
      .and.not.include('activities_user_start_time');
    await db.migrate.down({ migrationSource, name });
    expect(await activityIndexes(db))
      .to.include('activities_user_start_time')
      .and.not.include('activities_user_status_start');
    await db.migrate.up({ migrationSource, name });
    expect(await activityIndexes(db))
      .to.include('activities_user_status_start')
      .and.not.include('activities_user_start_time');
  });

  it('up after the index was built by hand only drops the old one (MySQL)', async function () {
    if (!isMysql(db)) this.skip();
    await db.migrate.down({ migrationSource, name });
    await db.raw(
      'ALTER TABLE activities ADD INDEX activities_user_status_start (user_id, status, start_time, id, org_id, sub_type, start_date_local, distance, duration, vdot_load, nexrex_ete_plus)',
    );
    const [, applied] = (await db.migrate.up({ migrationSource, name })) as [number, string[]];
    expect(applied).to.deep.equal([name]);
    expect(await activityIndexes(db))
      .to.include('activities_user_status_start')
      .and.not.include('activities_user_start_time');
  });
});
