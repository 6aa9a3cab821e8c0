// Loads a group of the caller's organization and checks the caller may act on it: the one
// gate every group operation passes. Another organization's group is simply not found.
import type { Executor } from '../data/database.js';
import { findGroup, listMemberIds, type GroupRecord } from '../data/groups-repository.js';
import { forbidden, groupNotFound } from '../errors.js';
import { mayOnGroup, type GroupAction } from './authorization.js';
import type { Caller } from './caller.js';

const refusals: Record<GroupAction, string> = {
  read: 'This group is private to its members, its owner and staff.',
  update: 'Only admins, coaches and the owner may update this group.',
  delete: 'Only admins, coaches and the owner may delete this group.',
  readActivity: "Only the group's members, its owner and staff may read its activity.",
  readAudit: 'Only admins, coaches and the owner may read the audit log of this group.',
};

export async function authorizedGroup(
  db: Executor,
  caller: Caller,
  groupId: string,
  action: GroupAction,
  options: { lock?: boolean } = {},
): Promise<{ group: GroupRecord; members: string[] }> {
  const group = await findGroup(db, caller.orgId, groupId, { forUpdate: options.lock ?? false });
  if (!group) throw groupNotFound(groupId);
  const members = await listMemberIds(db, caller.orgId, groupId);
  if (
    !mayOnGroup(caller, action, {
      ownerId: group.ownerId,
      privacy: group.privacy,
      callerIsMember: members.includes(caller.userId),
    })
  ) {
    throw forbidden(refusals[action]);
  }
  return { group, members };
}
