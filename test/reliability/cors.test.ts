// CORS: off unless CORS_ORIGINS lists origins; then a preflight from an allowed origin is
// answered before authentication (204, no token needed) and answers carry the headers a
// browser app needs to read.
import { expect } from 'chai';
import { bearer, createOrganization, testApp, testConfig } from '../support/world.js';

const allowed = 'https://coach.example.com';

describe('CORS', () => {
  it('is off by default: no CORS headers, and a preflight meets authentication like any request', async () => {
    const { request } = testApp();
    const preflight = await request
      .options('/api/v1/groups')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).to.equal(401);
    expect(preflight.headers).to.not.have.property('access-control-allow-origin');
  });

  it('answers a preflight from an allowed origin with 204 before authentication', async () => {
    const { request } = testApp({ config: { ...testConfig, corsOrigins: [allowed] } });
    const preflight = await request
      .options('/api/v1/groups')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(preflight.status).to.equal(204);
    expect(preflight.headers).to.include({
      'access-control-allow-origin': allowed,
      'access-control-allow-methods': 'GET,POST,PUT,DELETE',
      'access-control-allow-headers':
        'Authorization,Content-Type,X-Request-Id,If-Match,Idempotency-Key,traceparent,tracestate',
      'access-control-max-age': '600',
    });
  });

  it('lets an allowed origin read answers and their rate-limit and request-id headers; others get no grant', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const { request } = testApp({ config: { ...testConfig, corsOrigins: [allowed] } });
    const response = await request.get('/api/v1/groups').set(coach).set('Origin', allowed);
    expect(response.status).to.equal(200);
    expect(response.headers['access-control-allow-origin']).to.equal(allowed);
    expect(response.headers['access-control-expose-headers']).to.equal(
      'X-Request-Id,Retry-After,RateLimit,RateLimit-Policy,ETag,Idempotent-Replayed',
    );
    const other = await request
      .options('/api/v1/groups')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers).to.not.have.property('access-control-allow-origin');
  });
});
