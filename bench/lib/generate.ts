// Writes the benchmark data set into a fresh database: migrated with the project's
// migrations, then filled with multi-row inserts over a few connections.
import { createDatabase } from '../../src/data/database.js';
import { migrateToLatest } from '../../src/data/migrate.js';
import {
  activityColumns,
  activityValues,
  listOrganizationRows,
  listOrgSizes,
  organizationRows,
  rowValues,
  type OrganizationRows,
  type Row,
  type Sizes,
} from './dataset.js';
import { databaseName, poolFor, serverConnection } from './mysql.js';

export async function generate(
  sizes: Sizes,
  url: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const name = databaseName(url);
  const server = await serverConnection(url);
  await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await server.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await server.end();

  const knex = createDatabase({ url, sqliteFile: ':memory:', poolMax: 2 });
  await migrateToLatest(knex);
  await knex.destroy();

  const connections = 4;
  const pool = poolFor(url, connections);
  // The rows are consistent by construction; skipping the checks is what a bulk load does.
  pool.on('connection', (connection) => {
    void connection.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  });
  const counts: Record<string, number> = {};
  const insertRows = async (table: string, rows: Row[]) => {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000).map((row) => rowValues(row, columns));
      await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.join(',')}`);
    }
    counts[table] = (counts[table] ?? 0) + rows.length;
  };
  const insertOrganization = async (rows: OrganizationRows) => {
    await insertRows('organizations', [rows.organization]);
    await insertRows('users', rows.users);
    await insertRows('`groups`', rows.groups);
    await insertRows('group_members', rows.members);
    await insertRows('audit_events', rows.audit);
  };

  const started = performance.now();
  for (let i = 0; i < sizes.orgs; i += 1) await insertOrganization(organizationRows(sizes, i));
  for (const groups of listOrgSizes) await insertOrganization(listOrganizationRows(sizes.seed, groups));
  const metadataSeconds = (performance.now() - started) / 1000;

  // Activities: statements of 10,000 rows, up to `connections` in flight. Rows come in
  // primary-key and (user_id, …) order, so every index grows at its end.
  const activitiesStarted = performance.now();
  let activities = 0;
  const inFlight = new Set<Promise<unknown>>();
  const send = async (batch: string[]) => {
    const statement = pool.query(`INSERT INTO activities ${activityColumns} VALUES ${batch.join(',')}`);
    inFlight.add(statement);
    void statement.finally(() => inFlight.delete(statement)).catch(() => undefined);
    if (inFlight.size >= connections) await Promise.race(inFlight);
  };
  let batch: string[] = [];
  for (let i = 0; i < sizes.orgs; i += 1) {
    for (const values of activityValues(sizes, i)) {
      batch.push(values);
      if (batch.length === 10000) {
        activities += batch.length;
        await send(batch);
        batch = [];
      }
    }
    log(`  organization ${i + 1}/${sizes.orgs}: ${activities} activities so far`);
  }
  if (batch.length > 0) {
    activities += batch.length;
    await send(batch);
  }
  await Promise.all(inFlight);
  const activitySeconds = (performance.now() - activitiesStarted) / 1000;
  counts.activities = activities;
  await pool.query('ANALYZE TABLE activities, users, `groups`, group_members, audit_events');
  await pool.end();
  counts.metadata_seconds = Math.round(metadataSeconds * 10) / 10;
  counts.activity_seconds = Math.round(activitySeconds * 10) / 10;
  counts.activity_rows_per_second = Math.round(activities / activitySeconds);
  return counts;
}
