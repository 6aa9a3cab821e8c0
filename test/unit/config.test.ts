import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

const secret = 'a'.repeat(32);

describe('configuration', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).to.include({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      sqliteFile: './data/groups.sqlite',
      validateResponses: true,
      databasePoolMax: 10,
    });
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.bodyLimitBytes).to.equal(256 * 1024);
  });

  it('parses typed values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      BODY_LIMIT: '1mb',
      VALIDATE_RESPONSES: 'false',
      DATABASE_URL: 'mysql://root@db:3306/groups',
      LOG_LEVEL: 'debug',
    });
    expect(config).to.include({
      port: 8080,
      bodyLimitBytes: 1024 * 1024,
      validateResponses: false,
      databaseUrl: 'mysql://root@db:3306/groups',
      logLevel: 'debug',
    });
  });

  it('reports every invalid key at once, by its env name', () => {
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', AUTH_JWT_SECRET: 'short', DATABASE_URL: 'postgres://x/y' });
      expect.fail('loadConfig accepted invalid values');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).to.have.members([
        'NODE_ENV must be one of development, test, production',
        'PORT must be an integer from 0 to 65535',
        'DATABASE_URL must be a mysql: URL',
        'AUTH_JWT_SECRET must be at least 32 characters',
      ]);
    }
  });

  it('refuses to start in production without auth, cursor secret and database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members([
        'production needs AUTH_JWT_SECRET or AUTH_JWKS_URL',
        'production needs PAGE_TOKEN_SECRET',
        'production needs DATABASE_URL',
      ]);
  });

  it('starts in production when auth, cursor secret and database are configured, with response validation off by default', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: secret,
      PAGE_TOKEN_SECRET: secret,
      DATABASE_URL: 'mysql://app@db/groups',
    });
    expect(config.validateResponses).to.equal(false);
    expect(config.logLevel).to.equal('info');
  });

  it('refuses a shared secret and a JWKS URL together', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://id.example.org/jwks' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both']);
  });
});
