import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createOrganization, testApp, testConfig, testSecrets } from '../support/world.js';
import { testWebhookSecretsKey } from '../support/secrets.js';

const secretKey = new TextEncoder().encode(testSecrets.jwtSecret);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token signed with the test secret, its claims exactly as given (no defaults). */
function signed(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey);
}

describe('bearer tokens: subject, lifetime and clock skew', () => {
  let coachId: string;
  let request: ReturnType<typeof testApp>['request'];

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
  });

  const listWith = (token: string) => request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`);

  async function expect401(claims: Record<string, unknown>, detail = 'A valid bearer token is required.') {
    const response = await listWith(await signed(claims));
    expect(response.status, `${JSON.stringify(claims)}: ${response.text}`).to.equal(401);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.body).to.include({ code: 'unauthorized', detail });
  }

  it('accepts a signed token whose sub is exactly an active user id', async () => {
    const response = await listWith(await signed({ sub: coachId, iat: nowSeconds(), exp: nowSeconds() + 3600 }));
    expect(response.status).to.equal(200);
  });

  // MySQL: `'usr_…' = 0` is true (the first user); PAD SPACE collations ignore trailing spaces.
  it('answers 401 to a sub that is not a string of the user id pattern, compared exactly', async () => {
    const exp = nowSeconds() + 3600;
    for (const sub of [
      0,
      1,
      ['x'],
      [coachId],
      { id: coachId },
      true,
      null,
      `${coachId} `,
      ` ${coachId}`,
      `${coachId}\n`,
      `${coachId}\t`,
      coachId.toUpperCase(),
      '',
      'usr_',
      'x'.repeat(100),
    ]) {
      await expect401({ sub, exp });
    }
  });

  it('answers 401 to a token that lives longer than 24 hours, measured from iat or else from now', async () => {
    const now = nowSeconds();
    const longer = 'The bearer token lives longer than this service accepts.';
    await expect401({ sub: coachId, iat: now, exp: now + 100 * 365 * 86400 }, longer);
    await expect401({ sub: coachId, iat: now, exp: now + 86400 + 1 }, longer);
    await expect401({ sub: coachId, exp: now + 100 * 365 * 86400 }, longer);
    await expect401({ sub: coachId, iat: now - 30 * 86400, exp: now + 3600 }, longer);
    expect((await listWith(await signed({ sub: coachId, iat: now - 3600, exp: now - 3600 + 86400 }))).status).to.equal(
      200,
    );
    expect((await listWith(await signed({ sub: coachId, exp: now + 86400 - 60 }))).status).to.equal(200);
  });

  it('answers 401 to a token issued in the future beyond the clock tolerance, and accepts small skew', async () => {
    const now = nowSeconds();
    await expect401({ sub: coachId, iat: now + 600, exp: now + 3600 }, 'The bearer token is issued in the future.');
    await expect401({ sub: coachId, nbf: now + 600, exp: now + 3600 });
    await expect401({ sub: coachId, exp: now - 120 }, 'The bearer token has expired.');
    const skewed = await signed({ sub: coachId, iat: now + 30, nbf: now + 30, exp: now + 3600 });
    expect((await listWith(skewed)).status).to.equal(200);
    const justExpired = await signed({ sub: coachId, iat: now - 600, exp: now - 30 });
    expect((await listWith(justExpired)).status).to.equal(200);
  });

  it('takes the maximum lifetime and the tolerance from the configuration', async () => {
    const { request: configured } = testApp({
      config: { ...testConfig, tokenMaxLifetimeSeconds: 7 * 86400, tokenClockToleranceSeconds: 0 },
    });
    const now = nowSeconds();
    const weekLong = await signed({ sub: coachId, iat: now, exp: now + 6 * 86400 });
    expect((await configured.get('/api/v1/groups').set('Authorization', `Bearer ${weekLong}`)).status).to.equal(200);
    const skewed = await signed({ sub: coachId, iat: now + 30, exp: now + 3600 });
    expect((await configured.get('/api/v1/groups').set('Authorization', `Bearer ${skewed}`)).status).to.equal(401);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '7d', AUTH_CLOCK_TOLERANCE: '0s' })).to.include({
      tokenMaxLifetimeSeconds: 7 * 86400,
      tokenClockToleranceSeconds: 0,
    });
    expect(loadConfig({})).to.include({ tokenMaxLifetimeSeconds: 86400, tokenClockToleranceSeconds: 60 });
    expect(() => loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '100y', AUTH_CLOCK_TOLERANCE: '2d' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members([
        'AUTH_MAX_TOKEN_LIFETIME must be a duration such as 90s, 15m, 24h or 7d, from 60s to 31622400s',
        'AUTH_CLOCK_TOLERANCE must be a duration such as 90s, 15m, 24h or 7d, from 0s to 3600s',
      ]);
  });
});

describe('bearer tokens: an identity provider that cannot be reached', () => {
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let coachId: string;

  before(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    coachId = await (await createOrganization()).addUser({ role: 'coach' });
  });

  const rs256 = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(coachId)
      .setExpirationTime('10m')
      .sign(privateKey);

  async function listingWithJwks(jwksUrl: string) {
    const { request } = testApp({ config: { ...testConfig, jwtSecret: undefined, jwksUrl } });
    return request.get('/api/v1/groups').set('Authorization', `Bearer ${await rs256()}`);
  }

  function expect503(response: Awaited<ReturnType<typeof listingWithJwks>>) {
    expect(response.status, response.text).to.equal(503);
    expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(response.headers['retry-after']).to.equal('30');
    expect(response.body).to.include({
      code: 'service_unavailable',
      detail: "The service cannot reach its identity provider's signing keys. Retry later.",
    });
  }

  it('answers 503 with Retry-After, not 401, when the JWKS endpoint refuses connections', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    expect503(await listingWithJwks(`http://127.0.0.1:${port}/jwks.json`));
  });

  it('answers 503 when the JWKS endpoint answers an error or a body that is not a key set', async () => {
    const bodies: [number, string][] = [
      [500, 'oops'],
      [200, 'not json'],
      [200, '{"keys": "none"}'],
    ];
    let next = 0;
    const server: Server = createServer((_req, res) => {
      const [status, body] = bodies[next]!;
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      for (next = 0; next < bodies.length; next += 1) expect503(await listingWithJwks(url));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('still answers 401 to a token whose key the provider does not publish', async () => {
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(other.publicKey)), kid: 'other', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await listingWithJwks(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
      expect(response.status).to.equal(401);
      expect(response.body).to.include({ code: 'unauthorized', detail: 'A valid bearer token is required.' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a plain-http JWKS URL in production', () => {
    const production = {
      NODE_ENV: 'production',
      PAGE_TOKEN_SECRET: 's'.repeat(40),
      DATABASE_URL: 'mysql://db/groups',
      WEBHOOK_SECRETS_KEY: testWebhookSecretsKey,
    };
    expect(() => loadConfig({ ...production, AUTH_JWKS_URL: 'http://id.astral.run/jwks' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['AUTH_JWKS_URL must be an https: URL in production']);
    expect(loadConfig({ ...production, AUTH_JWKS_URL: 'https://id.astral.run/jwks' }).jwksUrl).to.equal(
      'https://id.astral.run/jwks',
    );
    expect(loadConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).jwksUrl).to.equal('http://127.0.0.1:8080/jwks');
  });
});
