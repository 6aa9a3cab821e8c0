// What the benchmark asks of and does to its databases between stages: whether the data is
// there, the schema brought up to date, the write scenarios' data put back, a quiet server.
import { createDatabase } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';
import type { SecretsKey } from '../../src/config.js';
import { benchIds } from './dataset.js';
import { databaseName, poolFor, serverConnection } from './mysql.js';
import { memberLists, writeGroups } from './scenarios.js';

/** True when the database has the schema and the generated data (its first organization). */
export async function databaseReady(url: string): Promise<boolean> {
  const connection = await serverConnection(url);
  try {
    const [rows] = (await connection.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
      [databaseName(url), 'activities'],
    )) as unknown as [unknown[]];
    if (rows.length === 0) return false;
    const [orgs] = (await connection.query(`SELECT id FROM \`${databaseName(url)}\`.organizations WHERE id = ?`, [
      benchIds.org(0),
    ])) as unknown as [unknown[]];
    return orgs.length > 0;
  } finally {
    await connection.end();
  }
}

/** Brings a benchmark database to the current schema, as an operator's deploy step would. */
export async function migrate(url: string, secretsKeys: SecretsKey[]): Promise<void> {
  const db = createDatabase({ url, sqliteFile: '', poolMax: 1 });
  try {
    await migrateToLatest(db, { secretsKeys });
  } finally {
    await db.destroy();
  }
}

export async function activityCount(url: string): Promise<number> {
  const pool = poolFor(url, 1);
  const [[row]] = (await pool.query('SELECT COUNT(*) AS n FROM activities')) as unknown as [[{ n: number }]];
  await pool.end();
  return Number(row.n);
}

/**
 * Waits until no statement runs on this database (up to 60 s): requests the load generator
 * abandoned at the end of a slice may still be running, and would slow the next slice or undo
 * a reset.
 */
export async function waitForQuietDatabase(url: string): Promise<void> {
  const pool = poolFor(url, 1);
  for (let quiet = 0, waited = 0; quiet < 3 && waited < 60_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [[row]] = (await pool.query(
      "SELECT COUNT(*) AS busy FROM information_schema.processlist WHERE db = ? AND command <> 'Sleep' AND id <> CONNECTION_ID()",
      [databaseName(url)],
    )) as unknown as [[{ busy: number }]];
    quiet = Number(row.busy) === 0 ? quiet + 1 : 0;
  }
  await pool.end();
}

/** Puts the write scenarios' data back: S5's groups hold list A, S6's leftovers are gone. */
export async function resetWrites(url: string): Promise<void> {
  const pool = poolFor(url, 1);
  const { a } = memberLists();
  const org = benchIds.org(0);
  await pool.query('DELETE FROM group_members WHERE org_id = ? AND group_id IN (?) AND user_id NOT IN (?)', [
    org,
    writeGroups,
    a,
  ]);
  const rows = writeGroups.flatMap((group) => a.map((user) => [group, user, org, new Date('2024-01-01T00:00:00Z')]));
  await pool.query('INSERT IGNORE INTO group_members (group_id, user_id, org_id, created_at) VALUES ?', [rows]);
  await pool.query("DELETE FROM `groups` WHERE org_id = ? AND name LIKE 'S6 %'", [org]);
  await pool.end();
}

export async function mariadbVersion(url: string): Promise<string> {
  const connection = await serverConnection(url);
  const [[row]] = (await connection.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
  await connection.end();
  return row.v;
}
