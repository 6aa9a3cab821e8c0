// What a group's members did and what was done to it: the activity feed, the training stats and
// the audit log, each a page at a time or, for the lists, item by item.
import { everyItem, groupPath, type CallOptions, type Calls } from './calls.js';
import type {
  Activity,
  ActivityList,
  AuditEvent,
  AuditEventList,
  GetGroupStatsQuery,
  GroupStats,
  ListGroupActivitiesQuery,
  ListGroupAuditEventsQuery,
} from './types.js';

/**
 * openapi-fetch's Readable<> (openapi-typescript-helpers) drops properties whose type is exactly
 * `null`: the audit events' `changes` of member events and `subject_user_id` of group events.
 * (Its write-only filter asks whether `NonNullable<T[K]>` is a `$Write` marker, and for `null`
 * that is `never`, which is; still so in openapi-fetch 0.17.0 with openapi-typescript-helpers
 * 0.1.0, the latest releases: openapi-ts/openapi-typescript#2717, fix proposed in #2825.)
 * The audit log is the one answer with such properties; this is its type as openapi-fetch
 * infers it, so that the inferred body is still checked against the schema, and it stays
 * correct once a fixed release infers the null properties too.
 */
type WithoutNullOnly<T> = T extends (infer Item)[]
  ? WithoutNullOnly<Item>[]
  : T extends object
    ? { [K in keyof T as [T[K]] extends [null] ? never : K]: WithoutNullOnly<T[K]> }
    : T;

/** Puts the dropped `null` properties back in the type: the body on the wire has them. */
const withNullOnlyFields = <T>(data: WithoutNullOnly<T>): T => data as T;

export function readMethods({ raw, call }: Calls) {
  const listGroupActivities = (
    groupId: string,
    query: ListGroupActivitiesQuery = {},
    options?: CallOptions,
  ): Promise<ActivityList> =>
    call(
      (init) => raw.GET('/api/v1/groups/{group_id}/activities', { params: { ...groupPath(groupId), query }, ...init }),
      options,
    );
  const listGroupAuditEvents = async (
    groupId: string,
    query: ListGroupAuditEventsQuery = {},
    options?: CallOptions,
  ): Promise<AuditEventList> =>
    withNullOnlyFields<AuditEventList>(
      await call(
        (init) => raw.GET('/api/v1/groups/{group_id}/audit', { params: { ...groupPath(groupId), query }, ...init }),
        options,
      ),
    );

  return {
    listGroupActivities,
    getGroupStats: (groupId: string, query: GetGroupStatsQuery = {}, options?: CallOptions): Promise<GroupStats> =>
      call(
        (init) => raw.GET('/api/v1/groups/{group_id}/stats', { params: { ...groupPath(groupId), query }, ...init }),
        options,
      ),
    listGroupAuditEvents,
    /** Every activity of the feed with these filters, newest first. */
    iterateGroupActivities: (
      groupId: string,
      query: Omit<ListGroupActivitiesQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<Activity> =>
      everyItem(
        (pageQuery) => listGroupActivities(groupId, pageQuery, options),
        query,
        (page) => page.activities,
      ),
    /** Every audit event of a group, newest first. */
    iterateGroupAuditEvents: (
      groupId: string,
      query: Omit<ListGroupAuditEventsQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<AuditEvent> =>
      everyItem(
        (pageQuery) => listGroupAuditEvents(groupId, pageQuery, options),
        query,
        (page) => page.events,
      ),
  };
}
