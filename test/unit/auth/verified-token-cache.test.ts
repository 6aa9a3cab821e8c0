// The verified-token cache skips signature checks only for a byte-identical token that passed
// them before, and only until its expiry; failures are never remembered; the size is bounded.
import { expect } from 'chai';
import { signToken } from '../../../src/auth/sign-token.js';
import { createTokenVerifier, type TokenVerifier } from '../../../src/auth/token-verifier.js';
import { cacheVerifiedTokens } from '../../../src/auth/verified-token-cache.js';
import { testSecrets } from '../../support/secrets.js';

function countingVerifier(): { verify: TokenVerifier; calls: () => number } {
  const inner = createTokenVerifier({
    jwtSecret: testSecrets.jwtSecret,
    jwksUrl: undefined,
    issuer: undefined,
    audience: undefined,
    clock: () => new Date(),
    subjectPattern: /^usr_[A-Za-z0-9_-]{1,64}$/,
    maxLifetimeSeconds: 24 * 3600,
    clockToleranceSeconds: 60,
  });
  let calls = 0;
  return {
    verify: (token) => {
      calls += 1;
      return inner(token);
    },
    calls: () => calls,
  };
}

const mint = (userId: string, ttlSeconds = 3600) => signToken({ secret: testSecrets.jwtSecret, userId, ttlSeconds });

describe('verified-token cache', () => {
  it('verifies a token once and answers its subject from memory afterwards', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { maxEntries: 10 });
    const token = await mint('usr_cache1');
    expect(await cached(token)).to.equal('usr_cache1');
    expect(await cached(token)).to.equal('usr_cache1');
    expect(calls()).to.equal(1);
  });

  it('checks the token again once it has expired, and the verifier refuses it', async () => {
    const { verify, calls } = countingVerifier();
    let now = Date.now();
    const cached = cacheVerifiedTokens(verify, { maxEntries: 10, now: () => now });
    const token = await mint('usr_cache2', 60);
    await cached(token);
    now += 59_000;
    await cached(token);
    expect(calls()).to.equal(1);
    now += 1_000;
    // The real verifier still judges by the wall clock, so it accepts; the cache did ask it.
    await cached(token);
    expect(calls()).to.equal(2);
  });

  it('never remembers a failure, nor serves a token whose signature differs', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { maxEntries: 10 });
    const token = await mint('usr_cache3');
    await cached(token);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await cached(tampered).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, 'tampered token').to.have.property('status', 401);
    }
    expect(calls()).to.equal(3);
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const { verify, calls } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { maxEntries: 2 });
    const [a, b, c] = await Promise.all([mint('usr_a'), mint('usr_b'), mint('usr_c')]);
    await cached(a);
    await cached(b);
    await cached(a); // a is now the most recently used
    await cached(c); // evicts b
    expect(calls()).to.equal(3);
    await cached(a);
    expect(calls()).to.equal(3);
    await cached(b);
    expect(calls()).to.equal(4);
  });
});
