// What every method of the client shares, so that each is one line per operation: the per-call
// options, one openapi-fetch call turned into its body (or a GroupsApiError, or a
// GroupsNetworkError when no answer came), the headers that make a create idempotent or a write
// conditional, and the walk along a paginated list.
import type { Client } from 'openapi-fetch';
import { corsHint, mayBeCorsBlock } from './browser.js';
import { GroupsApiError, GroupsNetworkError, type GroupsApiErrorCode, type Problem } from './errors.js';
import type { paths } from './generated/openapi.js';
import { attemptsMade } from './retry.js';
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

/** The openapi-fetch options of one call: one signal for the caller's abort and the timeout. */
// A type, not an interface: openapi-fetch's init takes any further keys, which an interface's type does not allow.
export type CallInit = {
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

// What an openapi-fetch call resolves to: `data` as openapi-fetch infers it from the spec's
// response for that path and method. Each method declares the schema type it returns and the
// compiler checks the inferred `data` against it, so a response changed in openapi.yaml is a
// compile error at that method, not a silent cast (test/package/types.test.ts).
interface Outcome<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** One operation of `raw`, sent with the call's init. */
export type Send<Data> = (init: CallInit) => Promise<Outcome<Data>>;

/** The client's openapi-fetch client and the two ways of calling it; every resource's methods are built on them. */
export interface Calls {
  raw: Client<paths>;
  /** The answer's body. */
  call: <Data>(send: Send<Data>, options?: CallOptions) => Promise<Data>;
  /** The answer's body and the group's ETag. */
  callWithETag: <Data>(send: Send<Data>, options?: CallOptions) => Promise<WithETag<Data>>;
}

function callInit(options: CallOptions = {}): CallInit {
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

const attemptsKey = Symbol('attempts');

/** How many attempts the failed call took: more than 1 means an earlier attempt's answer was lost or refused. */
const attemptsOf = (error: GroupsApiError): number =>
  (error as GroupsApiError & { [attemptsKey]?: number })[attemptsKey] ?? 1;

/** `baseUrl`: the API's, for the message of a failure to reach it. */
export function createCalls(raw: Client<paths>, baseUrl: string): Calls {
  async function exchange<Data>(send: Send<Data>, options?: CallOptions): Promise<{ data: Data; response: Response }> {
    const init = callInit(options);
    let outcome: Outcome<Data>;
    try {
      outcome = await send(init);
    } catch (error) {
      if (error instanceof GroupsApiError) throw error;
      if (init.signal?.aborted) throw init.signal.reason;
      const cause = mayBeCorsBlock(baseUrl, error)
        ? `${corsHint(baseUrl)} (${(error as Error).message})`
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
  return {
    raw,
    call: async (send, options) => (await exchange(send, options)).data,
    callWithETag: async (send, options) => {
      const { data, response } = await exchange(send, options);
      return { data, etag: response.headers.get('etag') ?? '' };
    },
  };
}

/**
 * A delete, with the success it reports when a retry finds the resource gone (`goneCode`): an
 * earlier attempt deleted it and its answer was lost. Gone on the first attempt is still an error.
 */
export async function deleteSafelyRetried<Deleted>(
  deletion: Promise<Deleted>,
  goneCode: GroupsApiErrorCode,
  deleted: Deleted,
): Promise<Deleted> {
  try {
    return await deletion;
  } catch (error) {
    if (error instanceof GroupsApiError && error.code === goneCode && attemptsOf(error) > 1) return deleted;
    throw error;
  }
}

function withHeaders<O extends CallOptions>(options: O | undefined, extra: Record<string, string | undefined>) {
  const headers = Object.fromEntries(
    Object.entries(extra).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...options, headers: { ...options?.headers, ...headers } };
}

/** A create's options with its Idempotency-Key: a structured-field string, as the IETF draft spells the key. */
export const keyed = (options: CreateOptions | undefined) =>
  withHeaders(options, { 'Idempotency-Key': `"${options?.idempotencyKey ?? randomUuid()}"` });

/** A write's options with If-Match when the caller gave an ETag. */
export const conditional = (options: WriteOptions | undefined) =>
  withHeaders(options, { 'If-Match': options?.ifMatch });

export const groupPath = (groupId: string) => ({ path: { group_id: groupId } });

/** Every item of a paginated list: `listPage` with `query` and each page's `next_page_token` in turn. */
export async function* everyItem<Query extends object, Page extends { next_page_token: string | null }, Item>(
  listPage: (query: Query & { page_token?: string }) => Promise<Page>,
  query: Query,
  items: (page: Page) => Item[],
): AsyncGenerator<Item> {
  let pageToken: string | undefined;
  do {
    const page = await listPage({ ...query, ...(pageToken ? { page_token: pageToken } : {}) });
    yield* items(page);
    pageToken = page.next_page_token ?? undefined;
  } while (pageToken);
}
