import { expect } from 'chai';
import { attemptsMade, retryingFetch } from '../../../sdk/src/retry.js';
import { deadlineFor } from '../../support/deadlines.js';

function scriptedFetch(outcomes: (Response | Error)[]) {
  const calls: Request[] = [];
  const fetchImpl = (async (input: Parameters<typeof fetch>[0]) => {
    calls.push(input as Request);
    const next = outcomes.shift();
    if (!next) throw new Error('no more scripted outcomes');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const fast = { baseDelayMs: 1, maxDelayMs: 50 };

describe('SDK retries', () => {
  it('retries a GET after 503 and 429, honouring Retry-After, until it succeeds', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503, headers: { 'Retry-After': '0' } }),
      new Response(null, { status: 429 }),
      new Response('{}', { status: 200 }),
    ]);
    const response = await retryingFetch(fetchImpl, { ...fast, maxRetries: 3 })('http://api.test/api/v1/groups');
    expect(response.status).to.equal(200);
    expect(calls).to.have.length(3);
  });

  it('retries PUT and DELETE with the same body, never a POST without an Idempotency-Key', async () => {
    const put = scriptedFetch([new TypeError('socket hang up'), new Response('{}', { status: 200 })]);
    const response = await retryingFetch(put.fetchImpl, fast)('http://api.test/x', { method: 'PUT', body: '{"a":1}' });
    expect(response.status).to.equal(200);
    expect(await Promise.all(put.calls.map((call) => call.text()))).to.deep.equal(['{"a":1}', '{"a":1}']);

    const post = scriptedFetch([new Response(null, { status: 503 }), new Response('{}', { status: 200 })]);
    const posted = await retryingFetch(post.fetchImpl, fast)('http://api.test/x', { method: 'POST', body: '{}' });
    expect(posted.status).to.equal(503);
    expect(post.calls).to.have.length(1);
  });

  it('retries a POST that carries an Idempotency-Key, with the same key and body, also on a 409 with Retry-After', async () => {
    const post = scriptedFetch([
      new TypeError('socket hang up'),
      new Response(null, { status: 409, headers: { 'Retry-After': '0' } }),
      new Response('{}', { status: 200 }),
    ]);
    const response = await retryingFetch(post.fetchImpl, { ...fast, maxRetries: 3 })('http://api.test/x', {
      method: 'POST',
      headers: { 'Idempotency-Key': '"k-1"' },
      body: '{"a":1}',
    });
    expect(response.status).to.equal(200);
    expect(attemptsMade(response)).to.equal(3);
    expect(post.calls.map((call) => call.headers.get('idempotency-key'))).to.deep.equal(['"k-1"', '"k-1"', '"k-1"']);
    expect(await Promise.all(post.calls.map((call) => call.text()))).to.deep.equal(['{"a":1}', '{"a":1}', '{"a":1}']);

    // A 409 without Retry-After (a name clash) is an answer, not a reason to retry.
    const clash = scriptedFetch([new Response(null, { status: 409 })]);
    const answered = await retryingFetch(clash.fetchImpl, fast)('http://api.test/x', {
      method: 'POST',
      headers: { 'Idempotency-Key': '"k-2"' },
      body: '{}',
    });
    expect(answered.status).to.equal(409);
    expect(attemptsMade(answered)).to.equal(1);
  });

  it('stops after maxRetries and hands back the last answer or error', async () => {
    const statuses = scriptedFetch([
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
    ]);
    expect((await retryingFetch(statuses.fetchImpl, { ...fast, maxRetries: 2 })('http://api.test/x')).status).to.equal(
      503,
    );
    expect(statuses.calls).to.have.length(3);

    const failures = scriptedFetch([new TypeError('refused'), new TypeError('refused again')]);
    let thrown: unknown;
    await retryingFetch(failures.fetchImpl, { ...fast, maxRetries: 1 })('http://api.test/x').catch((error: unknown) => {
      thrown = error;
    });
    expect((thrown as Error).message).to.equal('refused again');
  });

  it('retries 502 and 504 from a gateway like 503', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 502 }),
      new Response(null, { status: 504 }),
      new Response('{}', { status: 200 }),
    ]);
    expect((await retryingFetch(fetchImpl, { ...fast, maxRetries: 2 })('http://api.test/x')).status).to.equal(200);
    expect(calls).to.have.length(3);
  });

  it('prepares every attempt afresh, so each retry carries a new token', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503 }),
      new Response('{}', { status: 200 }),
    ]);
    let issued = 0;
    const prepare = (request: Request) => void request.headers.set('Authorization', `Bearer token-${++issued}`);
    await retryingFetch(fetchImpl, fast, prepare)('http://api.test/x');
    expect(calls.map((call) => call.headers.get('authorization'))).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
  });

  it('stops waiting for a retry as soon as the signal aborts', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503, headers: { 'Retry-After': '60' } }),
      new Response('{}', { status: 200 }),
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    const started = Date.now();
    let thrown: unknown;
    await retryingFetch(fetchImpl, { maxRetries: 2, maxDelayMs: 60_000 })('http://api.test/x', {
      signal: controller.signal,
    }).catch((error: unknown) => (thrown = error));
    expect((thrown as Error).message).to.equal('caller gave up');
    // Not the minute Retry-After asked for.
    expect(Date.now() - started).to.be.below(deadlineFor(50));
    expect(calls).to.have.length(1);
  });

  it('does not retry other error statuses', async () => {
    const { calls, fetchImpl } = scriptedFetch([new Response(null, { status: 500 })]);
    expect((await retryingFetch(fetchImpl, fast)('http://api.test/x')).status).to.equal(500);
    expect(calls).to.have.length(1);
  });

  it('waits as long as Retry-After asks, up to maxDelayMs', async () => {
    const { fetchImpl } = scriptedFetch([
      new Response(null, { status: 429, headers: { 'Retry-After': '1' } }),
      new Response('{}', { status: 200 }),
    ]);
    const started = Date.now();
    await retryingFetch(fetchImpl, { baseDelayMs: 1, maxDelayMs: 5000 })('http://api.test/x');
    expect(Date.now() - started).to.be.at.least(950);
  });
});
