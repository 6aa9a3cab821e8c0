import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createOrganization, testApp, testConfig } from '../support/world.js';

describe('health and readiness', () => {
  it('answers /healthz and /readyz without a token while the database answers', async () => {
    const { request } = testApp();
    expect((await request.get('/healthz')).body).to.deep.equal({ status: 'ok' });
    expect((await request.get('/readyz')).body).to.deep.equal({ status: 'ready' });
  });

  it('answers /readyz with 503 service_unavailable when the database is down, while /healthz stays up', async () => {
    const downDb = createDatabase(testDatabase().options);
    await downDb.destroy();
    const { request, logs } = testApp({ db: downDb });
    const ready = await request.get('/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(ready.body).to.include({
      status: 503,
      code: 'service_unavailable',
      detail: 'The service cannot reach its database. Retry later.',
    });
    expect((await request.get('/healthz')).status).to.equal(200);
    const failed = logs.lines.find((line) => line.msg === 'database ping failed');
    expect(failed).to.include({ level: 40 });
    expect(failed).to.have.nested.property('err.message').that.is.a('string').with.length.above(0);
  });

  it('answers API calls with 503 when the database is down', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const downDb = createDatabase(testDatabase().options);
    await downDb.destroy();
    const response = await testApp({ db: downDb }).request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(503);
    expect(response.body.code).to.equal('service_unavailable');
  });

  it('answers /readyz with 503 while draining', async () => {
    const { request } = testApp({ readiness: { draining: true } });
    const ready = await request.get('/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.headers['retry-after']).to.equal('1');
    expect(ready.body).to.include({ code: 'service_unavailable', detail: 'The service is shutting down.' });
  });

  it('answers /readyz with 503 naming what start-up still waits for', async () => {
    const readiness = { draining: false, waitingFor: 'the database migrations' };
    const { request } = testApp({ readiness });
    const starting = await request.get('/readyz');
    expect(starting.status).to.equal(503);
    expect(starting.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(starting.body).to.include({
      status: 503,
      code: 'service_unavailable',
      detail: 'The service is starting: the database migrations.',
      instance: '/readyz',
    });
    delete (readiness as { waitingFor?: string }).waitingFor;
    expect((await request.get('/readyz')).body).to.deep.equal({ status: 'ready' });
  });

  it('serves the OpenAPI document as YAML and JSON', async () => {
    const { request } = testApp();
    const yaml = await request.get('/openapi.yaml');
    expect(yaml.status).to.equal(200);
    expect(yaml.headers['content-type']).to.match(/yaml/);
    expect(yaml.text).to.match(/^openapi: 3\.1\.0/);
    const json = await request.get('/openapi.json');
    expect(json.body.info.title).to.equal('Groups API');
    expect(Object.keys(json.body.paths)).to.include('/api/v1/groups/{group_id}/stats');
  });

  it('costs at most one select 1 per READINESS_MAX_AGE_MS, counted on the database, whatever the rate of probes', async () => {
    const probedDb = createDatabase(testDatabase().options);
    let pings = 0;
    probedDb.on('query', (query: { sql: string }) => {
      if (query.sql === 'select 1') pings++;
    });
    let time = 0;
    try {
      const { request } = testApp({ db: probedDb, monotonicNow: () => time });
      const flood = await Promise.all(Array.from({ length: 30 }, () => request.get('/readyz')));
      for (let probe = 0; probe < 30; probe++) flood.push(await request.get('/readyz'));
      expect(flood.map((answer) => answer.status)).to.deep.equal(Array(60).fill(200));
      expect(pings).to.equal(1);
      time = testConfig.readinessMaxAgeMs - 1;
      expect((await request.get('/readyz')).body).to.deep.equal({ status: 'ready' });
      expect(pings).to.equal(1);
      time = testConfig.readinessMaxAgeMs;
      expect((await request.get('/readyz')).body).to.deep.equal({ status: 'ready' });
      expect(pings).to.equal(2);
    } finally {
      await probedDb.destroy();
    }
  });

  it('keeps answering 503 from a failed ping until it is READINESS_MAX_AGE_MS old, and logs the failure once', async () => {
    const downDb = createDatabase(testDatabase().options);
    await downDb.destroy();
    const { request, logs } = testApp({ db: downDb, monotonicNow: () => 0 });
    const answers = [await request.get('/readyz'), await request.get('/readyz'), await request.get('/readyz')];
    expect(answers.map((answer) => [answer.status, answer.body.code])).to.deep.equal(
      Array(3).fill([503, 'service_unavailable']),
    );
    expect(logs.lines.filter((line) => line.msg === 'database ping failed')).to.have.length(1);
  });

  it('answers GET / with where the docs, the spec and the API are', async () => {
    const { request } = testApp();
    const root = await request.get('/');
    expect(root.status).to.equal(200);
    expect(root.body).to.deep.equal({ docs: '/docs', openapi: '/openapi.json', api: '/api/v1' });
  });

  it('answers /favicon.ico with an empty 204 that browsers may cache', async () => {
    const icon = await testApp().request.get('/favicon.ico');
    expect(icon.status).to.equal(204);
    expect(icon.headers['cache-control']).to.equal('public, max-age=86400');
  });

  it('serves the spec from memory with a strong ETag, a 5-minute Cache-Control and 304 on revalidation', async () => {
    const { request } = testApp();
    for (const path of ['/openapi.yaml', '/openapi.json']) {
      const first = await request.get(path);
      expect(first.headers['cache-control']).to.equal('public, max-age=300');
      expect(first.headers.etag).to.match(/^"[A-Za-z0-9_-]{27}"$/);
      const again = await request.get(path).set('If-None-Match', first.headers.etag!);
      expect(again.status).to.equal(304);
      expect((await request.get(path).set('If-None-Match', '"other"')).status).to.equal(200);
    }
    const yaml = await request.get('/openapi.yaml');
    const json = await request.get('/openapi.json');
    expect(yaml.headers.etag).to.not.equal(json.headers.etag);
  });
});
