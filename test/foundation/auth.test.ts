import { expect } from 'chai';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  bearer,
  createOrganization,
  testApp,
  testConfig,
  testSecrets,
  tokenFor,
  type TestOrganization,
} from '../support/world.js';

const secretKey = new TextEncoder().encode(testSecrets.jwtSecret);

function expectUnauthorized(
  response: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
  detail = 'A valid bearer token is required.',
) {
  expect(response.status).to.equal(401);
  expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(response.body).to.include({
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail,
    type: 'https://api.astral.run/problems/unauthorized',
  });
}

describe('authentication', () => {
  let org: TestOrganization;
  let coachId: string;
  let request: ReturnType<typeof testApp>['request'];

  before(async () => {
    request = testApp().request;
    org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
  });

  it('lets a caller with a valid token in', async () => {
    const response = await request.get('/api/v1/groups').set(await bearer(coachId));
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({
      groups: [],
      count: 0,
      page_size: 20,
      next_page_token: null,
      total_athletes: 0,
      unassigned_count: 0,
    });
  });

  it('answers 401 when the Authorization header is missing', async () => {
    expectUnauthorized(await request.get('/api/v1/groups'));
  });

  it('answers 401 to a header that is not a bearer JWT', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt', `Token ${await tokenFor(coachId)}`]) {
      expectUnauthorized(await request.get('/api/v1/groups').set('Authorization', header));
    }
  });

  it('answers 401 to an expired token, and says so', async () => {
    const token = await tokenFor(coachId, { ttlSeconds: 60, now: new Date(Date.now() - 3600_000) });
    expectUnauthorized(
      await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`),
      'The bearer token has expired.',
    );
  });

  it('answers 401 to a token signed with another secret', async () => {
    const token = await tokenFor(coachId, { secret: 'another-secret-0123456789abcdef01234567' });
    expectUnauthorized(await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`));
  });

  it('answers 401 to an unsigned alg:none token', async () => {
    const token = new UnsecuredJWT({}).setSubject(coachId).setIssuedAt().setExpirationTime('1h').encode();
    expectUnauthorized(await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`));
  });

  it('answers 401 to a token without an expiry', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(coachId).sign(secretKey);
    expectUnauthorized(await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`));
  });

  it('answers 401 to a token for a user that does not exist', async () => {
    expectUnauthorized(await request.get('/api/v1/groups').set(await bearer('usr_nobody')));
  });

  it('answers 401 to a token for an inactive user', async () => {
    const inactive = await org.addUser({ role: 'coach', status: 'inactive' });
    expectUnauthorized(await request.get('/api/v1/groups').set(await bearer(inactive)));
  });

  it('ignores role claims in the token: the role comes from the database', async () => {
    const athlete = await org.addUser({ role: 'athlete' });
    const token = await new SignJWT({ role: 'admin', org_id: 'org_other' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(athlete)
      .setExpirationTime('1h')
      .sign(secretKey);
    const response = await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`);
    expect(response.status).to.equal(200);
    expect(response.body).to.not.have.property('total_athletes');
  });

  it('checks issuer and audience when they are configured', async () => {
    const { request: strict } = testApp({
      config: { ...testConfig, jwtIssuer: 'https://id.astral.run', jwtAudience: 'groups-api' },
    });
    const good = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(coachId)
      .setIssuer('https://id.astral.run')
      .setAudience('groups-api')
      .setExpirationTime('1h')
      .sign(secretKey);
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(coachId)
      .setIssuer('https://id.astral.run')
      .setAudience('other')
      .setExpirationTime('1h')
      .sign(secretKey);
    expect((await strict.get('/api/v1/groups').set('Authorization', `Bearer ${good}`)).status).to.equal(200);
    expectUnauthorized(await strict.get('/api/v1/groups').set('Authorization', `Bearer ${wrongAudience}`));
    expectUnauthorized(await strict.get('/api/v1/groups').set(await bearer(coachId)));
  });

  it('answers 401 before looking at an invalid request', async () => {
    expectUnauthorized(await request.post('/api/v1/groups').send({ nonsense: true }));
  });
});
