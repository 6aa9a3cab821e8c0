import { expect } from 'chai';
import { createGroupsClient, GroupsApiError } from '../../../sdk/src/index.js';
import { deadlineFor } from '../../support/deadlines.js';

const groupBody = {
  group_id: 'grp_0123456789abcdef',
  name: 'Tuesday Speed',
  description: null,
  privacy: 'public',
  user_id: 'usr_coach1',
  org_id: 'org_1',
  members: [],
  member_count: 0,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

function recordingFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    const request = input as Request;
    requests.push(request);
    return answer(request);
  }) as typeof fetch;
  return { requests, fetchImpl };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json', ...headers },
  });

describe('SDK per-call options', () => {
  it('sends per-call headers beside the client headers, on that call only', async () => {
    const { requests, fetchImpl } = recordingFetch(() => json(200, groupBody));
    const client = createGroupsClient({
      baseUrl: 'http://api.test',
      token: 't',
      fetch: fetchImpl,
      headers: { 'X-App': 'a' },
    });
    await client.getGroup('grp_0123456789abcdef', { headers: { 'X-Request-Id': 'trace-1' } });
    await client.getGroup('grp_0123456789abcdef');
    expect(requests.map((request) => request.headers.get('x-request-id'))).to.deep.equal(['trace-1', null]);
    expect(requests.map((request) => request.headers.get('x-app'))).to.deep.equal(['a', 'a']);
  });

  it('asks getToken for every attempt, retries included', async () => {
    let attempt = 0;
    const { requests, fetchImpl } = recordingFetch(() =>
      ++attempt === 1 ? json(503, { code: 'service_unavailable' }, { 'Retry-After': '0' }) : json(200, groupBody),
    );
    let issued = 0;
    const client = createGroupsClient({
      baseUrl: 'http://api.test',
      getToken: () => `token-${++issued}`,
      fetch: fetchImpl,
    });
    await client.getGroup('grp_0123456789abcdef');
    expect(requests.map((request) => request.headers.get('authorization'))).to.deep.equal([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('rejects with the signal reason when the caller aborts, without wrapping it', async () => {
    const { fetchImpl } = recordingFetch(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
        }),
    );
    const client = createGroupsClient({ baseUrl: 'http://api.test', token: 't', fetch: fetchImpl });
    const controller = new AbortController();
    const reason = new Error('navigated away');
    setTimeout(() => controller.abort(reason), 20);
    const thrown = await client.listGroups({}, { signal: controller.signal }).catch((error: unknown) => error);
    expect(thrown).to.equal(reason);
  });

  it('gives up after timeoutMs, retries and their waits included', async () => {
    const { requests, fetchImpl } = recordingFetch(() =>
      json(503, { code: 'service_unavailable' }, { 'Retry-After': '60' }),
    );
    const client = createGroupsClient({ baseUrl: 'http://api.test', token: 't', fetch: fetchImpl });
    const started = Date.now();
    const thrown = await client.getGroup('grp_0123456789abcdef', { timeoutMs: 100 }).catch((error: unknown) => error);
    expect((thrown as Error).name).to.equal('TimeoutError');
    // Not the minute Retry-After asked for.
    expect(Date.now() - started).to.be.below(deadlineFor(100));
    expect(requests).to.have.length(1);
  });

  it('marks 429, 502, 503 and 504 as retryable and other errors not', async () => {
    const statuses = [400, 404, 409, 429, 500, 502, 503, 504];
    const retryable: number[] = [];
    for (const status of statuses) {
      const { fetchImpl } = recordingFetch(() => json(status, { code: 'x', status }));
      const client = createGroupsClient({
        baseUrl: 'http://api.test',
        token: 't',
        fetch: fetchImpl,
        retries: { maxRetries: 0 },
      });
      const error = await client.getGroup('grp_0123456789abcdef').catch((thrown: unknown) => thrown);
      expect(error).to.be.instanceOf(GroupsApiError);
      if ((error as GroupsApiError).isRetryable) retryable.push(status);
    }
    expect(retryable).to.deep.equal([429, 502, 503, 504]);
    const inUse = new GroupsApiError(409, { code: 'idempotency_key_in_use', status: 409 }, undefined);
    expect(inUse.isRetryable).to.equal(true);
    expect(new GroupsApiError(409, { code: 'group_name_taken', status: 409 }, undefined).isRetryable).to.equal(false);
  });

  it('aborts updateMembers while it waits between rounds after a 412', async () => {
    const controller = new AbortController();
    const { requests, fetchImpl } = recordingFetch((request) => {
      if (request.method === 'GET') return json(200, groupBody, { ETag: '"v1"' });
      controller.abort(new Error('the user left'));
      return json(412, { code: 'precondition_failed', status: 412 });
    });
    const client = createGroupsClient({ baseUrl: 'http://api.test', token: 't', fetch: fetchImpl });
    const error = await client
      .updateMembers('grp_0123456789abcdef', { add: ['usr_athlete1'] }, { signal: controller.signal })
      .catch((thrown: unknown) => thrown);
    expect((error as Error).message).to.equal('the user left');
    expect(requests.map((request) => request.method)).to.deep.equal(['GET', 'PUT']);
    expect(requests[1]!.headers.get('if-match')).to.equal('"v1"');
  });
});
