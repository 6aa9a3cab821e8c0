// Page tokens as a pure unit: what a reader must refuse. (The HTTP tests cover tokens of
// another request; these cover the token's own shape.)
import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { AppError } from '../../../src/errors.js';
import { createPageTokens } from '../../../src/domain/page-token.js';

describe('page tokens', () => {
  const secret = 'unit-test-page-token-secret-0123456789';
  const tokens = createPageTokens(secret);
  const scope = 'listGroups:org_1';

  const refused = (token: string, readScope = scope) => {
    try {
      tokens.read(readScope, token);
    } catch (error) {
      expect(error).to.be.instanceOf(AppError);
      expect((error as AppError).status).to.equal(400);
      return true;
    }
    return false;
  };

  it('reads back the position it issued, for the scope it issued it to', () => {
    const token = tokens.issue(scope, { seq: 42, name: 'Zoë' });
    expect(tokens.read(scope, token)).to.deep.equal({ seq: 42, name: 'Zoë' });
    expect(token).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a valid token with a third part appended', () => {
    const token = tokens.issue(scope, { seq: 1 });
    expect(refused(`${token}.x`)).to.equal(true);
    expect(refused(`${token}.`)).to.equal(true);
  });

  it('refuses a token with a part missing or empty', () => {
    const [payload, signature] = tokens.issue(scope, { seq: 1 }).split('.') as [string, string];
    expect(refused(payload)).to.equal(true);
    expect(refused(`${payload}.`)).to.equal(true);
    expect(refused(`.${signature}`)).to.equal(true);
    expect(refused('')).to.equal(true);
  });

  it('refuses a token for another scope, a changed payload and a shortened signature', () => {
    const token = tokens.issue(scope, { seq: 1 });
    const [, signature] = token.split('.') as [string, string];
    expect(refused(token, 'listGroups:org_2')).to.equal(true);
    expect(refused(`${Buffer.from('{"seq":2}').toString('base64url')}.${signature}`)).to.equal(true);
    expect(refused(`${token.split('.')[0]}.${signature.slice(0, -4)}`)).to.equal(true);
  });

  it('refuses a correctly signed payload that is not JSON with a 400, not a SyntaxError', () => {
    // Signed here the way the issuer signs (HMAC-SHA256 over scope, newline, payload): only a
    // holder of the secret can make such a token, but a bug or a leaked secret must not turn
    // it into a 500.
    const payload = Buffer.from('not json').toString('base64url');
    const signature = createHmac('sha256', secret).update(scope).update('\n').update(payload).digest('base64url');
    expect(refused(`${payload}.${signature}`)).to.equal(true);
  });
});
