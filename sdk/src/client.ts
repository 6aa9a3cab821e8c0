// The Groups API client: one typed method per operation, iterators over paginated lists,
// GroupsApiError for error answers, retries for idempotent calls (creates included: each
// carries an Idempotency-Key), ETags and If-Match for changes that must not overwrite another
// client's, and `updateMembers` built on them. `raw` is the underlying openapi-fetch client, for
// anything the methods do not cover.
import createClient, { type Client } from 'openapi-fetch';
import { GroupsApiError, GroupsNetworkError, type Problem } from './errors.js';
import type { components, operations, paths } from './generated/openapi.js';
import { corsHint, mayBeCorsBlock } from './browser.js';
import { attemptsMade, retryingFetch, sleep, type RetryOptions } from './retry.js';
import { randomUuid } from './uuid.js';

/** Options of one call, on top of the client's. */
export interface CallOptions {
  /** Aborts the call, retries and their waiting included; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Gives up after this many milliseconds, retries included (rejects with a `TimeoutError`). */
  timeoutMs?: number;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

/** Options of a change that must apply only to the version of the group the caller read. */
export interface WriteOptions extends CallOptions {
  /** The group's ETag as read (`getGroupWithETag`): the call fails with 412 `precondition_failed` if it changed. */
  ifMatch?: string;
}

/** Options of a create. */
export interface CreateOptions extends CallOptions {
  /** The Idempotency-Key; default a fresh UUID per call. Pass your own to make a create safe across restarts. */
  idempotencyKey?: string;
}

/** A result with the group's ETag, for a later `ifMatch`. */
export interface WithETag<T> {
  data: T;
  etag: string;
}

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
/** One committed change of a group, from the change feed: narrow it by `type`. */
export type ChangeEvent = Schemas['ChangeEvent'];
export type ChangeEventType = Schemas['EventType'];
export type GroupCreatedChangeEvent = Schemas['GroupCreatedChangeEvent'];
export type GroupUpdatedChangeEvent = Schemas['GroupUpdatedChangeEvent'];
export type GroupDeletedChangeEvent = Schemas['GroupDeletedChangeEvent'];
export type GroupMembersChangedChangeEvent = Schemas['GroupMembersChangedChangeEvent'];
/** A change in the health of one of the organization's webhook endpoints (paused, resumed, disabled). */
export type WebhookEndpointEvent = Schemas['WebhookEndpointEvent'];
export type WebhookEndpointEventType = Schemas['EndpointEventType'];
export type WebhookEndpointPausedEvent = Schemas['WebhookEndpointPausedEvent'];
export type WebhookEndpointResumedEvent = Schemas['WebhookEndpointResumedEvent'];
export type WebhookEndpointDisabledEvent = Schemas['WebhookEndpointDisabledEvent'];
/** The ping a new endpoint gets, and `sendWebhookTestEvent` sends; never in the change feed. */
export type WebhookPingEvent = Schemas['WebhookEndpointPingEvent'];
/** Any event of the change feed: a group's change, or (asked for by `types`, admins) an endpoint's. */
export type FeedEvent = Schemas['FeedEvent'];
export type FeedEventType = FeedEvent['type'];
/** Whatever a webhook request carries: narrow it by `type`. */
export type WebhookEvent = FeedEvent | WebhookPingEvent;
/** A page of the change feed with the events of the types `T`. */
export type EventPageOf<T extends FeedEventType> = Omit<Schemas['EventPage'], 'events'> & {
  events: Extract<FeedEvent, { type: T }>[];
};
/** A page of the change feed as read without `types`: the groups' changes. */
export type EventPage = EventPageOf<ChangeEventType>;
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointCreated = Schemas['WebhookEndpointCreated'];
export type WebhookEndpointList = Schemas['WebhookEndpointList'];
export type WebhookEndpointDeleted = Schemas['WebhookEndpointDeleted'];
export type WebhookSecretRotation = Schemas['WebhookSecretRotation'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryList = Schemas['WebhookDeliveryList'];
export type CreateWebhookEndpointRequest = Body<'createWebhookEndpoint'>;
export type UpdateWebhookEndpointRequest = Body<'updateWebhookEndpoint'>;
export type RedeliverRequest = Body<'redeliverWebhookEvent'>;
export type ListWebhookDeliveriesQuery = Query<'listWebhookDeliveries'>;
export type CreateGroupRequest = Body<'createGroup'>;
export type UpdateGroupRequest = Body<'updateGroup'>;
export type ListGroupsQuery = Query<'listGroups'>;
export type ListGroupActivitiesQuery = Query<'listGroupActivities'>;
export type GetGroupStatsQuery = Query<'getGroupStats'>;
export type ListGroupAuditEventsQuery = Query<'listGroupAuditEvents'>;
export type ListEventsQuery<T extends FeedEventType = FeedEventType> = Omit<Query<'listEvents'>, 'types'> & {
  /** Only these types; absent, every `group.*` type (an endpoint's events only when named). */
  types?: T[];
};

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
  /**
   * Retries of idempotent calls (GET, PUT, DELETE, and a POST with an Idempotency-Key, which
   * createGroup always sends) on 429, 502, 503, 504, a 409 whose key is still in use, and
   * network errors.
   */
  retries?: RetryOptions;
}

// What an openapi-fetch call resolves to: `data` as openapi-fetch infers it from the spec's
// response for that path and method. Each method declares the schema type it returns and the
// compiler checks the inferred `data` against it, so a response changed in openapi.yaml is a
// compile error here, not a silent cast (test/package/types.test.ts).
interface Outcome<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

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

async function unwrap<Data>(call: Promise<Outcome<Data>>, signal: AbortSignal | undefined, url: string): Promise<Data> {
  return (await unwrapOutcome(call, signal, url)).data;
}

async function unwrapOutcome<Data>(
  call: Promise<Outcome<Data>>,
  signal: AbortSignal | undefined,
  /** The API's base URL, for the message of a failure to reach it. */
  url: string,
): Promise<{ data: Data; response: Response }> {
  let outcome: Outcome<Data>;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof GroupsApiError) throw error;
    if (signal?.aborted) throw signal.reason;
    const cause = mayBeCorsBlock(url, error)
      ? `${corsHint(url)} (${(error as Error).message})`
      : (error as Error).message;
    throw new GroupsNetworkError(`The Groups API could not be reached: ${cause}`, { cause: error });
  }
  const { data, error, response } = outcome;
  if (!response.ok) {
    const problem = (typeof error === 'object' && error !== null ? error : {}) as Partial<Problem>;
    throw Object.assign(
      new GroupsApiError(response.status, problem, response.headers.get('x-request-id') ?? undefined),
      { [attemptsKey]: attemptsMade(response) },
    );
  }
  // Every successful answer of the API has a JSON body.
  return { data: data!, response };
}

