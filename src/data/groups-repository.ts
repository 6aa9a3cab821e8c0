// Groups and their members. Every query is scoped by organization: the tenant key.
import { isMysql, type Executor } from './database.js';
import { toDate } from './values.js';

export interface GroupRecord {
  id: string;
  orgId: string;
  name: string;
  nameKey: string;
  description: string | null;
  privacy: 'public' | 'private';
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change of the group or its members: the ETag's source. */
  version: number;
}

interface GroupRow {
  id: string;
  org_id: string;
  name: string;
  name_key: string;
  description: string | null;
  privacy: 'public' | 'private';
  owner_id: string;
  created_at: Date | number;
  updated_at: Date | number;
  version: number | string;
}

const groupColumns = [
  'id',
  'org_id',
  'name',
  'name_key',
  'description',
  'privacy',
  'owner_id',
  'created_at',
  'updated_at',
  'version',
] as const;

function toRecord(row: GroupRow): GroupRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    nameKey: row.name_key,
    description: row.description,
    privacy: row.privacy,
    ownerId: row.owner_id,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    version: Number(row.version),
  };
}

export async function findGroup(
  db: Executor,
  orgId: string,
  groupId: string,
  options: { forUpdate?: boolean } = {},
): Promise<GroupRecord | undefined> {
  const query = db<GroupRow>('groups')
    .select(...groupColumns)
    .where({ org_id: orgId, id: groupId })
    .first();
  // SQLite has no row locks; its writers are serialized by the database lock instead.
  const row = await (options.forUpdate && isMysql(db) ? query.forUpdate() : query);
  return row ? toRecord(row) : undefined;
}

export interface GroupWithMemberNames {
  group: GroupRecord;
  /** Member ids, sorted. */
  members: string[];
  /** The active users of the organization among the members, with their names. */
  activeMemberNames: Map<string, string>;
}

/** A group, its members and their names in one round trip (no lock: for reads). */
export async function findGroupWithMemberNames(
  db: Executor,
  orgId: string,
  groupId: string,
): Promise<GroupWithMemberNames | undefined> {
  const rows = await db('groups as g')
    .select<(GroupRow & { member_id: string | null; member_name: string | null; member_status: string | null })[]>(
      ...groupColumns.map((column) => `g.${column}`),
      'gm.user_id as member_id',
      'u.name as member_name',
      'u.status as member_status',
    )
    .leftJoin('group_members as gm', (join) => join.on('gm.group_id', 'g.id').andOn('gm.org_id', 'g.org_id'))
    .leftJoin('users as u', (join) => join.on('u.id', 'gm.user_id').andOn('u.org_id', 'g.org_id'))
    .where({ 'g.org_id': orgId, 'g.id': groupId })
    .orderBy('gm.user_id');
  if (rows.length === 0) return undefined;
  const members: string[] = [];
  const activeMemberNames = new Map<string, string>();
  for (const row of rows) {
    if (row.member_id === null) continue;
    members.push(row.member_id);
    if (row.member_status === 'active' && row.member_name !== null)
      activeMemberNames.set(row.member_id, row.member_name);
  }
  return { group: toRecord(rows[0]!), members, activeMemberNames };
}

export async function insertGroup(db: Executor, group: GroupRecord): Promise<void> {
  await db('groups').insert({
    id: group.id,
    org_id: group.orgId,
    name: group.name,
    name_key: group.nameKey,
    description: group.description,
    privacy: group.privacy,
    owner_id: group.ownerId,
    created_at: group.createdAt,
    updated_at: group.updatedAt,
    version: group.version,
  });
}

export interface GroupChanges {
  name?: string;
  nameKey?: string;
  description?: string | null;
  privacy?: 'public' | 'private';
  updatedAt: Date;
}

export async function updateGroup(db: Executor, orgId: string, groupId: string, changes: GroupChanges): Promise<void> {
  // Every change bumps the version, in the caller's transaction (the row is locked by then).
  const columns: Record<string, unknown> = { updated_at: changes.updatedAt, version: db.raw('?? + 1', ['version']) };
  if (changes.name !== undefined) columns.name = changes.name;
  if (changes.nameKey !== undefined) columns.name_key = changes.nameKey;
  if (changes.description !== undefined) columns.description = changes.description;
  if (changes.privacy !== undefined) columns.privacy = changes.privacy;
  await db('groups').where({ org_id: orgId, id: groupId }).update(columns);
}

