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
    expect(logs.lines.some((line) => line.msg === 'database ping failed')).to.equal(true);
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
    expect(ready.body.code).to.equal('service_unavailable');
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
