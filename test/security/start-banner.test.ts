import { expect } from 'chai';
import { jwtVerify } from 'jose';
import { startBanner, type BannerConfig } from '../../src/cli/start-banner.js';

const secret = 'quick-start-secret-0123456789abcdef0123456789';
const coach = { id: 'usr_coach1', name: 'Casey Coach' };
const base: BannerConfig = {
  env: 'development',
  databaseUrl: undefined,
  jwtSecret: secret,
  jwtIssuer: undefined,
  jwtAudience: undefined,
};
const jwtShape = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

describe('npm start banner', () => {
  it('prints a 12-hour coach token for the embedded quick start', async () => {
    const banner = await startBanner(base, 'http://localhost:3000', coach);
    const token = jwtShape.exec(banner)?.[0];
    expect(token, banner).to.be.a('string');
    const { payload } = await jwtVerify(token!, new TextEncoder().encode(secret));
    expect(payload.sub).to.equal('usr_coach1');
    expect(payload.exp! - payload.iat!).to.equal(12 * 3600);
  });

  it('never prints a token in production, where stdout goes to the logs', async () => {
    const banner = await startBanner(
      { ...base, env: 'production', databaseUrl: 'mysql://db/groups' },
      'http://localhost:3000',
      coach,
    );
    expect(banner).to.not.match(jwtShape);
    expect(banner).to.not.include('Bearer');
    expect(banner).to.include('Make a token with: npm run token -- <user_id>');
  });

  it('never prints a token for a configured database, outside production too', async () => {
    for (const config of [
      { ...base, databaseUrl: 'mysql://db/groups' },
      { ...base, env: 'production' as const },
    ]) {
      const banner = await startBanner(config, 'http://localhost:3000', coach);
      expect(banner).to.not.match(jwtShape);
    }
  });
});
