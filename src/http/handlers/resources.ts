// Domain records as the API spells them.
import type { StoredAuditEvent } from '../../data/audit-repository.js';
import type { WebhookEndpointRecord } from '../../data/webhook-endpoints-repository.js';
import type { FeedItem } from '../../domain/activity-feed.js';
import type { GroupWithMembers } from '../../domain/groups-list.js';
import type { LoggedDelivery } from '../../domain/webhook-deliveries.js';
import { previousSecretSigns } from '../../domain/signing-secrets.js';
import type { components } from '../../generated/openapi.js';

type Schemas = components['schemas'];

export function groupResource(group: GroupWithMembers): Schemas['Group'] {
  return {
    group_id: group.id,
    name: group.name,
    description: group.description,
    privacy: group.privacy,
    owner_id: group.ownerId,
    organization_id: group.orgId,
    members: group.members,
    member_count: group.members.length,
    created_at: group.createdAt.toISOString(),
    updated_at: group.updatedAt.toISOString(),
  };
}

type AuditEvent = Schemas['AuditEvent'];
type ChangesOf<Action extends AuditEvent['action']> = Extract<AuditEvent, { action: Action }>['changes'];

// The stored `changes` JSON was written by the service itself in the shape its action has
// (src/domain/groups-service.ts); here it gets that shape's type back.
export function auditEventResource(event: StoredAuditEvent): AuditEvent {
  const common = {
    event_id: event.id,
    group_id: event.groupId,
    actor_id: event.actorId,
    created_at: event.createdAt.toISOString(),
    request_id: event.requestId,
  };
  switch (event.action) {
    case 'group.created':
      return {
        ...common,
        action: event.action,
        subject_user_id: null,
        changes: event.changes as ChangesOf<'group.created'>,
      };
    case 'group.updated':
      return {
        ...common,
        action: event.action,
        subject_user_id: null,
        changes: event.changes as ChangesOf<'group.updated'>,
      };
    case 'group.deleted':
      return {
        ...common,
        action: event.action,
        subject_user_id: null,
        changes: event.changes as ChangesOf<'group.deleted'>,
      };
    case 'member.added':
    case 'member.removed':
      return { ...common, action: event.action, subject_user_id: event.subjectUserId!, changes: null };
  }
}

export function mutationResult(groupId: string): Schemas['MutationResult'] {
  return { group_id: groupId, status: 'success' };
}

export function activityResource(activity: FeedItem): Schemas['Activity'] {
  return {
    activity_id: activity.id,
    user_id: activity.userId,
    user_name: activity.userName,
    name: activity.name,
    type: activity.type,
    sub_type: activity.subType,
    start_time: activity.startTime.toISOString(),
    start_date_local: activity.startDateLocal,
    distance: activity.distance,
    duration: activity.duration,
    vdot_load: activity.vdotLoad,
    nexrex_ete_plus: activity.nexrexEtePlus,
  };
}

const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());

/** An endpoint as admins read it, at `now`: never its secrets; a rotated-out secret while it still signs. */
export function webhookEndpointResource(endpoint: WebhookEndpointRecord, now: Date): Schemas['WebhookEndpoint'] {
  const previousSigns = previousSecretSigns(endpoint, now);
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    status: endpoint.status,
    disabled_reason: endpoint.disabledReason,
    previous_secret_expires_at: previousSigns ? isoOrNull(endpoint.previousSecretExpiresAt) : null,
    last_success_at: isoOrNull(endpoint.lastSuccessAt),
    last_failure_at: isoOrNull(endpoint.lastFailureAt),
    failing_since: isoOrNull(endpoint.failingSince),
    consecutive_failures: endpoint.consecutiveFailures,
    paused_until:
      endpoint.pausedUntil !== null && endpoint.pausedUntil > now ? endpoint.pausedUntil.toISOString() : null,
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

export function webhookDeliveryResource(delivery: LoggedDelivery): Schemas['WebhookDelivery'] {
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    redelivery: delivery.redelivery,
    status: delivery.status,
    attempts: delivery.attempts,
    created_at: delivery.createdAt.toISOString(),
    last_attempt_at: isoOrNull(delivery.lastAttemptAt),
    last_status_code: delivery.lastStatusCode,
    last_latency_ms: delivery.lastLatencyMs,
    last_error: delivery.lastError,
    last_response_body: delivery.lastResponseBody,
    next_attempt_at: isoOrNull(delivery.nextAttemptAt),
    waiting_for: delivery.waitingFor,
  };
}
