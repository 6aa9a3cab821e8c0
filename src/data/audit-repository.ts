// The audit trail. Rows carry the group id without a foreign key so that they outlive it;
// `seq` orders a group's events exactly as their transactions committed (the group row lock
// serializes writers).
import type { Executor } from './database.js';
import { toDate } from './values.js';

export type AuditAction = 'group.created' | 'group.updated' | 'group.deleted' | 'member.added' | 'member.removed';

export interface AuditEventRecord {
  id: string;
  orgId: string;
  groupId: string;
  action: AuditAction;
  actorId: string;
  subjectUserId: string | null;
  changes: Record<string, unknown> | null;
  requestId: string | null;
  createdAt: Date;
}

export interface StoredAuditEvent extends AuditEventRecord {
  seq: number;
}

interface AuditRow {
  seq: number | string;
  id: string;
  org_id: string;
  group_id: string;
  action: AuditAction;
  actor_id: string;
  subject_user_id: string | null;
  changes: string | null;
  request_id: string | null;
  created_at: Date | number;
}

export async function insertAuditEvents(db: Executor, events: AuditEventRecord[]): Promise<void> {
  const rows = events.map((event) => ({
    id: event.id,
    org_id: event.orgId,
    group_id: event.groupId,
    action: event.action,
    actor_id: event.actorId,
    subject_user_id: event.subjectUserId,
    changes: event.changes === null ? null : JSON.stringify(event.changes),
    request_id: event.requestId,
    created_at: event.createdAt,
  }));
  for (let start = 0; start < rows.length; start += 200)
    await db('audit_events').insert(rows.slice(start, start + 200));
}

/** A group's events, newest first, before a sequence number. */
export async function listAuditEvents(
  db: Executor,
  options: { orgId: string; groupId: string; beforeSeq?: number; limit: number },
): Promise<StoredAuditEvent[]> {
  const query = db<AuditRow>('audit_events').select('*').where({ org_id: options.orgId, group_id: options.groupId });
  if (options.beforeSeq !== undefined) query.andWhere('seq', '<', options.beforeSeq);
  const rows: AuditRow[] = await query.orderBy('seq', 'desc').limit(options.limit);
  return rows.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    orgId: row.org_id,
    groupId: row.group_id,
    action: row.action,
    actorId: row.actor_id,
    subjectUserId: row.subject_user_id,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as Record<string, unknown>),
    requestId: row.request_id,
    createdAt: toDate(row.created_at),
  }));
}

export async function hasAuditTrail(db: Executor, orgId: string, groupId: string): Promise<boolean> {
  return (await db('audit_events').select('seq').where({ org_id: orgId, group_id: groupId }).first()) !== undefined;
}
