// Domain records as the API spells them.
import type { StoredAuditEvent } from '../../data/audit-repository.js';
import type { GroupWithMembers } from '../../domain/groups-list.js';
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

export function auditEventResource(event: StoredAuditEvent): Schemas['AuditEvent'] {
  return {
    event_id: event.id,
    group_id: event.groupId,
    action: event.action,
    actor_id: event.actorId,
    subject_user_id: event.subjectUserId,
    changes: event.changes,
    created_at: event.createdAt.toISOString(),
    request_id: event.requestId,
  };
}

export function mutationResult(groupId: string): Schemas['MutationResult'] {
  return { group_id: groupId, status: 'success' };
}
