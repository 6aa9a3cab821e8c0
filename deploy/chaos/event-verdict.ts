// The cluster test's account of partner events: after the load and its faults, every committed
// change of a group has exactly one event, every event exactly one queued delivery, and the
// receiver got every event at least once, signed so that `standardwebhooks` verifies it.
import type { Knex } from 'knex';
import { Webhook } from 'standardwebhooks';
import type { Received } from '../../test/support/webhook-receiver.js';

interface EventRow {
  id: string;
  subject_id: string;
  subject_sequence: number;
  type: string;
  data: string;
}

export interface EventVerdict {
  events: number;
  /** Groups whose events do not number 1…n, start with one group.created, end with group.deleted iff deleted, or replay to other members. */
  groupsOff: string[];
  /** Audit events told by no change event, or by more than one. */
  auditUntold: number;
  auditToldTwice: number;
  /** Events without exactly one delivery queued (redeliveries aside). */
  queuedOff: number;
  /** Events the receiver never got, and receipts whose signature did not verify. */
  undelivered: number;
  unverified: number;
  /** Receipts beyond one per event (at least once: allowed, counted). */
  duplicates: number;
}

/** The events of an organization as stored, and whether each reached the receiver. */
export async function verifyEvents(
  db: Knex,
  orgId: string,
  endpointId: string,
  secret: string,
  received: Received[],
): Promise<EventVerdict> {
  const events = await db('change_events')
    .where({ org_id: orgId })
    .andWhere('type', 'like', 'group.%')
    .orderBy([{ column: 'subject_id' }, { column: 'subject_sequence' }])
    .select<EventRow[]>('id', 'subject_id', 'subject_sequence', 'type', 'data');
  const groups = new Map<string, boolean>(
    (await db('groups').where({ org_id: orgId }).select<{ id: string }[]>('id')).map((row) => [row.id, true]),
  );
  const members = new Map<string, Set<string>>();
  for (const row of await db('group_members')
    .where({ org_id: orgId })
    .select<{ group_id: string; user_id: string }[]>('group_id', 'user_id'))
    members.set(row.group_id, (members.get(row.group_id) ?? new Set()).add(row.user_id));

  const byGroup = new Map<string, EventRow[]>();
  for (const event of events) byGroup.set(event.subject_id, [...(byGroup.get(event.subject_id) ?? []), event]);
  const groupsOff: string[] = [];
  for (const [groupId, told] of byGroup) {
    const numbered = told.every((event, index) => Number(event.subject_sequence) === index + 1);
    const created = told[0]?.type === 'group.created' && told.filter((e) => e.type === 'group.created').length === 1;
    const deletes = told.filter((event) => event.type === 'group.deleted').length;
    const deletedLast = deletes === 0 || (deletes === 1 && told.at(-1)!.type === 'group.deleted');
    const replayed = new Set<string>();
    for (const event of told) {
      const data = JSON.parse(event.data) as { members?: string[]; added?: string[]; removed?: string[] };
      if (event.type === 'group.created') for (const id of data.members ?? []) replayed.add(id);
      for (const id of data.added ?? []) replayed.add(id);
      for (const id of data.removed ?? []) replayed.delete(id);
    }
    const stored = members.get(groupId) ?? new Set<string>();
    const exists = groups.has(groupId);
    const membersMatch = !exists || (replayed.size === stored.size && [...stored].every((id) => replayed.has(id)));
    if (!(numbered && created && deletedLast && (deletes === 1) === !exists && membersMatch)) groupsOff.push(groupId);
  }
  for (const groupId of groups.keys()) if (!byGroup.has(groupId)) groupsOff.push(groupId);

  const auditIds = (await db('audit_events').where({ org_id: orgId }).select<{ id: string }[]>('id')).map(
    (row) => row.id,
  );
  const told = new Map<string, number>();
  for (const event of events)
    for (const id of (JSON.parse(event.data) as { audit_event_ids: string[] }).audit_event_ids)
      told.set(id, (told.get(id) ?? 0) + 1);
  const stored = new Set(auditIds);
  const auditUntold =
    auditIds.filter((id) => !told.has(id)).length + [...told.keys()].filter((id) => !stored.has(id)).length;
  const auditToldTwice = [...told.values()].filter((count) => count > 1).length;

  const queued = new Map<string, number>();
  for (const row of await db('webhook_deliveries')
    .where({ org_id: orgId, endpoint_id: endpointId, redelivery: false })
    .select<{ event_id: string }[]>('event_id'))
    queued.set(row.event_id, (queued.get(row.event_id) ?? 0) + 1);
  const queuedOff = events.filter((event) => queued.get(event.id) !== 1).length;

  // Signatures are checked as `standardwebhooks` makes them, at the time each receipt was
  // signed (verify() would also hold the receipts to 5 minutes from now, which a slow run passes).
  const webhook = new Webhook(secret);
  let unverified = 0;
  const receipts = new Map<string, number>();
  for (const receipt of received) {
    const id = String(receipt.headers['webhook-id']);
    const signedAt = new Date(Number(receipt.headers['webhook-timestamp']) * 1000);
    const signatures = String(receipt.headers['webhook-signature']).split(' ');
    if (!signatures.includes(webhook.sign(id, signedAt, receipt.body))) {
      unverified++;
      continue;
    }
    receipts.set(id, (receipts.get(id) ?? 0) + 1);
  }
  const undelivered = events.filter((event) => !receipts.has(event.id)).length;
  const duplicates = [...receipts.values()].reduce((sum, count) => sum + count - 1, 0);
  return {
    events: events.length,
    groupsOff,
    auditUntold,
    auditToldTwice,
    queuedOff,
    undelivered,
    unverified,
    duplicates,
  };
}
