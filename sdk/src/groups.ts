// The groups: create, read, change and delete them, with their ETags for writes that must not
// overwrite another client's, and `updateMembers`, the read-change-write cycle built on them.
import {
  conditional,
  deleteSafelyRetried,
  everyItem,
  groupPath,
  keyed,
  type CallOptions,
  type Calls,
  type CreateOptions,
  type WithETag,
  type WriteOptions,
} from './calls.js';
import { GroupsApiError } from './errors.js';
import { sleep } from './retry.js';
import type {
  CreateGroupRequest,
  Group,
  GroupList,
  ListGroupsQuery,
  MutationResult,
  UpdateGroupRequest,
} from './types.js';

/** Members to add and remove, or a function from the current member list to the new one. */
export type MemberChange = { add?: string[]; remove?: string[] } | ((members: string[]) => string[]);

export interface UpdateMembersOptions extends CallOptions {
  /** Read-change-write rounds before a 412 is given up and thrown. Default 8. */
  maxAttempts?: number;
}

export interface MembersUpdated {
  group_id: string;
  status: 'success';
  /** The member list as written (sorted). */
  members: string[];
  /** The group's ETag after the change. */
  etag: string;
  /** Read-change-write rounds it took (1 without interference). */
  attempts: number;
}

function applyChange(members: string[], change: MemberChange): string[] {
  if (typeof change === 'function') return change([...members]);
  const removed = new Set(change.remove ?? []);
  return [...new Set([...members.filter((id) => !removed.has(id)), ...(change.add ?? [])])];
}

const sameMembers = (a: string[], b: string[]) => {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((id, index) => id === right[index]);
};

export function groupMethods({ raw, call, callWithETag }: Calls) {
  const createGroupWithETag = (body: CreateGroupRequest, options?: CreateOptions): Promise<WithETag<MutationResult>> =>
    callWithETag((init) => raw.POST('/api/v1/groups', { body, ...init }), keyed(options));
  const getGroupWithETag = (groupId: string, options?: CallOptions): Promise<WithETag<Group>> =>
    callWithETag((init) => raw.GET('/api/v1/groups/{group_id}', { params: groupPath(groupId), ...init }), options);
  const updateGroupWithETag = (
    groupId: string,
    body: UpdateGroupRequest,
    options?: WriteOptions,
  ): Promise<WithETag<MutationResult>> =>
    callWithETag(
      (init) => raw.PUT('/api/v1/groups/{group_id}', { params: groupPath(groupId), body, ...init }),
      conditional(options),
    );
  const listGroups = (query: ListGroupsQuery = {}, options?: CallOptions): Promise<GroupList> =>
    call((init) => raw.GET('/api/v1/groups', { params: { query }, ...init }), options);

  return {
    /** Creates a group; safe to retry (a fresh Idempotency-Key per call, or `idempotencyKey`). */
    createGroup: async (body: CreateGroupRequest, options?: CreateOptions): Promise<MutationResult> =>
      (await createGroupWithETag(body, options)).data,
    /** `createGroup`, with the new group's ETag. */
    createGroupWithETag,
    getGroup: async (groupId: string, options?: CallOptions): Promise<Group> =>
      (await getGroupWithETag(groupId, options)).data,
    /** The group and its ETag, for a later `ifMatch`. */
    getGroupWithETag,
    /** With `ifMatch`, applies only if the group is still at that ETag (else a 412 GroupsApiError). */
    updateGroup: async (groupId: string, body: UpdateGroupRequest, options?: WriteOptions): Promise<MutationResult> =>
      (await updateGroupWithETag(groupId, body, options)).data,
    /** `updateGroup`, with the group's ETag after the change. */
    updateGroupWithETag,
    /**
     * Deletes a group; with `ifMatch`, only if it is still at that ETag. A retry whose earlier
     * attempt deleted the group (its answer was lost) finds it gone: that is reported as success.
     */
    deleteGroup: (groupId: string, options?: WriteOptions): Promise<MutationResult> =>
      deleteSafelyRetried(
        call(
          (init) => raw.DELETE('/api/v1/groups/{group_id}', { params: groupPath(groupId), ...init }),
          conditional(options),
        ),
        'group_not_found',
        { group_id: groupId, status: 'success' },
      ),
    /**
     * Changes a group's member list without losing concurrent changes: reads the group, applies
     * `change` to its members and writes the list with If-Match; when another client changed the
     * group meanwhile (412), reads and applies the change again, up to `maxAttempts` rounds.
     */
    updateMembers: async (
      groupId: string,
      change: MemberChange,
      options: UpdateMembersOptions = {},
    ): Promise<MembersUpdated> => {
      const { maxAttempts = 8, ...callOptions } = options;
      for (let attempt = 1; ; attempt++) {
        const { data: group, etag } = await getGroupWithETag(groupId, callOptions);
        const members = applyChange(group.members, change);
        if (sameMembers(members, group.members))
          return { group_id: groupId, status: 'success', members: group.members, etag, attempts: attempt };
        try {
          const written = await updateGroupWithETag(groupId, { members }, { ...callOptions, ifMatch: etag });
          return { ...written.data, members: [...members].sort(), etag: written.etag, attempts: attempt };
        } catch (error) {
          if (!(error instanceof GroupsApiError && error.status === 412) || attempt >= maxAttempts) throw error;
          // A short random pause, so that two clients that collided do not collide again.
          await sleep(Math.random() * 25 * attempt, callOptions.signal);
        }
      }
    },
    listGroups,
    /** Every group visible to the caller, following `next_page_token`. */
    iterateGroups: (query: Omit<ListGroupsQuery, 'page_token'> = {}, options?: CallOptions): AsyncGenerator<Group> =>
      everyItem(
        (pageQuery) => listGroups(pageQuery, options),
        query,
        (page) => page.groups,
      ),
  };
}
