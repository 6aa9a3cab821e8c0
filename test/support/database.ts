// A fresh database per test run: on MySQL a new schema on the test server, on SQLite a new
// temporary file. TEST_DB picks which (`mysql` by default).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';

export type TestDialect = 'mysql' | 'sqlite';

export const dialect: TestDialect = process.env.TEST_DB === 'sqlite' ? 'sqlite' : 'mysql';
const serverUrl = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface TestDatabase {
  db: Database;
  /** Options that open another connection pool to the same database. */
  options: { url: string | undefined; sqliteFile: string; poolMax: number };
  drop(): Promise<void>;
}

/** A fresh database; migrated to the latest schema unless `migrated` is false (migration tests step through it). */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `groups_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const sqliteFile = join(tmpdir(), `${name}.sqlite`);
    const options = { url: undefined, sqliteFile, poolMax: 1 };
    const db = createDatabase(options);
    if (migrated) await migrateToLatest(db);
    return {
      db,
      options,
      async drop() {
        await db.destroy();
        for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
      },
    };
  }
  const admin = createDatabase({ url: serverUrl, sqliteFile: '', poolMax: 1 });
  await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_bin`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const options = { url: url.toString(), sqliteFile: '', poolMax: 20 };
  const db = createDatabase(options);
  if (migrated) await migrateToLatest(db);
  return {
    db,
    options,
    async drop() {
      await db.destroy();
      await admin.raw(`drop database if exists \`${name}\``);
      await admin.destroy();
    },
  };
}
