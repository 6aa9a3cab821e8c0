import { expect } from 'chai';
import { jwtVerify } from 'jose';
import { startBanner, type BannerConfig } from '../../../src/cli/start-banner.js';

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

  it('names the SDK baseUrl (the origin: SDK paths start with /api/v1) and one demo user per role', async () => {
    const banner = await startBanner(base, 'http://localhost:3000', coach);
    const lines = banner.split('\n');
    expect(lines.slice(0, 3)).to.deep.equal([
      'Groups API listening on http://localhost:3000/api/v1',
      'API docs: http://localhost:3000/docs (OpenAPI document: http://localhost:3000/openapi.yaml)',
      "SDK: createGroupsClient({ baseUrl: 'http://localhost:3000', token })",
    ]);
    expect(lines.slice(3, 7)).to.deep.equal([
      'Demo organization org_xyz789, one user per role (a token for any: npm run token -- <user_id>):',
      '  admin    usr_admin     Avery Admin: sees and changes every group of the organization',
      '  coach    usr_coach1    Coach Casey: sees and changes every group of the organization',
      '  athlete  usr_athlete1  Alex: GET /api/v1/groups lists the groups they own; ?member=me the groups they are in',
    ]);
    expect(lines[7]).to.equal('Try it as Casey Coach (usr_coach1), token valid 12 hours:');
    expect(lines.at(-1)).to.equal('Webhooks to this machine: npm run webhooks:listen');
  });

  it('lists no demo users when another organization was loaded', async () => {
    const banner = await startBanner(base, 'http://localhost:3000', { id: 'usr_headcoach', name: 'Head Coach' });
    expect(banner).to.not.include('Demo organization');
    expect(banner).to.include('Try it as Head Coach (usr_headcoach)');
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
    expect(banner).to.not.include('Demo organization');
    expect(banner, 'production refuses loopback endpoints').to.not.include('webhooks:listen');
    expect(banner).to.include("SDK: createGroupsClient({ baseUrl: 'http://localhost:3000', token })");
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
