import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseTtl } from '../../src/auth/sign-token.js';
import { loadConfig } from '../../src/config.js';
import { withQuickStartSecrets } from '../../src/quick-start-secrets.js';

describe('quick start secrets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'groups-quick-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates token and cursor secrets into the data folder once, then reuses them', () => {
    const first = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(first.jwtSecret).to.be.a('string').with.length.at.least(32);
    expect(first.pageTokenSecret).to.be.a('string').with.length.at.least(32);
    expect(first.jwtSecret).to.not.equal(first.pageTokenSecret);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(stored).to.deep.equal({ jwt_secret: first.jwtSecret, page_token_secret: first.pageTokenSecret });
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o077).to.equal(0);
    const second = withQuickStartSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect([second.jwtSecret, second.pageTokenSecret]).to.deep.equal([first.jwtSecret, first.pageTokenSecret]);
  });

  it('keeps configured secrets and never generates any in production', () => {
    const secret = 's'.repeat(40);
    const configured = withQuickStartSecrets(
      loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, PAGE_TOKEN_SECRET: secret }),
    );
    expect(configured.jwtSecret).to.equal(secret);
    const production = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: 'https://id.astral.run/jwks',
      PAGE_TOKEN_SECRET: secret,
      DATABASE_URL: 'mysql://db/x',
    });
    expect(withQuickStartSecrets(production)).to.equal(production);
    expect(() => statSync(join(dataDir, 'secrets.json'))).to.throw();
  });

  it('reads token lifetimes such as 90s, 15m, 1h and 7d', () => {
    expect(['90s', '15m', '1h', '7d'].map(parseTtl)).to.deep.equal([90, 900, 3600, 604800]);
    expect(() => parseTtl('1 hour')).to.throw('--ttl takes a duration such as 15m, 1h or 7d, not "1 hour".');
  });
});
