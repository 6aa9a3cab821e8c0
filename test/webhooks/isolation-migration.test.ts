// Migration 20261207090000_webhook_isolation on a database of its own: up adds the breaker's
// columns and the endpoint-led indexes and renames the events' subject, keeping what the
// tables hold; down undoes it (dropping the events the old version cannot read); and on MySQL
// an up that finds part of its work done (an interrupted run, indexes built by hand on Galera)
// does only the rest.
import { expect } from 'chai';
import { migrationSource } from '../../migrations/index.js';
import { isMysql, type Database } from '../../src/data/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const name = '20261207090000_webhook_isolation';
const later = ['20261207110000_webhook_secrets_at_rest', '20261207100000_feed_horizons'];

async function columns(db: Database, table: string): Promise<string[]> {
  if (isMysql(db)) {
    const [rows] = (await db.raw(
      'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
      [table],
    )) as unknown as [{ name: string }[]];
    return rows.map((row) => row.name).sort();
  }
  return (await db.raw<{ name: string }[]>(`PRAGMA table_info('${table}')`)).map((row) => row.name).sort();
}

async function indexes(db: Database, table: string): Promise<string[]> {
  if (isMysql(db)) {
    const [rows] = (await db.raw(
      'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?',
      [table],
    )) as unknown as [{ name: string }[]];
    return rows.map((row) => row.name).sort();
  }
  const rows = await db.raw<{ name: string; origin: string }[]>(`PRAGMA index_list('${table}')`);
  return rows
    .filter((row) => row.origin === 'c' || row.origin === 'u')
    .map((row) => row.name)
    .sort();
}

describe('migration: webhook isolation', () => {
  let database: TestDatabase;
  let db: Database;

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    db = database.db;
    await db.migrate.latest({ migrationSource });
    for (const migration of later) await db.migrate.down({ migrationSource, name: migration });
    const now = new Date();
    await db('organizations').insert({ id: 'org_mig', name: 'Migrating club', created_at: now });
    await db('change_events').insert([
      {
        id: 'evt_group',
        org_id: 'org_mig',
        subject_id: 'grp_mig',
        subject_sequence: 1,
        type: 'group.created',
        data: '{}',
        created_at: now,
      },
      {
        id: 'evt_ping',
        org_id: 'org_mig',
        subject_id: 'whe_mig',
        subject_sequence: 1,
        type: 'webhook_endpoint.ping',
        data: '{}',
        created_at: now,
      },
    ]);
  });

  after(async () => {
    await database?.drop();
  });

  it('down renames the subject back, drops what the old version cannot read, and restores its index; up again keeps the rest', async () => {
    await db.migrate.down({ migrationSource, name });
    expect(await columns(db, 'change_events'))
      .to.include.members(['group_id', 'group_sequence'])
      .and.not.include('subject_id');
    expect(await db('change_events').pluck('id')).to.deep.equal(['evt_group']);
    expect(await columns(db, 'webhook_endpoints')).to.not.include('paused_until');
    expect(await indexes(db, 'webhook_deliveries'))
      .to.include('webhook_deliveries_due')
      .and.not.include('webhook_deliveries_endpoint_due');

    await db.migrate.up({ migrationSource, name });
    expect(await columns(db, 'change_events'))
      .to.include.members(['subject_id', 'subject_sequence'])
      .and.not.include('group_id');
    expect(await db('change_events').select('id', 'subject_id', 'subject_sequence')).to.deep.equal([
      { id: 'evt_group', subject_id: 'grp_mig', subject_sequence: 1 },
    ]);
    expect(await columns(db, 'webhook_endpoints')).to.include.members([
      'consecutive_failures',
      'paused_until',
      'paused_since',
      'pause_notified',
      'last_claim_at',
    ]);
    expect(await indexes(db, 'webhook_deliveries'))
      .to.include.members([
        'webhook_deliveries_endpoint_due',
        'webhook_deliveries_claimed',
        'webhook_deliveries_redeliveries',
      ])
      .and.not.include('webhook_deliveries_due');
    expect(await indexes(db, 'change_events')).to.include('change_events_subject_sequence');
  });

  it('up that finds indexes built by hand and a column added does only the rest (MySQL)', async function () {
    if (!isMysql(db)) this.skip();
    await db.migrate.down({ migrationSource, name });
    await db.raw(
      'ALTER TABLE webhook_deliveries ADD INDEX webhook_deliveries_endpoint_due (status, endpoint_id, next_attempt_at)',
    );
    await db.raw('ALTER TABLE webhook_endpoints ADD COLUMN consecutive_failures INT NOT NULL DEFAULT 0');
    const [, applied] = (await db.migrate.up({ migrationSource, name })) as [number, string[]];
    expect(applied).to.deep.equal([name]);
    expect(await indexes(db, 'webhook_deliveries'))
      .to.include.members(['webhook_deliveries_endpoint_due', 'webhook_deliveries_claimed'])
      .and.not.include('webhook_deliveries_due');
    expect(await columns(db, 'webhook_endpoints')).to.include.members(['consecutive_failures', 'pause_notified']);
  });

  it('leaves the database at the latest schema', async () => {
    await db.migrate.latest({ migrationSource });
    const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    expect(pending).to.deep.equal([]);
  });
});
