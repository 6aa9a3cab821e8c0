import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('reliability configuration', () => {
  it('has bounded defaults for every wait', () => {
    expect(loadConfig({})).to.include({
      databaseStatementTimeoutMs: 1500,
      databaseAcquireTimeoutMs: 1000,
      databaseConnectTimeoutMs: 2000,
      requestDeadlineMs: 5000,
      readinessTimeoutMs: 500,
      readinessMaxAgeMs: 1000,
      httpRequestTimeoutMs: 10_000,
      httpHeadersTimeoutMs: 5000,
      httpKeepAliveTimeoutMs: 5000,
      shutdownTimeoutMs: 10_000,
      rateLimitWindowMs: 60_000,
      rateLimitPerIp: 600,
      rateLimitPerUser: 300,
      rateLimitPublicPerIp: 6000,
      migrateOnStart: true,
      trustProxyHops: 0,
    });
    expect(loadConfig({}).corsOrigins).to.deep.equal([]);
    expect(loadConfig({}).redisUrl).to.equal(undefined);
  });

  it('reads origins, Redis and limits, and refuses what would not work', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PER_USER: '0',
    });
    expect(config.corsOrigins).to.deep.equal(['https://a.example.com', 'http://localhost:5173']);
    expect(config).to.include({ redisUrl: 'redis://127.0.0.1:6379', rateLimitPerUser: 0 });
    expect(() =>
      loadConfig({
        CORS_ORIGINS: 'https://a.example.com/app',
        REDIS_URL: 'http://cache',
        HTTP_HEADERS_TIMEOUT_MS: '20000',
        HTTP_REQUEST_TIMEOUT_MS: '10000',
      }),
    )
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members([
        'CORS_ORIGINS must list bare origins (scheme://host[:port]), not "https://a.example.com/app"',
        'REDIS_URL must be a redis: or rediss: URL',
        'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
      ]);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'a'.repeat(32),
        PAGE_TOKEN_SECRET: 'a'.repeat(32),
        DATABASE_URL: 'mysql://db/x',
        WEBHOOK_SECRETS_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      }).migrateOnStart,
    ).to.equal(false);
  });
});
