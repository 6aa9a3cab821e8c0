// Who may do what with a group: the whole table of docs/decisions.md in one pure module.
// Tenancy is settled before this is asked: a group of another organization is never
// loaded, so it is "not found" rather than "forbidden".
import type { Caller } from './caller.js';

export type GroupAction = 'read' | 'update' | 'delete' | 'readActivity' | 'readAudit';

export interface GroupFacts {
  ownerId: string;
  privacy: 'public' | 'private';
  /** Whether the caller is a current member of the group. */
  callerIsMember: boolean;
}

const isStaff = (caller: Caller) => caller.role === 'coach' || caller.role === 'admin';

export function mayOnGroup(caller: Caller, action: GroupAction, group: GroupFacts): boolean {
  if (isStaff(caller) || group.ownerId === caller.userId) return true;
  switch (action) {
    case 'read':
      return group.callerIsMember || group.privacy === 'public';
    case 'readActivity':
      return group.callerIsMember;
    case 'update':
    case 'delete':
    case 'readAudit':
      return false;
  }
}

/** The audit trail of a deleted group stays readable to staff only. */
export function mayReadDeletedGroupAudit(caller: Caller): boolean {
  return isStaff(caller);
}

/** Staff may make any active user of the organization the owner; athletes only themselves. */
export function mayCreateGroupOwnedBy(caller: Caller, ownerId: string): boolean {
  return isStaff(caller) || ownerId === caller.userId;
}

/**
 * Membership is staff's to manage. In an athlete's create or update the wanted member list may
 * differ from the current one (empty on create) only by the athlete themselves; otherwise an
 * athlete could put a club mate into a group of their own and read their activity.
 */
export function mayChangeMembers(caller: Caller, current: readonly string[], wanted: readonly string[]): boolean {
  if (isStaff(caller)) return true;
  const before = new Set(current);
  const after = new Set(wanted);
  const changedBySomeoneElse = (from: Set<string>, to: Set<string>) =>
    [...from].some((id) => id !== caller.userId && !to.has(id));
  return !changedBySomeoneElse(after, before) && !changedBySomeoneElse(before, after);
}

/** Staff see every group of the organization and its summary; athletes the groups they own. */
export function seesWholeOrganization(caller: Caller): boolean {
  return isStaff(caller);
}

/** Webhook endpoints, their secrets and delivery logs are the organization admins'. */
export function mayManageWebhooks(caller: Caller): boolean {
  return caller.role === 'admin';
}
