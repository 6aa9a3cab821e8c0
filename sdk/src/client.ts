// The Groups API client: one typed method per operation, iterators over paginated lists,
// GroupsApiError for error answers, retries for idempotent calls. `raw` is the underlying
// openapi-fetch client, for anything the methods do not cover.
import createClient, { type Client } from 'openapi-fetch';
import { GroupsApiError, GroupsNetworkError, type Problem } from './errors.js';
import type { components, operations, paths } from './generated/openapi.js';
import { retryingFetch, type RetryOptions } from './retry.js';

/** Options of one call, on top of the client's. */
export interface CallOptions {
  /** Aborts the call, retries and their waiting included; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Gives up after this many milliseconds, retries included (rejects with a `TimeoutError`). */
  timeoutMs?: number;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;
type Body<K extends keyof operations> = operations[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Group = Schemas['Group'];
export type GroupList = Schemas['GroupList'];
export type Activity = Schemas['Activity'];
export type ActivityList = Schemas['ActivityList'];
export type GroupStats = Schemas['GroupStats'];
export type StatsSummary = Schemas['StatsSummary'];
export type StatsDay = Schemas['StatsDay'];
export type MemberDayStats = Schemas['MemberDayStats'];
export type Privacy = Schemas['Privacy'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = AuditEvent['action'];
export type GroupCreatedEvent = Schemas['GroupCreatedEvent'];
export type GroupUpdatedEvent = Schemas['GroupUpdatedEvent'];
export type GroupDeletedEvent = Schemas['GroupDeletedEvent'];
export type MemberAddedEvent = Schemas['MemberAddedEvent'];
export type MemberRemovedEvent = Schemas['MemberRemovedEvent'];
export type AuditEventList = Schemas['AuditEventList'];
export type MutationResult = Schemas['MutationResult'];
export type CreateGroupRequest = Body<'createGroup'>;
export type UpdateGroupRequest = Body<'updateGroup'>;
export type ListGroupsQuery = Query<'listGroups'>;
export type ListGroupActivitiesQuery = Query<'listGroupActivities'>;
export type GetGroupStatsQuery = Query<'getGroupStats'>;
export type ListGroupAuditEventsQuery = Query<'listGroupAuditEvents'>;

export interface GroupsClientOptions {
  /** For example `https://api.astral.run`. */
  baseUrl: string;
  /** A bearer token; or `getToken` to fetch a fresh one for each request. */
  token?: string;
  getToken?: () => string | Promise<string>;
  /** A fetch implementation; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Retries for GET, PUT and DELETE on 429, 503 and network errors. */
  retries?: RetryOptions;
}

// The body as openapi-fetch types it is not used: its Readable<> drops properties typed `null`
// (the `changes` of membership events, say); each method states the schema type it returns.
interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The openapi-fetch options of one call: one signal for the caller's abort and the timeout. */
function requestInit(options: CallOptions = {}): { signal?: AbortSignal; headers?: Record<string, string> } {
  const signals = [
    options.signal,
    options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  ];
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return {
    ...(present.length > 0 ? { signal: present.length === 1 ? present[0]! : AbortSignal.any(present) } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

async function unwrap<T>(call: Promise<Outcome>, signal: AbortSignal | undefined): Promise<T> {
  let outcome: Outcome;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof GroupsApiError) throw error;
    if (signal?.aborted) throw signal.reason;
    throw new GroupsNetworkError(`The Groups API could not be reached: ${(error as Error).message}`, { cause: error });
  }
  const { data, error, response } = outcome;
  if (!response.ok) {
    const problem = (typeof error === 'object' && error !== null ? error : {}) as Partial<Problem>;
    throw new GroupsApiError(response.status, problem, response.headers.get('x-request-id') ?? undefined);
  }
  return data as T;
}

async function* paginate<Item, Page extends { next_page_token: string | null }>(
  fetchPage: (pageToken: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[],
): AsyncGenerator<Item> {
  let pageToken: string | undefined;
  do {
    const page = await fetchPage(pageToken);
    yield* items(page);
    pageToken = page.next_page_token ?? undefined;
  } while (pageToken);
}

export function createGroupsClient(options: GroupsClientOptions) {
  const { token, getToken } = options;
  if (!token && !getToken) throw new TypeError('createGroupsClient needs a token or getToken.');
  const baseFetch = options.fetch ?? globalThis.fetch;
  const raw: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // The token is set on every attempt, so that a retry after a long wait asks getToken again.
    fetch: retryingFetch(baseFetch, options.retries, async (request) => {
      request.headers.set('Authorization', `Bearer ${token ?? (await getToken!())}`);
    }),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const path = (groupId: string) => ({ path: { group_id: groupId } });
  const call = <T>(send: (init: ReturnType<typeof requestInit>) => Promise<Outcome>, options?: CallOptions) => {
    const init = requestInit(options);
    return unwrap<T>(send(init), init.signal);
  };

  const client = {
    raw,

    createGroup: (body: CreateGroupRequest, options?: CallOptions): Promise<MutationResult> =>
      call((init) => raw.POST('/api/v1/groups', { body, ...init }), options),
    getGroup: (groupId: string, options?: CallOptions): Promise<Group> =>
      call((init) => raw.GET('/api/v1/groups/{group_id}', { params: path(groupId), ...init }), options),
    updateGroup: (groupId: string, body: UpdateGroupRequest, options?: CallOptions): Promise<MutationResult> =>
      call((init) => raw.PUT('/api/v1/groups/{group_id}', { params: path(groupId), body, ...init }), options),
    deleteGroup: (groupId: string, options?: CallOptions): Promise<MutationResult> =>
      call((init) => raw.DELETE('/api/v1/groups/{group_id}', { params: path(groupId), ...init }), options),
    listGroups: (query: ListGroupsQuery = {}, options?: CallOptions): Promise<GroupList> =>
      call((init) => raw.GET('/api/v1/groups', { params: { query }, ...init }), options),
    listGroupActivities: (
      groupId: string,
      query: ListGroupActivitiesQuery = {},
      options?: CallOptions,
    ): Promise<ActivityList> =>
      call(
        (init) => raw.GET('/api/v1/groups/{group_id}/activities', { params: { ...path(groupId), query }, ...init }),
        options,
      ),
    getGroupStats: (groupId: string, query: GetGroupStatsQuery = {}, options?: CallOptions): Promise<GroupStats> =>
      call(
        (init) => raw.GET('/api/v1/groups/{group_id}/stats', { params: { ...path(groupId), query }, ...init }),
        options,
      ),
    listGroupAuditEvents: (
      groupId: string,
      query: ListGroupAuditEventsQuery = {},
      options?: CallOptions,
    ): Promise<AuditEventList> =>
      call(
        (init) => raw.GET('/api/v1/groups/{group_id}/audit', { params: { ...path(groupId), query }, ...init }),
        options,
      ),

    /** Every group visible to the caller, following `next_page_token`. */
    iterateGroups: (query: Omit<ListGroupsQuery, 'page_token'> = {}, options?: CallOptions): AsyncGenerator<Group> =>
      paginate(
        (pageToken) => client.listGroups({ ...query, ...(pageToken ? { page_token: pageToken } : {}) }, options),
        (page) => page.groups,
      ),
    /** Every activity of the feed with these filters, newest first. */
    iterateGroupActivities: (
      groupId: string,
      query: Omit<ListGroupActivitiesQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<Activity> =>
      paginate(
        (pageToken) =>
          client.listGroupActivities(groupId, { ...query, ...(pageToken ? { page_token: pageToken } : {}) }, options),
        (page) => page.activities,
      ),
    /** Every audit event of a group, newest first. */
    iterateGroupAuditEvents: (
      groupId: string,
      query: Omit<ListGroupAuditEventsQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<AuditEvent> =>
      paginate(
        (pageToken) =>
          client.listGroupAuditEvents(groupId, { ...query, ...(pageToken ? { page_token: pageToken } : {}) }, options),
        (page) => page.events,
      ),
  };
  return client;
}

export type GroupsClient = ReturnType<typeof createGroupsClient>;
