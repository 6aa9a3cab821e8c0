// Creating, reading, changing and deleting a group. Each change is one transaction that
// writes the group, its members and the audit events together, so that the trail never
// misses or repeats a change.
import type { AuditEventRecord } from '../data/audit-repository.js';
import { insertAuditEvents } from '../data/audit-repository.js';
import type { Database, Executor } from '../data/database.js';
import { isUniqueViolation } from '../data/errors.js';
import * as groups from '../data/groups-repository.js';
import { inTransaction } from '../data/transaction.js';
import { activeUserIds } from '../data/users-repository.js';
import { forbidden, groupNameTaken, invalidInput } from '../errors.js';
import { mayChangeMembers, mayCreateGroupOwnedBy } from './authorization.js';
import { authorizedGroup } from './group-access.js';
import type { Caller } from './caller.js';
import { checkDescription, normalizeGroupName } from './group-name.js';
import {
  groupCreated,
  groupDeleted,
  groupUpdated,
  recordChangeEvents,
  type GroupFieldChanges,
} from './change-events.js';
import type { GroupWithMembers } from './groups-list.js';
import { requireVersion, type VersionCondition } from './group-version.js';
import { newId } from './ids.js';

export interface ServiceDependencies {
  db: Database;
  clock: () => Date;
}

/** Who asks, and the request to quote in the audit trail. */
export interface Actor {
  caller: Caller;
  requestId: string;
}

type Privacy = groups.GroupRecord['privacy'];

export interface CreateGroupInput {
  name: string;
  ownerId: string;
  description?: string | undefined;
  privacy: Privacy;
  orgId?: string | undefined;
  members?: string[] | undefined;
}

/** A created or changed group's id and version (the ETag's source). */
export interface GroupVersion {
  id: string;
  version: number;
}

/** Conditions and companions of a change. */
export interface ChangeOptions {
  /** If-Match: the versions the change was made against. */
  ifVersion?: VersionCondition | undefined;
}

export interface CreateOptions {
  /** Work first in the creation's transaction, before anything else (an idempotency key's claim). */
  beginWith?: ((trx: Executor) => Promise<void>) | undefined;
  /** More work to commit with the creation, in its transaction (an idempotency key's answer). */
  commitWith?: ((trx: Executor, created: GroupVersion) => Promise<void>) | undefined;
  /** A fixed id instead of a new one: the demo organization's groups carry the API reference's ids. */
  groupId?: string | undefined;
}

export interface UpdateGroupInput {
  name?: string | undefined;
  description?: string | null | undefined;
  privacy?: Privacy | undefined;
  members?: string[] | undefined;
}

const membershipIsStaffs =
  "Membership is staff's to manage: athletes may add or remove only themselves; ask a coach or an admin for anyone else.";

async function requireActiveUsers(db: Executor, orgId: string, userIds: string[], field: string): Promise<void> {
  const active = await activeUserIds(db, orgId, userIds);
  const unknown = userIds.filter((id) => !active.has(id));
  if (unknown.length > 0) {
    // The detail names a few; `errors` lists up to 100; a problem stays within its schema's bounds.
    const named = unknown.slice(0, 10).join(', ');
    const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
    throw invalidInput(
      `Not active users of this organization: ${named}${more}.`,
      unknown.slice(0, 100).map((id) => ({ field, message: `${id} is not an active user of this organization` })),
    );
  }
}

function auditEvent(
  actor: Actor,
  groupId: string,
  now: Date,
  event: Pick<AuditEventRecord, 'action' | 'subjectUserId' | 'changes'>,
): AuditEventRecord {
  return {
    id: newId('aud'),
    orgId: actor.caller.orgId,
    groupId,
    actorId: actor.caller.userId,
    requestId: actor.requestId,
    createdAt: now,
    ...event,
  };
}

function membershipEvents(
  actor: Actor,
  groupId: string,
  now: Date,
  added: string[],
  removed: string[],
): AuditEventRecord[] {
  return [
    ...added.map((userId) =>
      auditEvent(actor, groupId, now, { action: 'member.added', subjectUserId: userId, changes: null }),
    ),
    ...removed.map((userId) =>
      auditEvent(actor, groupId, now, { action: 'member.removed', subjectUserId: userId, changes: null }),
    ),
  ];
}

async function translateNameClash<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // MySQL names the index (groups_org_name_key), SQLite the column (groups.name_key).
    if (isUniqueViolation(error, 'name_key')) throw groupNameTaken(name);
    throw error;
  }
}

