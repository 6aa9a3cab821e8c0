import { expect } from 'chai';
import { AppError } from '../../src/errors.js';
import { bearer, createOrganization, realHandlers, testApp } from '../support/world.js';

const problemKeys = ['type', 'title', 'status', 'detail', 'instance', 'code', 'request_id'];

describe('errors as problem+json', () => {
  let coach: { Authorization: string };

  before(async () => {
    const org = await createOrganization();
    coach = await bearer(await org.addUser({ role: 'coach' }));
  });

  // The validator stops at the first problem (Ajv allErrors off): collecting every error of
  // untrusted input costs time and memory proportional to the input, not to the schema.
  it('names the first invalid field of a request with its JSON path', async () => {
    const { request } = testApp();
    const response = await request
      .post('/api/v1/groups')
      .set(coach)
      .send({ name: '', user_id: 'coach', privacy: 'secret', extra: 1 });
    expect(response.status).to.equal(400);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body).to.include.all.keys(...problemKeys, 'errors');
    expect(response.body).to.include({ status: 400, code: 'validation_error', instance: '/api/v1/groups' });
    expect(response.body.errors).to.have.length(1);
    expect(['/body/name', '/body/user_id', '/body/privacy', '/body/extra']).to.include(response.body.errors[0].path);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const { request } = testApp();
    const response = await request
      .post('/api/v1/groups')
      .set(coach)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(response.status).to.equal(400);
    expect(response.body).to.include({ code: 'validation_error', detail: 'The request body is not valid JSON.' });
    expect(response.body.errors).to.deep.equal([{ path: '/body', message: 'is not valid JSON' }]);
  });

  it('answers 415 to a body that is not JSON at all', async () => {
    const { request } = testApp();
    const response = await request.post('/api/v1/groups').set(coach).set('Content-Type', 'text/plain').send('name=x');
    expect(response.status).to.equal(415);
    expect(response.body).to.include({ status: 415, code: 'unsupported_media_type' });
  });

  it('answers 413 to a body over the configured limit', async () => {
    const { request } = testApp();
    const response = await request
      .post('/api/v1/groups')
      .set(coach)
      .send({ name: 'x', user_id: 'usr_x', description: 'y'.repeat(70 * 1024) });
    expect(response.status).to.equal(413);
    expect(response.body).to.include({ status: 413, code: 'payload_too_large' });
  });

  it('answers 404 not_found to an unknown path and 405 with Allow to an unknown method', async () => {
    const { request } = testApp();
    const missing = await request.get('/api/v1/teams').set(coach);
    expect(missing.status).to.equal(404);
    expect(missing.body).to.include({ code: 'not_found', instance: '/api/v1/teams' });
    const patch = await request.patch('/api/v1/groups/grp_abc123').set(coach).send({});
    expect(patch.status).to.equal(405);
    expect(patch.body).to.include({ code: 'method_not_allowed' });
    expect(patch.headers.allow).to.match(/GET/);
  });

  it('answers 400 to a path id that does not match its pattern', async () => {
    const { request } = testApp();
    const response = await request.get('/api/v1/groups/not-a-group').set(coach);
    expect(response.status).to.equal(400);
    expect(response.body.errors).to.deep.include({
      path: '/params/group_id',
      message: 'must match pattern "^grp_[A-Za-z0-9_-]{1,64}$"',
    });
  });

  it('answers 500 without stack, SQL or driver message, and logs the cause', async () => {
    const failing = new Error("ER_PARSE_ERROR: You have an error in your SQL syntax near 'select * from users'");
    const { request, logs } = testApp({
      handlers: {
        ...realHandlers(),
        listGroups: async () => {
          throw failing;
        },
      },
    });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(500);
    expect(response.body).to.deep.equal({
      type: 'https://api.astral.run/problems/internal_error',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side.',
      instance: '/api/v1/groups',
      code: 'internal_error',
      request_id: response.headers['x-request-id'],
    });
    expect(response.text).to.not.match(/SQL|select|stack|at /i);
    const logged = logs.lines.find((line) => line.msg === 'request failed');
    expect(logged).to.have.nested.property('err.message', failing.message);
    expect(logged).to.have.property('request_id', response.headers['x-request-id']);
  });

  it('turns an off-spec response into a logged 500 while response validation is on', async () => {
    const { request, logs } = testApp({
      handlers: { ...realHandlers(), listGroups: async () => ({ groups: [], count: 'zero' }) as never },
    });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(500);
    expect(response.body.code).to.equal('internal_error');
    const logged = logs.lines.find((line) => line.msg === 'request failed');
    expect(JSON.stringify(logged)).to.match(/response/);
  });

  it('renders an application error with its own status, code and detail', async () => {
    const { request } = testApp({
      handlers: {
        ...realHandlers(),
        listGroups: async () => {
          throw new AppError(400, 'validation_error', 'Validation error', 'Not like this.');
        },
      },
    });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(400);
    expect(response.body).to.include({
      code: 'validation_error',
      title: 'Validation error',
      detail: 'Not like this.',
      status: 400,
    });
  });

  it('echoes a sane X-Request-Id and replaces one that is not', async () => {
    const { request } = testApp();
    const kept = await request.get('/api/v1/groups').set(coach).set('X-Request-Id', 'partner-trace-42');
    expect(kept.headers['x-request-id']).to.equal('partner-trace-42');
    const replaced = await request.get('/api/v1/nothing').set(coach).set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(replaced.body.request_id).to.equal(replaced.headers['x-request-id']);
  });
});

describe('errors the spec does not declare', () => {
  it('are caught by response validation, so every status a handler answers is documented', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const { request, logs } = testApp({
      handlers: {
        ...realHandlers(),
        listGroups: async () => {
          throw new AppError(403, 'forbidden', 'Forbidden', 'Not for you.');
        },
      },
    });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(500);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body).to.include({ code: 'internal_error', status: 500 });
    expect(response.text).to.not.match(/openapi|stack|at /i);
    const failed = logs.lines.find((line) => line.msg === 'error response failed');
    expect(failed).to.include({ level: 50, request_id: response.headers['x-request-id'] });
    expect(failed)
      .to.have.nested.property('err.message')
      .that.matches(/status code '403'/);
  });
});
