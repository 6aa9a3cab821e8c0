// The Groups API client: one typed method per operation, iterators over paginated lists,
// GroupsApiError for error answers, retries for idempotent calls. `raw` is the underlying
// openapi-fetch client, for anything the methods do not cover.
import createClient, { type Client } from 'openapi-fetch';
import { GroupsApiError, GroupsNetworkError, type Problem } from './errors.js';
import type { components, operations, paths } from './generated/openapi.js';
import { retryingFetch, type RetryOptions } from './retry.js';

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
export type AuditEvent = Schemas['AuditEvent'];
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

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof GroupsApiError) throw error;
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
    fetch: retryingFetch(baseFetch, options.retries),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  raw.use({
    async onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token ?? (await getToken!())}`);
      return request;
    },
  });
  const path = (groupId: string) => ({ path: { group_id: groupId } });

  const client = {
    raw,

    createGroup: (body: CreateGroupRequest): Promise<MutationResult> => unwrap(raw.POST('/api/v1/groups', { body })),
    getGroup: (groupId: string): Promise<Group> =>
      unwrap(raw.GET('/api/v1/groups/{group_id}', { params: path(groupId) })),
    updateGroup: (groupId: string, body: UpdateGroupRequest): Promise<MutationResult> =>
      unwrap(raw.PUT('/api/v1/groups/{group_id}', { params: path(groupId), body })),
    deleteGroup: (groupId: string): Promise<MutationResult> =>
      unwrap(raw.DELETE('/api/v1/groups/{group_id}', { params: path(groupId) })),
    listGroups: (query: ListGroupsQuery = {}): Promise<GroupList> =>
      unwrap(raw.GET('/api/v1/groups', { params: { query } })),
    listGroupActivities: (groupId: string, query: ListGroupActivitiesQuery = {}): Promise<ActivityList> =>
      unwrap(raw.GET('/api/v1/groups/{group_id}/activities', { params: { ...path(groupId), query } })),
    getGroupStats: (groupId: string, query: GetGroupStatsQuery = {}): Promise<GroupStats> =>
      unwrap(raw.GET('/api/v1/groups/{group_id}/stats', { params: { ...path(groupId), query } })),
    listGroupAuditEvents: (groupId: string, query: ListGroupAuditEventsQuery = {}): Promise<AuditEventList> =>
      unwrap(raw.GET('/api/v1/groups/{group_id}/audit', { params: { ...path(groupId), query } })),

    /** Every group visible to the caller, following `next_page_token`. */
    iterateGroups: (query: Omit<ListGroupsQuery, 'page_token'> = {}): AsyncGenerator<Group> =>
      paginate(
        (pageToken) => client.listGroups({ ...query, ...(pageToken ? { page_token: pageToken } : {}) }),
        (page) => page.groups,
      ),
    /** Every activity of the feed with these filters, newest first. */
    iterateGroupActivities: (
      groupId: string,
      query: Omit<ListGroupActivitiesQuery, 'page_token'> = {},
    ): AsyncGenerator<Activity> =>
      paginate(
        (pageToken) =>
          client.listGroupActivities(groupId, { ...query, ...(pageToken ? { page_token: pageToken } : {}) }),
        (page) => page.activities,
      ),
    /** Every audit event of a group, newest first. */
    iterateGroupAuditEvents: (
      groupId: string,
      query: Omit<ListGroupAuditEventsQuery, 'page_token'> = {},
    ): AsyncGenerator<AuditEvent> =>
      paginate(
        (pageToken) =>
          client.listGroupAuditEvents(groupId, { ...query, ...(pageToken ? { page_token: pageToken } : {}) }),
        (page) => page.events,
      ),
  };
  return client;
}

export type GroupsClient = ReturnType<typeof createGroupsClient>;
