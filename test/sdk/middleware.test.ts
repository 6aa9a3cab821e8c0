// Partner middleware (openapi-fetch's onRequest, onResponse, onError) on real servers: what
// onRequest sets reaches the API (it keeps the X-Request-Id in its audit log and answers with
// it), on every attempt of a retried call, while onRequest and onResponse see the call once,
// its answer after the retries; `use` and `eject` add and remove middleware later; a
// middleware that throws fails the call; one that replaces the answer leaves a retried delete's
// success intact.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import {
  createGroupsClient,
  GroupsApiError,
  GroupsNetworkError,
  type Middleware,
  type RetryOptions,
} from '../../sdk/src/index.js';
import type { RunningServer } from '../../src/server.js';
import { liveServer } from '../support/live-server.js';
import { coachOfNewOrganization, tokenFor, uniqueName } from '../support/world.js';

interface Seen {
  requests: string[];
  answers: string[];
  errors: string[];
}

/** A middleware that tags each call's request with `X-Request-Id: <prefix>-<n>` and notes what it sees. */
function tracing(prefix: string): Middleware & { seen: Seen } {
  const seen: Seen = { requests: [], answers: [], errors: [] };
  const ids = new WeakMap<Request, string>();
  return {
    seen,
    onRequest({ request, schemaPath }) {
      const id = `${prefix}-${seen.requests.length + 1}`;
      ids.set(request, id);
      request.headers.set('X-Request-Id', id);
      seen.requests.push(`${request.method} ${schemaPath} ${id}`);
    },
    onResponse({ request, response }) {
      seen.answers.push(`${ids.get(request)} ${response.status}`);
    },
    onError({ request, error }) {
      seen.errors.push(`${ids.get(request)} ${(error as Error).name}`);
    },
  };
}

/** A plain HTTP server that answers from `answers` in turn and keeps the headers of each request. */
async function scriptedServer(answers: { status: number; headers?: Record<string, string>; body: unknown }[]) {
  const received: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    received.push(request.headers);
    const answer = answers.shift() ?? { status: 500, body: { code: 'internal_error' } };
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, received, stop };
}

/** A client of a scripted server, with short retry waits and these middleware. */
const scriptedClient = (url: string, middleware: Middleware[], retries: RetryOptions = {}) =>
  createGroupsClient({ baseUrl: url, token: 't', retries: { baseDelayMs: 1, maxDelayMs: 5, ...retries }, middleware });

