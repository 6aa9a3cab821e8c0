// The grammar of `Authorization: Bearer <JWT>` (RFC 6750: the scheme, one or more spaces, the
// token, nothing else). Only the regular expression's anchors and space rule decide these
// cases, so each is here to fail if one of them changes.
import { expect } from 'chai';
import { createOrganization, testApp, tokenFor } from '../support/world.js';

describe('the Authorization header grammar', () => {
  let request: ReturnType<typeof testApp>['request'];
  let token: string;

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    token = await tokenFor(await org.addUser({ role: 'coach' }));
  });

  const statusWith = async (header: string) =>
    (await request.get('/api/v1/groups').set('Authorization', header)).status;

  it('accepts the scheme in any case and one or more spaces before the token', async () => {
    expect(await statusWith(`Bearer ${token}`)).to.equal(200);
    expect(await statusWith(`bearer ${token}`)).to.equal(200);
    expect(await statusWith(`BEARER ${token}`)).to.equal(200);
    expect(await statusWith(`Bearer  ${token}`), 'two spaces').to.equal(200);
  });

  it('refuses text before the scheme', async () => {
    expect(await statusWith(`xBearer ${token}`)).to.equal(401);
    expect(await statusWith(`Basic x, Bearer ${token}`)).to.equal(401);
  });

  it('refuses text after the token', async () => {
    expect(await statusWith(`Bearer ${token} junk`)).to.equal(401);
    expect(await statusWith(`Bearer ${token}.x`)).to.equal(401);
  });

  it('refuses a token glued to the scheme or separated by something other than spaces', async () => {
    expect(await statusWith(`Bearer${token}`)).to.equal(401);
    expect(await statusWith(`Bearer\t${token}`)).to.equal(401);
    expect(await statusWith(`Bearer ,${token}`)).to.equal(401);
  });

  it('refuses a token that is not three dot-separated base64url parts', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(await statusWith(`Bearer ${header}.${payload}`)).to.equal(401);
    expect(await statusWith(`Bearer ${header}.${payload}.${signature}=`)).to.equal(401);
    expect(await statusWith(`Bearer ${header}+.${payload}.${signature}`)).to.equal(401);
  });

  it('calls a refused credential an invalid token only when its scheme is Bearer, in any case', async () => {
    const challenge = async (header: string) => {
      const response = await request.get('/api/v1/groups').set('Authorization', header);
      expect(response.status).to.equal(401);
      return response.headers['www-authenticate'] as string;
    };
    const invalidToken = 'Bearer error="invalid_token", error_description="A valid bearer token is required."';
    expect(await challenge('bearer not-a-jwt')).to.equal(invalidToken);
    expect(await challenge('BEARER')).to.equal(invalidToken);
    expect(await challenge(`Bearer ${token} junk`)).to.equal(invalidToken);
    expect(await challenge('Basic bearer')).to.equal('Bearer');
    expect(await challenge(`Token bearer ${token}`)).to.equal('Bearer');
    expect(await challenge('Bearerx abc')).to.equal('Bearer');
    expect((await request.get('/api/v1/groups')).headers['www-authenticate']).to.equal('Bearer');
  });
});
