// Migration 20261204090000_idempotency_key_hashes on a database of its own, filled at the
// schema before it: every stored key keeps its answer and gets the hash of its exact bytes,
// after which keys that differ only by trailing spaces can coexist (MySQL's PAD SPACE
// collation made them one key before).
import { expect } from 'chai';
import { migrationSource } from '../../migrations/index.js';
import type { Database } from '../../src/data/database.js';
import { idempotencyKeyHash } from '../../src/data/idempotency-key-hash.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migration: idempotency keys compared by the hash of their bytes', () => {
  let database: TestDatabase;
  let db: Database;
  const created = new Date('2026-12-01T00:00:00Z');
  const row = (key: string, response: string) => ({
    org_id: 'org_k1',
    user_id: 'usr_k1',
    idempotency_key: key,
    request_hash: 'f'.repeat(64),
    response_status: 200,
    response,
    created_at: created,
    expires_at: new Date(created.getTime() + 86_400_000),
  });

  before(async () => {
    database = await createTestDatabase({ migrated: false });
    db = database.db;
    for (const migration of [
      '20261126080000_platform_tables',
      '20261126080100_groups',
      '20261126090000_group_name_keys',
      '20261126120000_group_versions',
      '20261126120100_idempotency_keys',
    ])
      await db.migrate.up({ migrationSource, name: migration });
  });

  after(async () => {
    await database?.drop();
  });

  it('keeps every stored answer, hashes its key, then tells trailing spaces apart; and migrates back', async () => {
    await db('organizations').insert({ id: 'org_k1', name: 'Keys', created_at: created });
    await db('idempotency_keys').insert([row('k', '{"first":true}'), row('K', '{"upper":true}')]);

    await db.migrate.up({ migrationSource, name: '20261204090000_idempotency_key_hashes' });
    const migrated = await db('idempotency_keys').select('idempotency_key', 'key_hash', 'response').orderBy('response');
    expect(
      migrated.map((stored: { idempotency_key: string; key_hash: Buffer; response: string }) => [
        stored.idempotency_key,
        Buffer.from(stored.key_hash).toString('hex'),
        stored.response,
      ]),
    ).to.deep.equal([
      ['k', idempotencyKeyHash('k').toString('hex'), '{"first":true}'],
      ['K', idempotencyKeyHash('K').toString('hex'), '{"upper":true}'],
    ]);
    await db('idempotency_keys').insert({ ...row('k ', '{"spaced":true}'), key_hash: idempotencyKeyHash('k ') });
    const spaced = await db('idempotency_keys').where({ key_hash: idempotencyKeyHash('k ') });
    expect(spaced.map((stored: { response: string }) => stored.response)).to.deep.equal(['{"spaced":true}']);

    await db('idempotency_keys')
      .where({ key_hash: idempotencyKeyHash('k ') })
      .delete();
    await db.migrate.down({ migrationSource });
    const back = await db('idempotency_keys').select('idempotency_key', 'response').orderBy('response');
    expect(back).to.deep.equal([
      { idempotency_key: 'k', response: '{"first":true}' },
      { idempotency_key: 'K', response: '{"upper":true}' },
    ]);
  });
});