const attemptsKey = Symbol('attempts');

/** How many attempts the failed call took: more than 1 means an earlier attempt's answer was lost or refused. */
const attemptsOf = (error: GroupsApiError): number =>
  (error as GroupsApiError & { [attemptsKey]?: number })[attemptsKey] ?? 1;

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
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const raw: Client<paths> = createClient<paths>({
    baseUrl,
    // The token is set on every attempt, so that a retry after a long wait asks getToken again.
    fetch: retryingFetch(baseFetch, options.retries, async (request) => {
      request.headers.set('Authorization', `Bearer ${token ?? (await getToken!())}`);
    }),
    ...(options.headers ? { headers: options.headers } : {}),
    // `types=a,b`, as openapi.yaml declares the list parameters (form, not exploded).
    querySerializer: { array: { style: 'form', explode: false } },
  });
  const path = (groupId: string) => ({ path: { group_id: groupId } });
  const endpointPath = (endpointId: string) => ({ path: { endpoint_id: endpointId } });
  const call = <Data>(
    send: (init: ReturnType<typeof requestInit>) => Promise<Outcome<Data>>,
    options?: CallOptions,
  ) => {
    const init = requestInit(options);
    return unwrap(send(init), init.signal, baseUrl);
  };
  const callWithETag = async <Data>(
    send: (init: ReturnType<typeof requestInit>) => Promise<Outcome<Data>>,
    options?: CallOptions,
  ): Promise<WithETag<Data>> => {
    const init = requestInit(options);
    const { data, response } = await unwrapOutcome(send(init), init.signal, baseUrl);
    return { data, etag: response.headers.get('etag') ?? '' };
  };
  const withHeaders = <O extends CallOptions>(options: O | undefined, extra: Record<string, string | undefined>) => {
    const headers = Object.fromEntries(
      Object.entries(extra).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return { ...options, headers: { ...options?.headers, ...headers } };
  };
  // A structured-field string, as the IETF draft spells the key.
  const keyed = (options: CreateOptions | undefined) =>
    withHeaders(options, { 'Idempotency-Key': `"${options?.idempotencyKey ?? randomUuid()}"` });
  const conditional = (options: WriteOptions | undefined) => withHeaders(options, { 'If-Match': options?.ifMatch });
  const create = (body: CreateGroupRequest, options?: CreateOptions): Promise<WithETag<MutationResult>> =>
    callWithETag((init) => raw.POST('/api/v1/groups', { body, ...init }), keyed(options));
  const update = (
    groupId: string,
    body: UpdateGroupRequest,
    options?: WriteOptions,
  ): Promise<WithETag<MutationResult>> =>
    callWithETag(
      (init) => raw.PUT('/api/v1/groups/{group_id}', { params: path(groupId), body, ...init }),
      conditional(options),
    );

  const client = {
    raw,

    /** Creates a group; safe to retry (a fresh Idempotency-Key per call, or `idempotencyKey`). */
    createGroup: async (body: CreateGroupRequest, options?: CreateOptions): Promise<MutationResult> =>
      (await create(body, options)).data,
    /** `createGroup`, with the new group's ETag. */
    createGroupWithETag: create,
    getGroup: (groupId: string, options?: CallOptions): Promise<Group> =>
      call((init) => raw.GET('/api/v1/groups/{group_id}', { params: path(groupId), ...init }), options),
    /** The group and its ETag, for a later `ifMatch`. */
    getGroupWithETag: (groupId: string, options?: CallOptions): Promise<WithETag<Group>> =>
      callWithETag((init) => raw.GET('/api/v1/groups/{group_id}', { params: path(groupId), ...init }), options),
    /** With `ifMatch`, applies only if the group is still at that ETag (else a 412 GroupsApiError). */
    updateGroup: async (groupId: string, body: UpdateGroupRequest, options?: WriteOptions): Promise<MutationResult> =>
      (await update(groupId, body, options)).data,
    /** `updateGroup`, with the group's ETag after the change. */
    updateGroupWithETag: update,
    /**
     * Deletes a group; with `ifMatch`, only if it is still at that ETag. A retry whose earlier
     * attempt deleted the group (its answer was lost) finds it gone: that is reported as success.
     */
    deleteGroup: async (groupId: string, options?: WriteOptions): Promise<MutationResult> => {
      try {
        return await call(
          (init) => raw.DELETE('/api/v1/groups/{group_id}', { params: path(groupId), ...init }),
          conditional(options),
        );
      } catch (error) {
        if (error instanceof GroupsApiError && error.code === 'group_not_found' && attemptsOf(error) > 1)
          return { group_id: groupId, status: 'success' };
        throw error;
      }
    },
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
        const { data: group, etag } = await client.getGroupWithETag(groupId, callOptions);
        const members = applyChange(group.members, change);
        if (sameMembers(members, group.members))
          return { group_id: groupId, status: 'success', members: group.members, etag, attempts: attempt };
        try {
          const written = await update(groupId, { members }, { ...callOptions, ifMatch: etag });
          return { ...written.data, members: [...members].sort(), etag: written.etag, attempts: attempt };
        } catch (error) {
          if (!(error instanceof GroupsApiError && error.status === 412) || attempt >= maxAttempts) throw error;
          // A short random pause, so that two clients that collided do not collide again.
          await sleep(Math.random() * 25 * attempt, callOptions.signal);
        }
      }
    },
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
    listGroupAuditEvents: async (
      groupId: string,
      query: ListGroupAuditEventsQuery = {},
      options?: CallOptions,
    ): Promise<AuditEventList> =>
      withNullOnlyFields<AuditEventList>(
        await call(
          (init) => raw.GET('/api/v1/groups/{group_id}/audit', { params: { ...path(groupId), query }, ...init }),
          options,
        ),
      ),

    /**
     * A page of the change feed: pass its `next_cursor` as `after` next time, and nothing is
     * missed. Its events are typed by `types` (absent: the groups' changes).
     */
    listEvents: async <T extends FeedEventType = ChangeEventType>(
      query: ListEventsQuery<T> = {},
      options?: CallOptions,
    ): Promise<EventPageOf<T>> => {
      const page: Schemas['EventPage'] = await call(
        (init) => raw.GET('/api/v1/events', { params: { query }, ...init }),
        options,
      );
      // The API lists only the types asked for (without `types`, only `group.*`).
      return page as EventPageOf<T>;
    },
    /**
     * The change feed page by page from `after` (or its oldest kept event) until it is caught
     * up. Save each page's `next_cursor` once its events are handled, and resume from it later.
     */
    iterateEventPages: async function* <T extends FeedEventType = ChangeEventType>(
      query: ListEventsQuery<T> = {},
      options?: CallOptions,
    ): AsyncGenerator<EventPageOf<T>> {
      let after = query.after;
      for (;;) {
        const page = await client.listEvents<T>({ ...query, ...(after ? { after } : {}) }, options);
        yield page;
        if (!page.has_more) return;
        after = page.next_cursor;
      }
    },

    /**
     * Registers a webhook endpoint (admins). The answer's `secret` is shown this once: keep it
     * for `verifyWebhook`. Not retried: a lost answer could otherwise register it twice.
     */
    createWebhookEndpoint: (
      body: CreateWebhookEndpointRequest,
      options?: CallOptions,
    ): Promise<WebhookEndpointCreated> =>
      call((init) => raw.POST('/api/v1/webhook-endpoints', { body, ...init }), options),
    listWebhookEndpoints: (options?: CallOptions): Promise<WebhookEndpointList> =>
      call((init) => raw.GET('/api/v1/webhook-endpoints', init), options),
    getWebhookEndpoint: (endpointId: string, options?: CallOptions): Promise<WebhookEndpoint> =>
      call(
        (init) => raw.GET('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), ...init }),
        options,
      ),
    /** Changes the given fields; `status: 'disabled'` stops deliveries, `'enabled'` resumes them. */
    updateWebhookEndpoint: (
      endpointId: string,
      body: UpdateWebhookEndpointRequest,
      options?: CallOptions,
    ): Promise<WebhookEndpoint> =>
      call(
        (init) =>
          raw.PUT('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), body, ...init }),
        options,
      ),
    /** Deletes an endpoint; a retry whose earlier attempt deleted it reports the success it was. */
    deleteWebhookEndpoint: async (endpointId: string, options?: CallOptions): Promise<WebhookEndpointDeleted> => {
      try {
        return await call(
          (init) =>
            raw.DELETE('/api/v1/webhook-endpoints/{endpoint_id}', { params: endpointPath(endpointId), ...init }),
          options,
        );
      } catch (error) {
        if (error instanceof GroupsApiError && error.code === 'webhook_endpoint_not_found' && attemptsOf(error) > 1)
          return { id: endpointId, deleted: true };
        throw error;
      }
    },
    /** A new signing secret; the old one keeps signing too for 24 hours. */
    rotateWebhookEndpointSecret: (endpointId: string, options?: CallOptions): Promise<WebhookSecretRotation> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret', {
            params: endpointPath(endpointId),
            ...init,
          }),
        options,
      ),
    /** A page of the endpoint's delivery log, newest first. */
    listWebhookDeliveries: (
      endpointId: string,
      query: ListWebhookDeliveriesQuery = {},
      options?: CallOptions,
    ): Promise<WebhookDeliveryList> =>
      call(
        (init) =>
          raw.GET('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
            params: { ...endpointPath(endpointId), query },
            ...init,
          }),
        options,
      ),
    /** Sends an event to the endpoint again (same `webhook-id`), due at once. */
    redeliverWebhookEvent: (
      endpointId: string,
      body: RedeliverRequest,
      options?: CallOptions,
    ): Promise<WebhookDelivery> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/deliveries', {
            params: endpointPath(endpointId),
            body,
            ...init,
          }),
        options,
      ),
    /**
     * Sends the endpoint a `webhook_endpoint.ping` (due at once, or when its pause ends) and
     * answers its delivery: read the log a moment later to see what the receiver answered.
     */
    sendWebhookTestEvent: (endpointId: string, options?: CallOptions): Promise<WebhookDelivery> =>
      call(
        (init) =>
          raw.POST('/api/v1/webhook-endpoints/{endpoint_id}/test', { params: endpointPath(endpointId), ...init }),
        options,
      ),
    /** Every delivery of the endpoint's log, newest first. */
    iterateWebhookDeliveries: (
      endpointId: string,
      query: Omit<ListWebhookDeliveriesQuery, 'page_token'> = {},
      options?: CallOptions,
    ): AsyncGenerator<WebhookDelivery> =>
      paginate(
        (pageToken) =>
          client.listWebhookDeliveries(
            endpointId,
            { ...query, ...(pageToken ? { page_token: pageToken } : {}) },
            options,
          ),
        (page) => page.deliveries,
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
