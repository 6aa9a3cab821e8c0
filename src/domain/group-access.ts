// Loads a group of the caller's organization and checks the caller may act on it: the one
// gate every group operation passes. Another organization's group is simply not found.
import type { Executor } from '../data/database.js';
import { findGroup, findGroupWithMemberNames, listMemberIds, type GroupRecord } from '../data/groups-repository.js';
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
): Promise<{ group: GroupRecord; members: string[]; activeMemberNames?: Map<string, string> }> {
  // Reads take the group, its members and their names in one round trip; writes lock the
  // group row alone, then read the members.
  const loaded = options.lock
    ? await lockedGroup(db, caller.orgId, groupId)
    : await findGroupWithMemberNames(db, caller.orgId, groupId);
  if (!loaded) throw groupNotFound(groupId);
  const { group, members } = loaded;
  if (
    !mayOnGroup(caller, action, {
      ownerId: group.ownerId,
      privacy: group.privacy,
      callerIsMember: members.includes(caller.userId),
    })
  ) {
    throw forbidden(refusals[action]);
  }
  return loaded;
}

async function lockedGroup(
  db: Executor,
  orgId: string,
  groupId: string,
): Promise<{ group: GroupRecord; members: string[] } | undefined> {
  const group = await findGroup(db, orgId, groupId, { forUpdate: true });
  return group ? { group, members: await listMemberIds(db, orgId, groupId) } : undefined;
}
