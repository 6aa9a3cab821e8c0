// Upserts a sandbox dataset in one transaction: every row is checked first (shape, then
// references against the file and the database), and a single problem writes nothing.
import type { Knex } from 'knex';
import type { Database } from '../data/database.js';
import { DatasetError, parseDataset, type Dataset } from './dataset.js';

export interface LoadResult {
  organizations: number;
  users: number;
  activities: number;
}

async function existingOrgIds(
  trx: Knex.Transaction,
  table: 'organizations' | 'users',
  ids: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    type Row = { id: string; org_id: string };
    const rows =
      table === 'organizations'
        ? await trx('organizations').select<Row[]>('id', 'id as org_id').whereIn('id', chunk)
        : await trx('users').select<Row[]>('id', 'org_id').whereIn('id', chunk);
    for (const row of rows) found.set(row.id, row.org_id);
  }
  return found;
}

async function checkReferences(trx: Knex.Transaction, dataset: Dataset): Promise<string[]> {
  const problems: string[] = [];
  const orgIds = new Set(dataset.organizations.map((org) => org.id));
  const userOrg = new Map(dataset.users.map((user) => [user.id, user.org_id]));

  const storedOrgs = await existingOrgIds(trx, 'organizations', [
    ...new Set(dataset.users.map((user) => user.org_id).filter((id) => !orgIds.has(id))),
  ]);
  const storedUsers = await existingOrgIds(trx, 'users', [
    ...new Set([...dataset.users.map((user) => user.id), ...dataset.activities.map((activity) => activity.user_id)]),
  ]);

  dataset.users.forEach((user, index) => {
    if (!orgIds.has(user.org_id) && !storedOrgs.has(user.org_id))
      problems.push(`users[${index}].org_id: organization ${user.org_id} does not exist`);
    const storedOrg = storedUsers.get(user.id);
    if (storedOrg && storedOrg !== user.org_id)
      problems.push(`users[${index}].org_id: user ${user.id} already belongs to ${storedOrg}`);
  });
  dataset.activities.forEach((activity, index) => {
    const owner = userOrg.get(activity.user_id) ?? storedUsers.get(activity.user_id);
    if (!owner) problems.push(`activities[${index}].user_id: user ${activity.user_id} does not exist`);
    else if (owner !== activity.org_id)
      problems.push(
        `activities[${index}].org_id: user ${activity.user_id} belongs to ${owner}, not ${activity.org_id}`,
      );
  });
  return problems;
}

async function upsert(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
  keepOnUpdate: string[] = [],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const columns = Object.keys(chunk[0]!).filter((column) => column !== 'id' && !keepOnUpdate.includes(column));
    await trx(table).insert(chunk).onConflict('id').merge(columns);
  }
}

export async function loadDataset(db: Database, input: unknown, now = new Date()): Promise<LoadResult> {
  const { dataset, problems } = parseDataset(input);
  if (problems.length > 0) throw new DatasetError(problems);

  await db.transaction(async (trx) => {
    const referenceProblems = await checkReferences(trx, dataset);
    if (referenceProblems.length > 0) throw new DatasetError(referenceProblems);
    await upsert(
      trx,
      'organizations',
      dataset.organizations.map((org) => ({ id: org.id, name: org.name, created_at: now })),
      ['created_at'],
    );
    await upsert(
      trx,
      'users',
      dataset.users.map((user) => ({
        id: user.id,
        org_id: user.org_id,
        name: user.name,
        role: user.role,
        status: user.status,
        timezone: user.timezone ?? null,
        created_at: now,
      })),
      ['created_at'],
    );
    await upsert(
      trx,
      'activities',
      dataset.activities.map((activity) => ({
        id: activity.id,
        org_id: activity.org_id,
        user_id: activity.user_id,
        name: activity.name ?? null,
        type: activity.type,
        sub_type: activity.sub_type ?? null,
        status: activity.status,
        start_time: new Date(activity.start_time),
        start_date_local: activity.start_date_local,
        distance: activity.distance,
        duration: activity.duration,
        vdot_load: activity.vdot_load ?? null,
        nexrex_ete_plus: activity.nexrex_ete_plus ?? null,
      })),
    );
  });
  return {
    organizations: dataset.organizations.length,
    users: dataset.users.length,
    activities: dataset.activities.length,
  };
}
