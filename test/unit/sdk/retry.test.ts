// The SDK's retrying fetch on scripted answers. Its waits go to a stand-in sleep that records
// them and returns at once, and its jitter is a fixed share, so each test asserts the waits the
// backoff and Retry-After ask for without waiting them.
import { expect } from 'chai';
import { attemptsMade, retryingFetch, sleep, type RetryOptions, type RetryTiming } from '../../../sdk/src/retry.js';

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

/** Timing whose sleep records each wait and returns at once; the jitter waits `share` of each backoff. */
function recordedTiming(share = 0.5): RetryTiming & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    random: () => share,
    sleep: async (ms) => void waits.push(ms),
  };
}

/** A retrying fetch over `fetchImpl` whose waits `timing` records. */
const retrying = (fetchImpl: typeof fetch, timing: RetryTiming, options: RetryOptions = {}) =>
  retryingFetch(fetchImpl, options, undefined, timing);

describe('SDK retries', () => {
  it('retries a GET after 503 and 429, honouring Retry-After, until it succeeds', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503, headers: { 'Retry-After': '0' } }),
      new Response(null, { status: 429 }),
      new Response('{}', { status: 200 }),
    ]);
    const timing = recordedTiming();
    const response = await retrying(fetchImpl, timing, { maxRetries: 3 })('http://api.test/api/v1/groups');
    expect(response.status).to.equal(200);
    expect(calls).to.have.length(3);
    // Retry-After: 0 after the first attempt; after the second, half (the jitter) of 200 ms doubled.
    expect(timing.waits).to.deep.equal([0, 200]);
  });

  it('backs off exponentially with full jitter, up to maxDelayMs', async () => {
    const failures = Array.from({ length: 6 }, () => new Response(null, { status: 503 }));
    const { calls, fetchImpl } = scriptedFetch(failures);
    const timing = recordedTiming(0.75);
    const response = await retrying(fetchImpl, timing, { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 })(
      'http://api.test/x',
    );
    expect(response.status).to.equal(503);
    expect(calls).to.have.length(6);
    // 0.75 × 100 × 2^attempt: 75, 150, 300, 600, then 1200 capped at 1000.
    expect(timing.waits).to.deep.equal([75, 150, 300, 600, 1000]);
    expect(attemptsMade(response)).to.equal(6);
  });

  it('retries PUT and DELETE with the same body, never a POST without an Idempotency-Key', async () => {
    const timing = recordedTiming();
    const put = scriptedFetch([new TypeError('socket hang up'), new Response('{}', { status: 200 })]);
    const response = await retrying(put.fetchImpl, timing)('http://api.test/x', { method: 'PUT', body: '{"a":1}' });
    expect(response.status).to.equal(200);
    expect(await Promise.all(put.calls.map((call) => call.text()))).to.deep.equal(['{"a":1}', '{"a":1}']);

    const deletion = scriptedFetch([new Response(null, { status: 502 }), new Response('{}', { status: 200 })]);
    const deleted = await retrying(deletion.fetchImpl, timing)('http://api.test/x', { method: 'DELETE' });
    expect(deleted.status).to.equal(200);
    expect(attemptsMade(deleted)).to.equal(2);

    const post = scriptedFetch([new Response(null, { status: 503 }), new Response('{}', { status: 200 })]);
    const posted = await retrying(post.fetchImpl, timing)('http://api.test/x', { method: 'POST', body: '{}' });
    expect(posted.status).to.equal(503);
    expect(post.calls).to.have.length(1);
    // One wait after the PUT's network error and one after the DELETE's 502; none for the POST.
    expect(timing.waits).to.deep.equal([100, 100]);
  });

  it('retries a POST that carries an Idempotency-Key, with the same key and body, also on a 409 with Retry-After', async () => {
    const post = scriptedFetch([
      new TypeError('socket hang up'),
      new Response(null, { status: 409, headers: { 'Retry-After': '2' } }),
      new Response('{}', { status: 200 }),
    ]);
    const timing = recordedTiming();
    const response = await retrying(post.fetchImpl, timing, { maxRetries: 3 })('http://api.test/x', {
      method: 'POST',
      headers: { 'Idempotency-Key': '"k-1"' },
      body: '{"a":1}',
    });
    expect(response.status).to.equal(200);
    expect(attemptsMade(response)).to.equal(3);
    expect(post.calls.map((call) => call.headers.get('idempotency-key'))).to.deep.equal(['"k-1"', '"k-1"', '"k-1"']);
    expect(await Promise.all(post.calls.map((call) => call.text()))).to.deep.equal(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(timing.waits).to.deep.equal([100, 2000]);

    // A 409 without Retry-After (a name clash) is an answer, not a reason to retry.
    const clash = scriptedFetch([new Response(null, { status: 409 })]);
    const answered = await retrying(clash.fetchImpl, timing)('http://api.test/x', {
      method: 'POST',
      headers: { 'Idempotency-Key': '"k-2"' },
      body: '{}',
    });
    expect(answered.status).to.equal(409);
    expect(attemptsMade(answered)).to.equal(1);
    expect(timing.waits).to.have.length(2);
  });

  it('stops after maxRetries and hands back the last answer or error', async () => {
    const statuses = scriptedFetch([
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
      new Response(null, { status: 503 }),
    ]);
    const timing = recordedTiming();
    const last = await retrying(statuses.fetchImpl, timing, { maxRetries: 2 })('http://api.test/x');
    expect(last.status).to.equal(503);
    expect(attemptsMade(last)).to.equal(3);
    expect(statuses.calls).to.have.length(3);
    expect(timing.waits).to.deep.equal([100, 200]);

    const failures = scriptedFetch([new TypeError('refused'), new TypeError('refused again')]);
    let thrown: unknown;
    await retrying(failures.fetchImpl, timing, { maxRetries: 1 })('http://api.test/x').catch((error: unknown) => {
      thrown = error;
    });
    expect((thrown as Error).message).to.equal('refused again');
    expect(failures.calls).to.have.length(2);
  });

  it('retries 502 and 504 from a gateway like 503', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 502 }),
      new Response(null, { status: 504 }),
      new Response('{}', { status: 200 }),
    ]);
    const timing = recordedTiming();
    expect((await retrying(fetchImpl, timing, { maxRetries: 2 })('http://api.test/x')).status).to.equal(200);
    expect(calls).to.have.length(3);
    expect(timing.waits).to.deep.equal([100, 200]);
  });

  it('prepares every attempt afresh, so each retry carries a new token', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503 }),
      new Response('{}', { status: 200 }),
    ]);
    let issued = 0;
    const prepare = (request: Request) => void request.headers.set('Authorization', `Bearer token-${++issued}`);
    await retryingFetch(fetchImpl, {}, prepare, recordedTiming())('http://api.test/x');
    expect(calls.map((call) => call.headers.get('authorization'))).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
  });

  it('stops waiting for a retry when the signal aborts, with its reason', async () => {
    const { calls, fetchImpl } = scriptedFetch([
      new Response(null, { status: 503, headers: { 'Retry-After': '60' } }),
      new Response('{}', { status: 200 }),
    ]);
    const controller = new AbortController();
    const asked: number[] = [];
    // The real sleep, aborted once the wait has begun.
    const timing: RetryTiming = {
      random: () => 0.5,
      sleep: (ms, signal) => {
        asked.push(ms);
        const waiting = sleep(ms, signal);
        controller.abort(new Error('caller gave up'));
        return waiting;
      },
    };
    const thrown = await retrying(fetchImpl, timing, { maxRetries: 2, maxDelayMs: 60_000 })('http://api.test/x', {
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect((thrown as Error).message).to.equal('caller gave up');
    expect(asked).to.deep.equal([60_000]);
    expect(calls).to.have.length(1);
  });

  it('does not retry other error statuses', async () => {
    const { calls, fetchImpl } = scriptedFetch([new Response(null, { status: 500 })]);
    const timing = recordedTiming();
    expect((await retrying(fetchImpl, timing)('http://api.test/x')).status).to.equal(500);
    expect(calls).to.have.length(1);
    expect(timing.waits).to.deep.equal([]);
  });

  it('waits as long as Retry-After asks, in seconds or as a date, up to maxDelayMs', async () => {
    const inOneHour = new Date(Date.now() + 3_600_000).toUTCString();
    const { fetchImpl } = scriptedFetch([
      new Response(null, { status: 429, headers: { 'Retry-After': '1' } }),
      new Response(null, { status: 429, headers: { 'Retry-After': '7' } }),
      new Response(null, { status: 503, headers: { 'Retry-After': inOneHour } }),
      new Response('{}', { status: 200 }),
    ]);
    const timing = recordedTiming();
    await retrying(fetchImpl, timing, { baseDelayMs: 1, maxDelayMs: 5000, maxRetries: 3 })('http://api.test/x');
    expect(timing.waits).to.deep.equal([1000, 5000, 5000]);
  });
});

describe('SDK sleep', () => {
  it('waits, and rejects with the reason as soon as the signal aborts (before or during the wait)', async () => {
    await sleep(1);
    const during = new AbortController();
    // If the abort did not end the wait, this test would time out instead of taking a minute.
    const waiting = sleep(60_000, during.signal);
    during.abort(new Error('left the page'));
    expect(((await waiting.catch((error: unknown) => error)) as Error).message).to.equal('left the page');

    const before = new AbortController();
    before.abort(new Error('already gone'));
    expect(((await sleep(60_000, before.signal).catch((error: unknown) => error)) as Error).message).to.equal(
      'already gone',
    );
  });
});
