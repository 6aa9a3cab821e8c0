import type { Executor } from './database.js';

export interface UserRow {
  id: string;
  org_id: string;
  name: string;
  role: string;
  status: string;
  timezone: string | null;
}

export async function findUserById(db: Executor, userId: string): Promise<UserRow | undefined> {
  return db<UserRow>('users')
    .select('id', 'org_id', 'name', 'role', 'status', 'timezone')
    .where({ id: userId })
    .first();
}

/** Which of these ids are active users of the organization. */
export async function activeUserIds(db: Executor, orgId: string, userIds: string[]): Promise<Set<string>> {
  return new Set((await activeUserNames(db, orgId, userIds)).keys());
}

/** Any active coach, for the quick start's example request. */
export async function findAnyActiveCoach(db: Executor): Promise<UserRow | undefined> {
  return db<UserRow>('users')
    .select('id', 'org_id', 'name', 'role', 'status', 'timezone')
    .where({ role: 'coach', status: 'active' })
    .orderBy('id')
    .first();
}

/** Every user, for `npm run token` without an id to list whom it can sign for. */
export async function listUsers(db: Executor): Promise<UserRow[]> {
  return db<UserRow>('users')
    .select('id', 'org_id', 'name', 'role', 'status', 'timezone')
    .orderBy([{ column: 'org_id' }, { column: 'id' }]);
}

export async function hasAnyOrganization(db: Executor): Promise<boolean> {
  return (await db('organizations').select('id').first()) !== undefined;
}

/** The active users among these ids, with their display names. */
export async function activeUserNames(db: Executor, orgId: string, userIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < userIds.length; start += 500) {
    const rows = await db('users')
      .select<{ id: string; name: string }[]>('id', 'name')
      .where({ org_id: orgId, status: 'active' })
      .whereIn('id', userIds.slice(start, start + 500));
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