/** Memberships go with the group (ON DELETE CASCADE). */
export async function deleteGroup(db: Executor, orgId: string, groupId: string): Promise<void> {
  await db('groups').where({ org_id: orgId, id: groupId }).delete();
}

export async function listMemberIds(db: Executor, orgId: string, groupId: string): Promise<string[]> {
  const rows = await db('group_members')
    .select('user_id')
    .where({ org_id: orgId, group_id: groupId })
    .orderBy('user_id');
  return rows.map((row: { user_id: string }) => row.user_id);
}

/** Member ids of several groups at once, each list sorted; a group without members has an empty list. */
export async function membersOfGroups(db: Executor, orgId: string, groupIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return members;
  const rows = await db('group_members')
    .select<{ group_id: string; user_id: string }[]>('group_id', 'user_id')
    .where({ org_id: orgId })
    .whereIn('group_id', groupIds)
    .orderBy(['group_id', 'user_id']);
  for (const row of rows) members.get(row.group_id)!.push(row.user_id);
  return members;
}

export async function addMembers(
  db: Executor,
  orgId: string,
  groupId: string,
  userIds: string[],
  now: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  const rows = userIds.map((userId) => ({ org_id: orgId, group_id: groupId, user_id: userId, created_at: now }));
  // Chunks keep each statement well under SQLite's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 200)
    await db('group_members').insert(rows.slice(start, start + 200));
}

export async function removeMembers(db: Executor, orgId: string, groupId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db('group_members').where({ org_id: orgId, group_id: groupId }).whereIn('user_id', userIds).delete();
}

export interface GroupPosition {
  nameKey: string;
  /** The tie-break after an equal key; without it, the list continues strictly after the key. */
  id?: string;
}

/**
 * Groups ordered by name key, then id, after a position; `ownerId` narrows to one owner,
 * `memberId` to the groups with that member.
 */
export async function listGroups(
  db: Executor,
  options: { orgId: string; ownerId?: string; memberId?: string; after?: GroupPosition; limit: number },
): Promise<GroupRecord[]> {
  const query = db<GroupRow>('groups')
    .select(...groupColumns)
    .where({ org_id: options.orgId });
  if (options.ownerId !== undefined) query.andWhere({ owner_id: options.ownerId });
  // A semi-join: the optimizer may read the member's few rows by group_members_org_user first.
  if (options.memberId !== undefined)
    query.whereIn(
      'id',
      db('group_members').select('group_id').where({ org_id: options.orgId, user_id: options.memberId }),
    );
  if (options.after) {
    const { nameKey, id } = options.after;
    query.andWhere((where) => {
      where.where('name_key', '>', nameKey);
      if (id !== undefined) {
        where.orWhere((tie) => {
          tie.where('name_key', nameKey).andWhere('id', '>', id);
        });
      }
    });
  }
  // name_key is unique within the organization, so it orders completely; adding `id` to the
  // ORDER BY (a no-op for the result) made MariaDB sort all of the organization's groups
  // instead of reading one page along groups_org_name_key (S2 with 2,000 groups).
  const rows = await query.orderBy('name_key').limit(options.limit);
  return rows.map(toRecord);
}

/** A group's current name key, by the (org_id, id) primary-key lookup. */
export async function findGroupNameKey(db: Executor, orgId: string, groupId: string): Promise<string | undefined> {
  const row = await db('groups')
    .select<{ name_key: string }[]>('name_key')
    .where({ org_id: orgId, id: groupId })
    .first();
  return row?.name_key;
}

/** Active athletes of the organization, and how many of them are in no group (one statement). */
export async function athleteAssignment(db: Executor, orgId: string): Promise<{ total: number; unassigned: number }> {
  const row = (await db('users')
    .where({ 'users.org_id': orgId, 'users.role': 'athlete', 'users.status': 'active' })
    .count({ total: '*' })
    .select(
      db.raw('SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM ?? WHERE ?? = ? AND ?? = ??) THEN 1 ELSE 0 END) AS ??', [
        'group_members',
        'group_members.org_id',
        orgId,
        'group_members.user_id',
        'users.id',
        'unassigned',
      ]),
    )
    .first()) as { total: number | string | null; unassigned: number | string | null } | undefined;
  return { total: Number(row?.total ?? 0), unassigned: Number(row?.unassigned ?? 0) };
}