export async function createGroup(
  deps: ServiceDependencies,
  actor: Actor,
  input: CreateGroupInput,
  options: CreateOptions = {},
): Promise<GroupVersion> {
  const { caller } = actor;
  if (input.orgId !== undefined && input.orgId !== caller.orgId)
    throw forbidden('You may only create groups in your own organization.');
  if (!mayCreateGroupOwnedBy(caller, input.ownerId)) throw forbidden('Athletes may only create groups they own.');
  const members = input.members ?? [];
  if (!mayChangeMembers(caller, [], members)) throw forbidden(membershipIsStaffs);
  const { name, key } = normalizeGroupName(input.name);
  const description = input.description === undefined ? null : checkDescription(input.description);
  await requireActiveUsers(deps.db, caller.orgId, [input.ownerId], 'user_id');
  await requireActiveUsers(deps.db, caller.orgId, members, 'members');

  const now = deps.clock();
  const group: groups.GroupRecord = {
    id: options.groupId ?? newId('grp'),
    orgId: caller.orgId,
    name,
    nameKey: key,
    description,
    privacy: input.privacy,
    ownerId: input.ownerId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await translateNameClash(name, () =>
    inTransaction(deps.db, async (trx) => {
      await options.beginWith?.(trx);
      await groups.insertGroup(trx, group);
      await groups.addMembers(trx, caller.orgId, group.id, members, now);
      const sortedMembers = [...members].sort();
      const audit = [
        auditEvent(actor, group.id, now, {
          action: 'group.created',
          subjectUserId: null,
          changes: { name, description: group.description, privacy: group.privacy, owner_id: group.ownerId },
        }),
        ...membershipEvents(actor, group.id, now, sortedMembers, []),
      ];
      await insertAuditEvents(trx, audit);
      await recordChangeEvents(trx, { orgId: caller.orgId, subjectId: group.id, createdAt: now }, [
        groupCreated(group, sortedMembers, caller.userId, audit),
      ]);
      await options.commitWith?.(trx, { id: group.id, version: group.version });
    }),
  );
  return { id: group.id, version: group.version };
}

/** The group and its members; `version` is the group's ETag source. */
export async function getGroup(deps: ServiceDependencies, caller: Caller, groupId: string): Promise<GroupWithMembers> {
  const { group, members } = await authorizedGroup(deps.db, caller, groupId, 'read');
  return { ...group, members };
}

export async function updateGroup(
  deps: ServiceDependencies,
  actor: Actor,
  groupId: string,
  input: UpdateGroupInput,
  options: ChangeOptions = {},
): Promise<GroupVersion> {
  const { caller } = actor;
  const newName = input.name === undefined ? undefined : normalizeGroupName(input.name);
  if (typeof input.description === 'string') checkDescription(input.description);

  return translateNameClash(newName?.name ?? '', () =>
    inTransaction(deps.db, async (trx) => {
      const { group, members } = await authorizedGroup(trx, caller, groupId, 'update', { lock: true });
      requireVersion(group, options.ifVersion);
      const changes: GroupFieldChanges = {};
      const columns: groups.GroupChanges = { updatedAt: deps.clock() };
      if (newName && newName.name !== group.name) {
        changes.name = { before: group.name, after: newName.name };
        columns.name = newName.name;
        columns.nameKey = newName.key;
      }
      if (input.description !== undefined && input.description !== group.description) {
        changes.description = { before: group.description, after: input.description };
        columns.description = input.description;
      }
      if (input.privacy !== undefined && input.privacy !== group.privacy) {
        changes.privacy = { before: group.privacy, after: input.privacy };
        columns.privacy = input.privacy;
      }

      let added: string[] = [];
      let removed: string[] = [];
      if (input.members !== undefined) {
        if (!mayChangeMembers(caller, members, input.members)) throw forbidden(membershipIsStaffs);
        const wanted = new Set(input.members);
        const current = new Set(members);
        added = [...wanted].filter((id) => !current.has(id)).sort();
        removed = members.filter((id) => !wanted.has(id));
        await requireActiveUsers(trx, caller.orgId, added, 'members');
      }

      const unchanged = { id: groupId, version: group.version };
      if (Object.keys(changes).length === 0 && added.length === 0 && removed.length === 0) return unchanged;
      const now = columns.updatedAt;
      await groups.updateGroup(trx, caller.orgId, groupId, columns);
      await groups.removeMembers(trx, caller.orgId, groupId, removed);
      await groups.addMembers(trx, caller.orgId, groupId, added, now);
      const fieldAudit =
        Object.keys(changes).length > 0
          ? [auditEvent(actor, groupId, now, { action: 'group.updated', subjectUserId: null, changes })]
          : [];
      const membershipAudit = membershipEvents(actor, groupId, now, added, removed);
      await insertAuditEvents(trx, [...fieldAudit, ...membershipAudit]);
      await recordChangeEvents(
        trx,
        { orgId: caller.orgId, subjectId: groupId, createdAt: now },
        groupUpdated(changes, { added, removed, audit: membershipAudit }, caller.userId, fieldAudit),
      );
      return { id: groupId, version: group.version + 1 };
    }),
  );
}

export async function deleteGroup(
  deps: ServiceDependencies,
  actor: Actor,
  groupId: string,
  options: ChangeOptions = {},
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const { group, members } = await authorizedGroup(trx, actor.caller, groupId, 'delete', { lock: true });
    requireVersion(group, options.ifVersion);
    const now = deps.clock();
    const audit = [
      auditEvent(actor, groupId, now, {
        action: 'group.deleted',
        subjectUserId: null,
        changes: { name: group.name, members },
      }),
    ];
    await insertAuditEvents(trx, audit);
    await recordChangeEvents(trx, { orgId: actor.caller.orgId, subjectId: groupId, createdAt: now }, [
      groupDeleted({ name: group.name, members }, actor.caller.userId, audit),
    ]);
    await groups.deleteGroup(trx, actor.caller.orgId, groupId);
  });
}
