import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

const secret = 'a'.repeat(32);
const keyOf = (byte: number) => Buffer.alloc(32, byte).toString('base64');

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

  it('refuses to start in production without auth, cursor secret, database and webhook-secrets key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members([
        'production needs AUTH_JWT_SECRET or AUTH_JWKS_URL',
        'production needs PAGE_TOKEN_SECRET',
        'production needs DATABASE_URL',
        'production needs WEBHOOK_SECRETS_KEY',
      ]);
  });

  it('asks an operator command in production only for what it uses', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://db/groups' }, ['database']).databaseUrl,
    ).to.equal('mysql://db/groups');
    expect(() => loadConfig({ NODE_ENV: 'production' }, ['database']))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['production needs DATABASE_URL']);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://db/groups' }, ['auth', 'database']))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['production needs AUTH_JWT_SECRET or AUTH_JWKS_URL']);
    expect(() => loadConfig({ NODE_ENV: 'production' }, ['webhookSecrets', 'pageTokens']))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members(['production needs PAGE_TOKEN_SECRET', 'production needs WEBHOOK_SECRETS_KEY']);
  });

  it('starts in production when auth, cursor secret, database and webhook-secrets key are configured, with response validation off by default', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: secret,
      PAGE_TOKEN_SECRET: secret,
      DATABASE_URL: 'mysql://app@db/groups',
      WEBHOOK_SECRETS_KEY: `k1:${keyOf(1)}`,
    });
    expect(config.validateResponses).to.equal(false);
    expect(config.logLevel).to.equal('info');
  });

  it('reads WEBHOOK_SECRETS_KEY as id:base64 keys, the first one first, and refuses anything else', () => {
    const keys = loadConfig({ WEBHOOK_SECRETS_KEY: `new:${keyOf(2)}, old_1:${keyOf(1)}` }).webhookSecretsKeys!;
    expect(keys.map((key) => [key.id, key.key])).to.deep.equal([
      ['new', Buffer.alloc(32, 2)],
      ['old_1', Buffer.alloc(32, 1)],
    ]);
    expect(loadConfig({}).webhookSecretsKeys).to.equal(undefined);
    const malformed =
      'WEBHOOK_SECRETS_KEY must be id:base64 of 32 bytes (id: 1-16 of A-Z a-z 0-9 _ -), comma-separated';
    for (const value of [
      keyOf(1),
      `k1:${Buffer.alloc(16).toString('base64')}`,
      `k:1:${keyOf(1)}`,
      `${'k'.repeat(17)}:${keyOf(1)}`,
    ])
      expect(() => loadConfig({ WEBHOOK_SECRETS_KEY: value }), value)
        .to.throw(ConfigError)
        .with.property('problems')
        .that.deep.equals([malformed]);
    expect(() => loadConfig({ WEBHOOK_SECRETS_KEY: `k1:${keyOf(1)},k1:${keyOf(2)}` }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['WEBHOOK_SECRETS_KEY must not repeat a key id']);
  });

  it('refuses a shared secret and a JWKS URL together', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://id.example.org/jwks' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both']);
  });
});
