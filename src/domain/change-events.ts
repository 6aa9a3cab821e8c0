// The partner events of a change (openapi.yaml: ChangeEvent), written by groups-service in the
// change's own transaction with a delivery for each subscribed webhook endpoint: no change
// without its events and their deliveries, no event without its change.
import type { AuditEventRecord } from '../data/audit-repository.js';
import { insertChangeEvents, type ChangeEventType, type NewChangeEvent } from '../data/change-events-repository.js';
import type { Executor } from '../data/database.js';
import { queueDeliveries, type NewDelivery } from '../data/webhook-deliveries-repository.js';
import { enabledEndpoints } from '../data/webhook-endpoints-repository.js';
import { signalAfterCommit } from './delivery-signal.js';
import { newId } from './ids.js';

export interface ChangeEventDraft {
  type: ChangeEventType;
  data: Record<string, unknown>;
}

/**
 * One change's events for one group, numbered on from the group's last event, each queued for
 * the organization's enabled endpoints that subscribe to its type.
 */
export async function recordChangeEvents(
  db: Executor,
  change: { orgId: string; groupId: string; createdAt: Date },
  drafts: ChangeEventDraft[],
): Promise<void> {
  const events = drafts.map((draft) => ({ id: newId('evt'), ...change, type: draft.type, data: draft.data }));
  await insertChangeEvents(db, events);
  const deliveries = deliveriesOf(events, await enabledEndpoints(db, change.orgId));
  await queueDeliveries(db, deliveries);
  if (deliveries.length > 0) signalAfterCommit(db);
}

function deliveriesOf(
  events: NewChangeEvent[],
  endpoints: { id: string; eventTypes: ChangeEventType[] | null }[],
): NewDelivery[] {
  return events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.eventTypes === null || endpoint.eventTypes.includes(event.type))
      .map((endpoint) => ({
        id: newId('whd'),
        orgId: event.orgId,
        endpointId: endpoint.id,
        eventId: event.id,
        redelivery: false,
        createdAt: event.createdAt,
      })),
  );
}

const auditIds = (events: AuditEventRecord[]) => events.map((event) => event.id);

export function groupCreated(
  group: { name: string; description: string | null; privacy: string; ownerId: string },
  members: string[],
  actorId: string,
  audit: AuditEventRecord[],
): ChangeEventDraft {
  return {
    type: 'group.created',
    data: {
      name: group.name,
      description: group.description,
      privacy: group.privacy,
      owner_id: group.ownerId,
      members,
      actor_id: actorId,
      audit_event_ids: auditIds(audit),
    },
  };
}

/** A field change and a membership change of one update are two events, in that order. */
export function groupUpdated(
  changes: Record<string, { before: unknown; after: unknown }>,
  membership: { added: string[]; removed: string[]; audit: AuditEventRecord[] },
  actorId: string,
  fieldAudit: AuditEventRecord[],
): ChangeEventDraft[] {
  const drafts: ChangeEventDraft[] = [];
  if (Object.keys(changes).length > 0)
    drafts.push({
      type: 'group.updated',
      data: { changes, actor_id: actorId, audit_event_ids: auditIds(fieldAudit) },
    });
  if (membership.added.length > 0 || membership.removed.length > 0)
    drafts.push({
      type: 'group.members_changed',
      data: {
        added: membership.added,
        removed: membership.removed,
        actor_id: actorId,
        audit_event_ids: auditIds(membership.audit),
      },
    });
  return drafts;
}

export function groupDeleted(
  snapshot: { name: string; members: string[] },
  actorId: string,
  audit: AuditEventRecord[],
): ChangeEventDraft {
  return {
    type: 'group.deleted',
    data: { name: snapshot.name, members: snapshot.members, actor_id: actorId, audit_event_ids: auditIds(audit) },
  };
}
