// The plain floor's answers (bench/plain-floor.ts): each read as its statements
// (lib/plain-statements.ts) and the API's JSON built from their rows by hand. What it borrows
// from the service is what makes the answer the same, not how it is reached: the page tokens'
// signature (src/domain/page-token.ts). It answers a staff caller, as the benchmark's are.
import type { Pool } from 'mysql2/promise';
import type { PageTokens } from '../../src/domain/page-token.js';
import {
  activeMembersSql,
  auditSql,
  callerSql,
  feedSql,
  groupExistsSql,
  groupSql,
  groupsPageSql,
} from './plain-statements.js';

export interface PlainCaller {
  id: string;
  orgId: string;
  role: string;
  timezone: string | null;
}

export interface PlainAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReadContext {
  pool: Pool;
  caller: PlainCaller;
  tokens: PageTokens;
  query: URLSearchParams;
}

type Row = Record<string, unknown>;

export async function rows(pool: Pool, sql: string, values: unknown[]): Promise<Row[]> {
  const [result] = await pool.execute(sql, values as never[]);
  return result as Row[];
}

const roles = ['athlete', 'coach', 'admin'];

/** The active caller the token names, or undefined (401). */
export async function readCaller(pool: Pool, userId: string): Promise<PlainCaller | undefined> {
  const [user] = await rows(pool, callerSql, [userId]);
  if (!user || user.status !== 'active' || !roles.includes(user.role as string)) return undefined;
  return {
    id: user.id as string,
    orgId: user.org_id as string,
    role: user.role as string,
    timezone: user.timezone as string | null,
  };
}

export const isStaff = (caller: PlainCaller) => caller.role === 'coach' || caller.role === 'admin';

export const groupNotFound: PlainAnswer = { status: 404, body: { code: 'group_not_found' } };
export const ok = (body: unknown, headers?: Record<string, string>): PlainAnswer => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});

const iso = (value: unknown) => (value as Date).toISOString();
// mysql2 parses a JSON column itself.
const ids = (json: unknown) => (json as string[] | null) ?? [];

function groupResource(row: Row, orgId: string) {
  const members = ids(row.members);
  return {
    group_id: row.id,
    name: row.name,
    description: row.description,
    privacy: row.privacy,
    owner_id: row.owner_id,
    organization_id: orgId,
    members,
    member_count: members.length,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The first `size` rows of `size + 1` fetched, and the token after the last when there are more. */
function pageOf(found: Row[], size: number, tokenAfter: (last: Row) => string): { page: Row[]; next: string | null } {
  const page = found.slice(0, size);
  const last = page.at(-1);
  return { page, next: found.length > size && last ? tokenAfter(last) : null };
}

export async function getGroup({ pool, caller }: ReadContext, groupId: string): Promise<PlainAnswer> {
  const [group] = await rows(pool, groupSql, [caller.orgId, groupId]);
  if (!group) return groupNotFound;
  return ok(groupResource(group, caller.orgId), { etag: `"v${Number(group.version)}"` });
}

export async function listGroups({ pool, caller, tokens, query }: ReadContext): Promise<PlainAnswer> {
  const pageSize = Number(query.get('page_size') ?? 50);
  const found = await rows(pool, groupsPageSql, [caller.orgId, caller.orgId, pageSize + 1]);
  const groups = found.filter((row) => row.id !== null);
  const { page, next } = pageOf(groups, pageSize, (last) =>
    tokens.issue(`listGroups:${caller.orgId}:*`, { id: last.id, key: last.name_key }),
  );
  return ok({
    groups: page.map((row) => groupResource(row, caller.orgId)),
    count: page.length,
    page_size: pageSize,
    next_page_token: next,
    total_athletes: Number(found[0]!.total),
    unassigned_count: Number(found[0]!.unassigned ?? 0),
  });
}

/** The group's active members by id with their names; undefined when there is no such group. */
export async function activeMembers(
  pool: Pool,
  orgId: string,
  groupId: string,
): Promise<Map<string, string> | undefined> {
  const found = await rows(pool, activeMembersSql, [orgId, groupId]);
  if (found.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const row of found) if (row.id !== null) names.set(row.id as string, row.name as string);
  return names;
}

export async function activityFeed(
  { pool, caller, tokens, query }: ReadContext,
  groupId: string,
): Promise<PlainAnswer> {
  const limit = Number(query.get('limit') ?? 20);
  const names = await activeMembers(pool, caller.orgId, groupId);
  if (!names) return groupNotFound;
  const found =
    names.size === 0 ? [] : await rows(pool, feedSql(names.size), [caller.orgId, ...names.keys(), limit + 1]);
  const { page, next } = pageOf(found, limit, (last) =>
    tokens.issue(`listGroupActivities:${caller.orgId}:${groupId}:::`, {
      startTimeMs: (last.start_time as Date).getTime(),
      id: last.id,
    }),
  );
  return ok({
    activities: page.map((row) => ({
      activity_id: row.id,
      user_id: row.user_id,
      user_name: names.get(row.user_id as string),
      name: row.name,
      type: row.type,
      sub_type: row.sub_type,
      start_time: iso(row.start_time),
      start_date_local: row.start_date_local,
      distance: row.distance,
      duration: row.duration,
      vdot_load: row.vdot_load,
      nexrex_ete_plus: row.nexrex_ete_plus,
    })),
    count: page.length,
    next_page_token: next,
  });
}

export async function auditPage({ pool, caller, tokens, query }: ReadContext, groupId: string): Promise<PlainAnswer> {
  const pageSize = Number(query.get('page_size') ?? 50);
  const found = await rows(pool, auditSql, [caller.orgId, groupId, pageSize + 1]);
  // Staff read a deleted group's trail too: only an empty trail asks whether the group is there.
  if (found.length === 0 && (await rows(pool, groupExistsSql, [caller.orgId, groupId])).length === 0)
    return groupNotFound;
  const { page, next } = pageOf(found, pageSize, (last) =>
    tokens.issue(`listGroupAuditEvents:${caller.orgId}:${groupId}`, { seq: Number(last.seq) }),
  );
  return ok({
    events: page.map((row) => ({
      event_id: row.id,
      group_id: row.group_id,
      actor_id: row.actor_id,
      created_at: iso(row.created_at),
      request_id: row.request_id,
      action: row.action,
      subject_user_id: row.subject_user_id,
      changes: row.changes === null ? null : (JSON.parse(row.changes as string) as unknown),
    })),
    count: page.length,
    next_page_token: next,
  });
}
