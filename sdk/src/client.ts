// The Groups API client: one typed method per operation (groups.ts, reads.ts, events.ts,
// webhook-endpoints.ts, all built on calls.ts), iterators over paginated lists, GroupsApiError for
// error answers, retries for idempotent calls (creates included: each carries an
// Idempotency-Key), and openapi-fetch's middleware for what a partner adds to every request and
// answer (tracing, logging). `raw` is the underlying openapi-fetch client, for anything the
// methods do not cover.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { createCalls } from './calls.js';
import { eventMethods } from './events.js';
import type { paths } from './generated/openapi.js';
import { groupMethods } from './groups.js';
import { readMethods } from './reads.js';
import { keepAttemptCount, retryingFetch, type RetryOptions } from './retry.js';
import { webhookEndpointMethods } from './webhook-endpoints.js';

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
  /**
   * openapi-fetch middleware, in order: each `onRequest` sees a call's request once before its
   * first attempt (what it sets is sent on every attempt), each `onResponse` the answer after
   * the retries, `onError` a call that got no answer. `use` adds more later.
   */
  middleware?: Middleware[];
}

// An interface over the resources' methods, not the type of a spread of them: declarations
// keep each method's documentation only this way.
export interface GroupsClient
  extends
    ReturnType<typeof groupMethods>,
    ReturnType<typeof readMethods>,
    ReturnType<typeof eventMethods>,
    ReturnType<typeof webhookEndpointMethods> {
  /** The underlying openapi-fetch client, with authentication, retries and middleware set up. */
  raw: Client<paths>;
  /** Adds middleware after the client's (see `GroupsClientOptions.middleware`), for every later call. */
  use: (...middleware: Middleware[]) => void;
  /** Removes middleware that `middleware` or `use` added. */
  eject: (...middleware: Middleware[]) => void;
}

export function createGroupsClient(options: GroupsClientOptions): GroupsClient {
  const { token, getToken } = options;
  if (!token && !getToken) throw new TypeError('createGroupsClient needs a token or getToken.');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const raw: Client<paths> = createClient<paths>({
    baseUrl,
    // The token is set on every attempt, so that a retry after a long wait asks getToken again.
    fetch: retryingFetch(options.fetch ?? globalThis.fetch, options.retries, async (request) => {
      request.headers.set('Authorization', `Bearer ${token ?? (await getToken!())}`);
    }),
    ...(options.headers ? { headers: options.headers } : {}),
    // `types=a,b`, as openapi.yaml declares the list parameters (form, not exploded).
    querySerializer: { array: { style: 'form', explode: false } },
  });
  raw.use(keepAttemptCount, ...(options.middleware ?? []));
  const calls = createCalls(raw, baseUrl);

  return {
    raw,
    use: (...middleware) => raw.use(...middleware),
    eject: (...middleware) => raw.eject(...middleware),
    ...groupMethods(calls),
    ...readMethods(calls),
    ...eventMethods(calls),
    ...webhookEndpointMethods(calls),
  };
}