describe('SDK middleware', function () {
  this.timeout(60_000);
  let running: RunningServer;
  let coachId: string;
  let token: string;

  before(async () => {
    running = await liveServer();
    ({ coachId } = await coachOfNewOrganization(0));
    token = await tokenFor(coachId);
  });

  after(async () => {
    await running?.stop();
  });

  it("adds a header that the API receives, and sees each call's request and answer, errors included", async () => {
    const trace = tracing('partner-trace');
    const groups = createGroupsClient({ baseUrl: running.url, token, middleware: [trace] });
    const { group_id: groupId } = await groups.createGroup({ name: uniqueName('Traced'), user_id: coachId });
    const audit = await groups.listGroupAuditEvents(groupId);
    const missing = await groups.getGroup('grp_0000000000000000').catch((error: unknown) => error);

    // The API kept the id the middleware set as the create's request id, and answered with it.
    expect(audit.events.map((event) => [event.action, event.request_id])).to.deep.equal([
      ['group.created', 'partner-trace-1'],
    ]);
    expect(missing).to.be.instanceOf(GroupsApiError);
    expect(missing).to.include({ status: 404, code: 'group_not_found', requestId: 'partner-trace-3' });
    expect(trace.seen).to.deep.equal({
      requests: [
        'POST /api/v1/groups partner-trace-1',
        'GET /api/v1/groups/{group_id}/audit partner-trace-2',
        'GET /api/v1/groups/{group_id} partner-trace-3',
      ],
      answers: ['partner-trace-1 200', 'partner-trace-2 200', 'partner-trace-3 404'],
      errors: [],
    });
  });

  it('sends what onRequest set on every attempt of a retried call, and shows onResponse the answer after the retries', async () => {
    const server = await scriptedServer([
      { status: 503, headers: { 'Retry-After': '0' }, body: { code: 'service_unavailable', status: 503 } },
      { status: 502, body: { code: 'http_502' } },
      { status: 200, body: { groups: [], count: 0, page_size: 20, next_page_token: null } },
    ]);
    try {
      const trace = tracing('retried');
      const groups = scriptedClient(server.url, [trace]);
      expect((await groups.listGroups()).count).to.equal(0);
      expect(server.received.map((headers) => headers['x-request-id'])).to.deep.equal([
        'retried-1',
        'retried-1',
        'retried-1',
      ]);
      expect(trace.seen).to.deep.equal({
        requests: ['GET /api/v1/groups retried-1'],
        answers: ['retried-1 200'],
        errors: [],
      });
    } finally {
      await server.stop();
    }
  });

  it('shows onError a call that got no answer, once, after the retries', async () => {
    const server = await scriptedServer([]);
    await server.stop();
    const trace = tracing('unreachable');
    const groups = scriptedClient(server.url, [trace], { maxRetries: 1 });
    const failed = await groups.getGroup('grp_0123456789abcdef').catch((error: unknown) => error);
    expect(failed).to.be.instanceOf(GroupsNetworkError);
    expect(trace.seen).to.deep.equal({
      requests: ['GET /api/v1/groups/{group_id} unreachable-1'],
      answers: [],
      errors: ['unreachable-1 TypeError'],
    });
  });

  it('adds middleware with use() for the calls after it, and removes it with eject()', async () => {
    const groups = createGroupsClient({ baseUrl: running.url, token });
    const first = tracing('first');
    const second = tracing('second');
    await groups.listGroups();
    groups.use(first, second);
    await groups.listGroups();
    groups.eject(first);
    await groups.listGroups();
    expect(first.seen.answers).to.deep.equal(['first-1 200']);
    expect(second.seen.answers).to.deep.equal(['second-1 200', 'second-2 200']);
  });

  it('fails a call whose middleware throws, with what it threw as the cause, and sends nothing', async () => {
    const server = await scriptedServer([]);
    try {
      const broken = new Error('tracer not configured');
      const throwing: Middleware = {
        onRequest: () => {
          throw broken;
        },
      };
      const groups = scriptedClient(server.url, [throwing]);
      const failed = await groups.listGroups().catch((error: unknown) => error);
      expect(failed).to.be.instanceOf(GroupsNetworkError);
      expect((failed as GroupsNetworkError).cause).to.equal(broken);
      expect(server.received).to.deep.equal([]);
    } finally {
      await server.stop();
    }
  });

  it('reports a retried delete as the success it was when a middleware replaced the answer', async () => {
    const groups = createGroupsClient({ baseUrl: running.url, token });
    const { group_id: groupId } = await groups.createGroup({ name: uniqueName('Delete replaced'), user_id: coachId });
    let deletes = 0;
    // The first DELETE deletes the group, but its answer is lost on the way back.
    const losingFirstDelete = (async (input: Parameters<typeof fetch>[0]) => {
      const request = input as Request;
      const response = await fetch(request);
      if (request.method === 'DELETE' && ++deletes === 1) {
        await response.body?.cancel();
        throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    }) as typeof fetch;
    const replacing: Middleware = {
      onResponse: ({ response }) => new Response(response.body, response),
    };
    const deleted = await createGroupsClient({
      baseUrl: running.url,
      token,
      fetch: losingFirstDelete,
      retries: { baseDelayMs: 1 },
      middleware: [replacing],
    }).deleteGroup(groupId);
    expect(deleted).to.deep.equal({ group_id: groupId, status: 'success' });
    expect(deletes).to.equal(2);
  });
});
