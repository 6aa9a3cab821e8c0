import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { bearer, createOrganization, testApp, testConfig } from '../support/world.js';

describe('authentication with an identity provider’s JWKS', () => {
  let jwksServer: Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  before(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  after(async () => {
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('accepts an RS256 token signed by the provider and refuses a token signed with a shared secret', async () => {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const { request } = testApp({ config: { ...testConfig, jwtSecret: undefined, jwksUrl } });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject(coachId)
      .setExpirationTime('10m')
      .sign(privateKey);
    const accepted = await request.get('/api/v1/groups').set('Authorization', `Bearer ${token}`);
    expect(accepted.status).to.equal(200);
    expect(accepted.body.count).to.equal(0);
    const hs256 = await request.get('/api/v1/groups').set(await bearer(coachId));
    expect(hs256.status).to.equal(401);
  });
});
