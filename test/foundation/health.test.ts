import { expect } from 'chai';
import { createDatabase } from '../../src/data/database.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createOrganization, testApp } from '../support/world.js';

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
});
