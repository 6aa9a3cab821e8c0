// Rate limits per caller: per IP before authentication, per user after it; IETF RateLimit
// headers on every API answer, 429 problem+json with Retry-After past the budget. Counters in
// memory by default; in Redis (the real one on 127.0.0.1:6379, a key prefix of this run's own)
// they are shared by several app instances, and Redis going away never fails a request.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import type supertest from 'supertest';
import type { Options } from 'express-rate-limit';
import { pino } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import {
  connectRateLimitRedis,
  FailOpenRedisStore,
  RATE_LIMIT_REDIS_COMMAND_TIMEOUT_MS,
  tooManyRequests,
} from '../../src/http/rate-limit.js';
import { dialect } from '../support/database.js';
import { deadlineFor } from '../support/deadlines.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { bearer, createGroupVia, createOrganization, testApp, testConfig, uniqueName } from '../support/world.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `groups-api-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
const silent = pino({ level: 'silent' });

function limited(overrides: Partial<typeof testConfig>, redis?: Redis) {
  return testApp({ config: { ...testConfig, rateLimitWindowMs: 60_000, ...overrides }, ...(redis ? { redis } : {}) });
}

function expectTooMany(response: supertest.Response, policy: 'ip' | 'user' | 'public') {
  expect(response.status).to.equal(429);
  expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(response.body).to.include({ status: 429, code: 'too_many_requests', title: 'Too many requests' });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).to.be.within(1, 60);
  expect(response.body.detail).to.equal(
    `Too many requests ${policy === 'user' ? 'by your account' : 'from your address'}. Retry after ${retryAfter} seconds.`,
  );
  expect(response.headers['ratelimit']).to.match(new RegExp(`"${policy}"; r=0; t=\\d+`));
}

describe('rate limits', () => {
  let coachId: string;
  let coach: { Authorization: string };
  let groupId: string;

  before(async () => {
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    coach = await bearer(coachId);
    groupId = await createGroupVia(testApp().request, coach, { name: uniqueName('Limited'), user_id: coachId });
  });

  it('sends RateLimit and RateLimit-Policy for both policies on every API answer', async () => {
    const { request } = limited({ rateLimitPerIp: 50, rateLimitPerUser: 20 });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(200);
    const [ip, user] = response.headers['ratelimit']!.split(', ');
    expect(ip).to.match(/^"ip"; r=49; t=(60|59)$/);
    expect(user).to.match(/^"user"; r=19; t=(60|59)$/);
    expect(response.headers['ratelimit-policy']).to.match(
      /^"ip"; q=50; w=60; pk=:[\w+/=]+:, "user"; q=20; w=60; pk=:[\w+/=]+:$/,
    );
    expect((await request.get('/healthz')).headers).to.not.have.property('ratelimit');
  });

  it('counts probes, docs, the spec and preflights against RATE_LIMIT_PUBLIC_PER_IP, apart from API calls', async () => {
    const { request } = limited({
      rateLimitPublicPerIp: 4,
      rateLimitPerIp: 100,
      rateLimitPerUser: 100,
      corsOrigins: ['https://app.example'],
    });
    const healthz = await request.get('/healthz');
    expect(healthz.headers['ratelimit']).to.match(/^"public"; r=3; t=(60|59)$/);
    await request.get('/readyz');
    await request.get('/openapi.json');
    const preflight = await request
      .options('/api/v1/groups')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['ratelimit']).to.match(/^"public"; r=0; /);
    expectTooMany(await request.get('/docs'), 'public');
    expectTooMany(await request.get('/readyz'), 'public');
    const api = await request.get('/api/v1/groups').set(coach);
    expect(api.status).to.equal(200);
    expect(api.headers['ratelimit']).to.not.match(/"public"/);
  });

  it('answers 429 with Retry-After to every operation once the user has used the budget', async () => {
    const { request } = limited({ rateLimitPerUser: 1 });
    const first = await request.get('/api/v1/groups').set(coach);
    expect(first.status).to.equal(200);
    expect(first.headers['ratelimit']).to.match(/^"user"; r=0; t=(60|59)$/);
    const group = `/api/v1/groups/${groupId}`;
    const calls = [
      request.post('/api/v1/groups').send({ name: 'x', user_id: coachId }),
      request.get('/api/v1/groups'),
      request.get(group),
      request.put(group).send({ description: 'x' }),
      request.delete(group),
      request.get(`${group}/activities`),
      request.get(`${group}/stats`),
      request.get(`${group}/audit`),
      request.get('/api/v1/events'),
      request.post('/api/v1/webhook-endpoints').send({ url: 'https://hooks.example.com/x' }),
      request.get('/api/v1/webhook-endpoints'),
      request.get('/api/v1/webhook-endpoints/whe_any'),
      request.put('/api/v1/webhook-endpoints/whe_any').send({ description: 'x' }),
      request.delete('/api/v1/webhook-endpoints/whe_any'),
      request.post('/api/v1/webhook-endpoints/whe_any/rotate-secret'),
      request.get('/api/v1/webhook-endpoints/whe_any/deliveries'),
      request.post('/api/v1/webhook-endpoints/whe_any/deliveries').send({ event_id: 'evt_any' }),
      request.post('/api/v1/webhook-endpoints/whe_any/test'),
    ];
    for (const call of calls) expectTooMany(await call.set(coach), 'user');
    // Another user has a budget of their own.
    const org = await createOrganization();
    const other = await bearer(await org.addUser({ role: 'coach' }));
    const theirs = await request.get('/api/v1/groups').set(other);
    expect(theirs.status).to.equal(200);
    expect(theirs.headers['ratelimit']).to.match(/^"user"; r=0; t=(60|59)$/);
  });

  it('says "1 second" when the window reopens within a second', async () => {
    const { request } = limited({ rateLimitPerUser: 1, rateLimitWindowMs: 1000 });
    // Two requests in one window of a second: on a machine slow enough to let the window
    // pass between them, the pair is tried again.
    let refused = await request.get('/api/v1/groups').set(coach);
    for (let attempt = 0; refused.status !== 429 && attempt < 3; attempt++) {
      refused = await request.get('/api/v1/groups').set(coach);
    }
    expect(refused.status).to.equal(429);
    expect(refused.headers['retry-after']).to.equal('1');
    expect(refused.body.detail).to.equal('Too many requests by your account. Retry after 1 second.');
  });

  it('carries in its own Retry-After header the seconds its detail quotes', () => {
    for (const [scope, seconds] of [
      ['ip', 1],
      ['user', 42],
    ] as const) {
      const problem = tooManyRequests(scope, seconds);
      expect(problem.headers).to.deep.equal({ 'Retry-After': String(seconds) });
      expect(problem.message).to.contain(`Retry after ${seconds} second`);
    }
  });

  it('counts requests per IP before authentication, so bad tokens are limited too', async () => {
    const { request } = limited({ rateLimitPerIp: 2, rateLimitPerUser: 100 });
    const anonymous = await request.get('/api/v1/groups');
    const badToken = await request.get('/api/v1/groups').set('Authorization', 'Bearer a.b.c');
    for (const [response, remaining] of [
      [anonymous, 1],
      [badToken, 0],
    ] as const) {
      expect(response.status).to.equal(401);
      expect(response.body.code).to.equal('unauthorized');
      expect(response.headers['ratelimit']).to.match(new RegExp(`^"ip"; r=${remaining}; t=(60|59)$`));
    }
    expectTooMany(await request.get('/api/v1/groups').set(coach), 'ip');
    expect((await request.get('/readyz')).status).to.equal(200);
  });

  it('behind TRUST_PROXY_HOPS proxies, counts per client address from X-Forwarded-For', async () => {
    const { request, logs } = limited({ rateLimitPerIp: 1, trustProxyHops: 1 });
    const from = (address: string) => request.get('/api/v1/groups').set(coach).set('X-Forwarded-For', address);
    expect((await from('203.0.113.7')).status).to.equal(200);
    expect((await from('203.0.113.8')).status).to.equal(200);
    expectTooMany(await from('203.0.113.7'), 'ip');
    expect(logs.lines.filter((line) => Number(line.level) >= 40)).to.deep.equal([]);
  });

  it('behind one trusted proxy, takes the address the proxy appended: forged leftmost values share its budget', async () => {
    const { request } = limited({ rateLimitPerIp: 1, trustProxyHops: 1 });
    const forged = (claimed: string) =>
      request.get('/api/v1/groups').set(coach).set('X-Forwarded-For', `${claimed}, 198.51.100.4`);
    expect((await forged('10.0.0.1')).status).to.equal(200);
    expectTooMany(await forged('10.0.0.2'), 'ip');
  });

  describe('in Redis', function () {
    const clients: Redis[] = [];
    let proxy: FaultProxy | undefined;

    before(function () {
      // Redis does not depend on the database: once per suite run is enough, on the SQLite
      // pass, which is also the one mutation testing runs.
      if (dialect !== 'sqlite') this.skip();
    });

    after(async () => {
      for (const client of clients) client.disconnect();
      await proxy?.close();
      const admin = new Redis(redisUrl);
      const keys = await admin.keys(`${runPrefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    });

    /**
     * Asks as the coach every 100 ms until the limit answers 429, for as long as the client's
     * longest reconnection wait (2 s) and one connection attempt (1 s) take.
     */
    async function untilLimited(request: supertest.Agent): Promise<{ status: number; ms: number }> {
      const started = performance.now();
      let status = 200;
      while (status !== 429 && performance.now() - started < deadlineFor(2000 + 1000)) {
        status = (await request.get('/api/v1/groups').set(coach)).status;
        if (status !== 429) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { status, ms: Math.round(performance.now() - started) };
    }

    async function client(url = redisUrl, logger = silent): Promise<Redis> {
      const redis = connectRateLimitRedis(url, logger);
      clients.push(redis);
      await once(redis, 'ready');
      return redis;
    }

    it('shares one budget between app instances', async () => {
      const prefix = `${runPrefix}shared:`;
      const first = limited({ rateLimitPerUser: 3, rateLimitRedisPrefix: prefix }, await client()).request;
      const second = limited({ rateLimitPerUser: 3, rateLimitRedisPrefix: prefix }, await client()).request;
      const answers = [];
      for (const request of [first, second, first, second, first]) {
        const response = await request.get('/api/v1/groups').set(coach);
        answers.push(`${response.status} ${response.headers['ratelimit']?.replace(/; t=\d+$/, '')}`);
      }
      expect(answers).to.deep.equal([
        '200 "user"; r=2',
        '200 "user"; r=1',
        '200 "user"; r=0',
        '429 "user"; r=0',
        '429 "user"; r=0',
      ]);
    });

    it('applies limits once Redis answers, when the process started while it was unreachable', async () => {
      const target = new URL(redisUrl);
      const late = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
      try {
        late.refuse();
        const redis = connectRateLimitRedis(late.urlFor(redisUrl), silent);
        clients.push(redis);
        const { request } = limited({ rateLimitPerUser: 1, rateLimitRedisPrefix: `${runPrefix}late:` }, redis);
        for (let call = 0; call < 2; call++) {
          const unlimited = await request.get('/api/v1/groups').set(coach);
          expect(unlimited.status).to.equal(200);
          expect(unlimited.headers).to.not.have.property('ratelimit');
        }
        late.resume();
        expect((await untilLimited(request)).status).to.equal(429);
      } finally {
        await late.close();
      }
    });

    it('counts up, down and afresh through the fail-open store', async () => {
      const redis = await client();
      const store = new FailOpenRedisStore(
        new RedisStore({
          prefix: `${runPrefix}store:`,
          sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
        }),
        silent,
      );
      store.init({ windowMs: 60_000 } as Options);
      expect((await store.increment('key')).totalHits).to.equal(1);
      expect((await store.increment('key')).totalHits).to.equal(2);
      await store.decrement('key');
      expect((await store.increment('key')).totalHits).to.equal(2);
      await store.resetKey('key');
      expect((await store.increment('key')).totalHits).to.equal(1);
    });

    it('lets requests through with one warning while Redis is unreachable or stalls, and limits again when it is back', async () => {
      const target = new URL(redisUrl);
      proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
      const clientLines: { level: number; msg: string; err?: unknown }[] = [];
      const clientLogger = pino(
        { level: 'debug' },
        { write: (line: string) => void clientLines.push(JSON.parse(line)) },
      );
      const { request, logs } = limited(
        { rateLimitPerUser: 2, rateLimitRedisPrefix: `${runPrefix}outage:` },
        await client(proxy.urlFor(redisUrl), clientLogger),
      );
      expect((await request.get('/api/v1/groups').set(coach)).status).to.equal(200);

      const timings: string[] = [];
      for (const fault of ['stalled', 'stalled', 'refused', 'refused', 'refused']) {
        if (fault === 'stalled') proxy.stall();
        if (fault === 'refused') {
          proxy.refuse();
          proxy.resetAll();
        }
        const started = performance.now();
        const response = await request.get('/api/v1/groups').set(coach);
        timings.push(`${fault} ${response.status}/${Math.round(performance.now() - started)}ms`);
        expect(response.status).to.equal(200);
        expect(response.headers).to.not.have.property('ratelimit');
        expect(performance.now() - started).to.be.below(deadlineFor(RATE_LIMIT_REDIS_COMMAND_TIMEOUT_MS));
      }
      const warnings = logs.lines.filter(
        (line) => line.msg === 'rate-limit store unreachable; requests pass unlimited',
      );
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include({ prefix: `${runPrefix}outage:user:` });
      expect(warnings[0]).to.have.property('err');
      expect(logs.lines.filter((line) => line.level === 50)).to.deep.equal([]);
      // The client's own connection errors repeat on every reconnection: debug lines only.
      const connectionErrors = clientLines.filter((line) => line.msg === 'rate-limit redis connection error');
      expect(connectionErrors).to.not.deep.equal([]);
      expect(connectionErrors.every((line) => line.level === 20 && line.err !== undefined)).to.equal(true);

      proxy.resume();
      const back = await untilLimited(request);
      console.log(`      redis outage: ${timings.join(', ')}; limits apply again ${back.ms} ms after it came back`);
      expect(back.status).to.equal(429);
      const recovered = logs.lines.filter((line) => line.msg === 'rate-limit store answers again; limits apply');
      expect(recovered).to.have.length(1);
      expect(recovered[0]).to.include({ prefix: `${runPrefix}outage:user:` });
    });
  });
});
