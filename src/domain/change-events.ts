// The partner events of a change (openapi.yaml: ChangeEvent), written in the change's own
// transaction with a delivery for each subscribed webhook endpoint: no change without its
// events and their deliveries, no event without its change. A group's changes are written by
// groups-service; an endpoint's health (src/domain/endpoint-health.ts) by the dispatcher that
// recorded the attempt, and its pings by the endpoints' service.
import type { AuditEventRecord } from '../data/audit-repository.js';
import { insertChangeEvents, type ChangeEventType, type NewChangeEvent } from '../data/change-events-repository.js';
import type { Executor } from '../data/database.js';
import { queueDeliveries, type AttemptError, type NewDelivery } from '../data/webhook-deliveries-repository.js';
import { enabledEndpoints } from '../data/webhook-endpoints-repository.js';
import { signalAfterCommit } from './delivery-signal.js';
import type { HealthNotice } from './endpoint-health.js';
import type { EventPayload, EventSubject, FeedEventType } from '../wire/events.js';
import { newId } from './ids.js';

/** A feed event's type and data, built in openapi.yaml's type for it. */
export type ChangeEventDraft = EventPayload<FeedEventType>;

type FeedEventToWrite = ChangeEventDraft & EventSubject;

/** The fields one update changed, before and after (openapi.yaml: GroupUpdatedData). */
export type GroupFieldChanges = EventPayload<'group.updated'>['data']['changes'];

/**
 * One change's events for one subject (a group, or an endpoint), numbered on from the
 * subject's last event, each queued for the organization's enabled endpoints that subscribe
 * to its type, but `exceptEndpointId`: an endpoint is not told of its own failure.
 */
export async function recordChangeEvents(
  db: Executor,
  change: { orgId: string; subjectId: string; createdAt: Date; exceptEndpointId?: string },
  drafts: ChangeEventDraft[],
): Promise<void> {
  const { exceptEndpointId, ...subject } = change;
  const events: FeedEventToWrite[] = drafts.map((draft) => ({ id: newId('evt'), ...subject, ...draft }));
  await insertChangeEvents(db, events);
  const endpoints = (await enabledEndpoints(db, change.orgId)).filter((endpoint) => endpoint.id !== exceptEndpointId);
  const deliveries = deliveriesOf(events, endpoints);
  await queueDeliveries(db, deliveries);
  if (deliveries.length > 0) signalAfterCommit(db);
}

/** A ping to one endpoint (openapi.yaml: webhook_endpoint.ping): not in the feed, sent whatever it subscribes to. */
export async function recordPing(
  db: Executor,
  endpoint: { orgId: string; id: string; url: string },
  reason: 'created' | 'test',
  createdAt: Date,
): Promise<string> {
  const event: NewChangeEvent = {
    id: newId('evt'),
    orgId: endpoint.orgId,
    subjectId: endpoint.id,
    createdAt,
    type: 'webhook_endpoint.ping',
    data: { url: endpoint.url, reason },
  };
  await insertChangeEvents(db, [event]);
  const id = newId('whd');
  await queueDeliveries(db, [
    { id, orgId: endpoint.orgId, endpointId: endpoint.id, eventId: event.id, redelivery: false, createdAt },
  ]);
  signalAfterCommit(db);
  return id;
}

function deliveriesOf(
  events: FeedEventToWrite[],
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
  group: { name: string; description: string | null; privacy: 'public' | 'private'; ownerId: string },
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
  changes: GroupFieldChanges,
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

/**
 * What the organization is told of an endpoint's health (src/domain/endpoint-health.ts). It
 * names the endpoint by id and origin only: the rest of its URL may be a credential, and these
 * events go to the organization's other receivers.
 */
export function endpointHealthEvent(notice: HealthNotice, endpoint: HealthFacts): ChangeEventDraft {
  const origin = new URL(endpoint.url).origin;
  switch (notice.type) {
    case 'webhook_endpoint.paused':
      return {
        type: notice.type,
        data: {
          origin,
          paused_since: notice.pausedSince.toISOString(),
          paused_until: notice.pausedUntil.toISOString(),
          consecutive_failures: notice.consecutiveFailures,
          last_error: endpoint.lastError,
          last_status_code: endpoint.lastStatusCode,
        },
      };
    case 'webhook_endpoint.resumed':
      return { type: notice.type, data: { origin, paused_since: notice.pausedSince.toISOString() } };
    case 'webhook_endpoint.disabled':
      return {
        type: notice.type,
        data: { origin, disabled_reason: 'failing', failing_since: notice.failingSince.toISOString() },
      };
  }
}

export interface HealthFacts {
  url: string;
  lastError: AttemptError | null;
  lastStatusCode: number | null;
}
