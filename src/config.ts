// Typed configuration read from the environment once at start-up. Every key has an env name,
// a doc line and a default; `loadConfig` reports every invalid key at once and refuses
// configurations that would be unsafe in production.

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  env: Environment;
  host: string;
  port: number;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** `mysql://user:password@host:port/database`; absent: the embedded SQLite file. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  databasePoolMax: number;
  databaseStatementTimeoutMs: number;
  databaseAcquireTimeoutMs: number;
  databaseConnectTimeoutMs: number;
  requestDeadlineMs: number;
  readinessTimeoutMs: number;
  readinessMaxAgeMs: number;
  httpRequestTimeoutMs: number;
  httpHeadersTimeoutMs: number;
  httpKeepAliveTimeoutMs: number;
  migrateOnStart: boolean;
  rateLimitWindowMs: number;
  rateLimitPerIp: number;
  rateLimitPerUser: number;
  rateLimitPublicPerIp: number;
  redisUrl: string | undefined;
  rateLimitRedisPrefix: string;
  corsOrigins: string[];
  trustProxyHops: number;
  dataDir: string;
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** Longest accepted token lifetime, in seconds. */
  tokenMaxLifetimeSeconds: number;
  /** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. */
  tokenClockToleranceSeconds: number;
  pageTokenSecret: string | undefined;
  validateResponses: boolean;
  logLevel: LogLevel;
  metricsPort: number | undefined;
  metricsHost: string;
  /** Whether this process delivers webhooks (src/webhooks/dispatcher.ts). */
  webhookDispatcher: boolean;
  webhookTimeoutMs: number;
  webhookPollIntervalMs: number;
  webhookConcurrency: number;
  /** Attempts in flight at one endpoint, across every dispatcher. */
  webhookEndpointConcurrency: number;
  /** Attempts in flight at one organization's endpoints together, across every dispatcher. */
  webhookOrganizationConcurrency: number;
  /** Name servers for webhook hosts (`ip` or `ip:port`); empty: the system's (/etc/resolv.conf). */
  webhookDnsServers: string[];
  webhookDnsTimeoutMs: number;
  /** Lets endpoints be `http://` on a loopback address: local runs and tests only. */
  webhookAllowLoopback: boolean;
  /** Encrypts endpoint signing secrets at rest; the first key encrypts, every key decrypts. */
  webhookSecretsKeys: SecretsKey[] | undefined;
  /** How often this process purges change events past the feed's retention; 0: never. */
  feedPurgeIntervalMs: number;
}

/** An encryption key for secrets at rest, with the id stored beside what it encrypted. */
export interface SecretsKey {
  id: string;
  key: Buffer;
}

interface Setting<T> {
  env: string;
  /** docs/operations.md's configuration table is made from these (`npm run docs:config`). */
  doc: string;
  /** The default as that table shows it, where the parsed value would not read well. */
  shownDefault?: string;
  default: (env: Environment) => T;
  parse: (raw: string) => T;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const text = (raw: string): string => raw;
const optionalText = (raw: string): string | undefined => raw;
const none = (): undefined => undefined;

function oneOf<T extends string>(...allowed: T[]) {
  return (raw: string): T => {
    if (!(allowed as string[]).includes(raw)) throw new Error(`must be one of ${allowed.join(', ')}`);
    return raw as T;
  };
}

function integer(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`must be an integer from ${min} to ${max}`);
    return value;
  };
}

function boolean(raw: string): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error('must be true or false');
}

function secret(raw: string): string {
  if (raw.length < 32) throw new Error('must be at least 32 characters');
  return raw;
}

function url(protocols: string[]) {
  return (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error('must be a URL');
    }
    if (!protocols.includes(parsed.protocol)) throw new Error(`must be a ${protocols.join(' or ')} URL`);
    return raw;
  };
}

function duration(minSeconds: number, maxSeconds: number) {
  return (raw: string): number => {
    const match = /^(\d+)([smhd])$/.exec(raw.trim());
    const seconds = match
      ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd']
      : NaN;
    if (!(seconds >= minSeconds && seconds <= maxSeconds))
      throw new Error(`must be a duration such as 90s, 15m, 24h or 7d, from ${minSeconds}s to ${maxSeconds}s`);
    return seconds;
  };
}

function byteSize(raw: string): number {
  const match = /^(\d+)(b|kb|mb)?$/i.exec(raw.trim());
  if (!match) throw new Error('must be a size such as 100kb or 1mb');
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(match[1]) * unit;
}

function nameServers(raw: string): string[] {
  const list = raw
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  for (const server of list)
    if (!/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-fA-F:.]+\](:\d{1,5})?|[0-9a-fA-F:]+:[0-9a-fA-F:.]*)$/.test(server))
      throw new Error(`must list name server addresses such as 10.0.0.2 or 10.0.0.2:5353, not "${server}"`);
  return list;
}

function secretsKeys(raw: string): SecretsKey[] {
  const keys = raw.split(',').map((entry) => {
    const match = /^([A-Za-z0-9_-]{1,16}):([A-Za-z0-9+/]{43}=)$/.exec(entry.trim());
    if (!match) throw new Error('must be id:base64 of 32 bytes (id: 1-16 of A-Z a-z 0-9 _ -), comma-separated');
    return { id: match[1]!, key: Buffer.from(match[2]!, 'base64') };
  });
  if (new Set(keys.map((key) => key.id)).size !== keys.length) throw new Error('must not repeat a key id');
  return keys;
}

function origins(raw: string): string[] {
  const list = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`must list origins such as https://app.example.com, not "${origin}"`);
    }
    if (parsed.origin !== origin) throw new Error(`must list bare origins (scheme://host[:port]), not "${origin}"`);
  }
  return list;
}

export const settings: { [K in keyof Omit<Config, 'env'>]: Setting<Config[K]> } = {
  host: { env: 'HOST', doc: 'Interface the server listens on.', default: () => '0.0.0.0', parse: text },
  port: { env: 'PORT', doc: 'TCP port; 0 picks a free one.', default: () => 3000, parse: integer(0, 65535) },
  bodyLimitBytes: {
    env: 'BODY_LIMIT',
    shownDefault: '`256kb`',
    doc: 'Largest request body.',
    default: () => 256 * 1024,
    parse: byteSize,
  },
  shutdownTimeoutMs: {
    env: 'SHUTDOWN_TIMEOUT_MS',
    doc: 'The whole shutdown after SIGTERM: drain in-flight requests, then close the pool and Redis; the process exits by then whatever the database does.',
    default: () => 10_000,
    parse: integer(0, 600_000),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: '`mysql://user:pass@host:3306/db`; unset: embedded SQLite.',
    default: none,
    parse: url(['mysql:']),
  },
  sqliteFile: {
    env: 'SQLITE_FILE',
    doc: 'The embedded database file.',
    default: () => './data/groups.sqlite',
    parse: text,
  },
  databasePoolMax: {
    env: 'DB_POOL_MAX',
    doc: 'Connections per process.',
    default: () => 10,
    parse: integer(1, 200),
  },
  databaseStatementTimeoutMs: {
    env: 'DB_STATEMENT_TIMEOUT_MS',
    doc: 'Longest one SQL statement runs: MariaDB `max_statement_time` / MySQL `max_execution_time` per session, a client-side timeout 250 ms above it (for a network that stalls), the SQLite busy timeout.',
    default: () => 1500,
    parse: integer(100, 600_000),
  },
  databaseAcquireTimeoutMs: {
    env: 'DB_ACQUIRE_TIMEOUT_MS',
    doc: 'Longest a request waits for a pooled connection, opening one included.',
    default: () => 1000,
    parse: integer(50, 600_000),
  },
  databaseConnectTimeoutMs: {
    env: 'DB_CONNECT_TIMEOUT_MS',
    doc: 'Longest opening one MySQL connection takes.',
    default: () => 2000,
    parse: integer(100, 600_000),
  },
  requestDeadlineMs: {
    env: 'REQUEST_DEADLINE_MS',
    doc: 'Longest an API request takes from arrival to answer: then 503 (408 while its body is still arriving).',
    default: () => 5000,
    parse: integer(100, 600_000),
  },
  readinessTimeoutMs: {
    env: 'READINESS_TIMEOUT_MS',
    doc: 'Longest the `/readyz` database ping takes before `/readyz` answers 503.',
    default: () => 500,
    parse: integer(50, 60_000),
  },
  readinessMaxAgeMs: {
    env: 'READINESS_MAX_AGE_MS',
    doc: 'How old the database health `/readyz` reports may be: probes at any rate cost at most one ping per interval.',
    default: () => 1000,
    parse: integer(0, 60_000),
  },
  httpRequestTimeoutMs: {
    env: 'HTTP_REQUEST_TIMEOUT_MS',
    doc: "Node's `server.requestTimeout`: the whole request must arrive within it, else 408 (Node's default: 300 s).",
    default: () => 10_000,
    parse: integer(1000, 600_000),
  },
  httpHeadersTimeoutMs: {
    env: 'HTTP_HEADERS_TIMEOUT_MS',
    doc: "Node's `server.headersTimeout`: the headers must arrive within it, else 408 (Node's default: 60 s); at most `HTTP_REQUEST_TIMEOUT_MS`.",
    default: () => 5000,
    parse: integer(1000, 600_000),
  },
  httpKeepAliveTimeoutMs: {
    env: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
    doc: "Node's `server.keepAliveTimeout` for idle keep-alive connections; behind a load balancer, set it above the balancer's idle timeout.",
    default: () => 5000,
    parse: integer(0, 600_000),
  },
  migrateOnStart: {
    env: 'MIGRATE_ON_START',
    doc: '`npm start` with `DATABASE_URL` applies pending migrations once the database answers; in production run `npm run db:migrate`.',
    default: (env) => env !== 'production',
    parse: boolean,
  },
  rateLimitWindowMs: {
    env: 'RATE_LIMIT_WINDOW_MS',
    doc: 'Rate-limit window.',
    default: () => 60_000,
    parse: integer(1000, 86_400_000),
  },
  rateLimitPerIp: {
    env: 'RATE_LIMIT_PER_IP',
    doc: 'Requests per window from one IP address, counted before authentication; `0`: no limit.',
    default: () => 600,
    parse: integer(0, 10_000_000),
  },
  rateLimitPerUser: {
    env: 'RATE_LIMIT_PER_USER',
    doc: 'Requests per window by one user, counted after authentication; `0`: no limit.',
    default: () => 300,
    parse: integer(0, 10_000_000),
  },
  rateLimitPublicPerIp: {
    env: 'RATE_LIMIT_PUBLIC_PER_IP',
    doc: 'Requests per window from one address to what needs no token (`/`, `/healthz`, `/readyz`, `/docs`, `/openapi.*`, `/favicon.ico`, CORS preflights), counted apart from API calls; `0`: no limit.',
    default: () => 6000,
    parse: integer(0, 10_000_000),
  },
  redisUrl: {
    env: 'REDIS_URL',
    doc: '`redis://host:6379`: rate-limit counters in Redis, shared by every process; unset: in process memory.',
    default: none,
    parse: url(['redis:', 'rediss:']),
  },
  rateLimitRedisPrefix: {
    env: 'RATE_LIMIT_REDIS_PREFIX',
    doc: 'Prefix of the rate-limit keys in Redis.',
    default: () => 'groups-api:rl:',
    parse: text,
  },
  corsOrigins: {
    env: 'CORS_ORIGINS',
    doc: 'Comma-separated browser origins allowed to call the API (`https://app.example.com`); unset: CORS off.',
    default: () => [],
    parse: origins,
  },
  trustProxyHops: {
    env: 'TRUST_PROXY_HOPS',
    doc: "Proxies in front of the service whose `X-Forwarded-For` gives the caller's address (for the per-IP limit).",
    default: () => 0,
    parse: integer(0, 10),
  },
  dataDir: {
    env: 'DATA_DIR',
    doc: 'Where quick-start secrets live.',
    default: () => './data',
    parse: text,
  },
  jwtSecret: {
    env: 'AUTH_JWT_SECRET',
    shownDefault: 'generated into `./data/` outside production',
    doc: 'HS256 token secret, 32+ characters.',
    default: none,
    parse: secret,
  },
  jwksUrl: {
    env: 'AUTH_JWKS_URL',
    doc: "An identity provider's JWKS (RS256, PS256, ES256, EdDSA) instead of a secret; `https:` only in production. When it cannot be fetched the API answers `503` with `Retry-After`, not `401`.",
    default: none,
    parse: url(['https:', 'http:']),
  },
  jwtIssuer: { env: 'AUTH_ISSUER', doc: 'Required `iss` claim, when set.', default: none, parse: optionalText },
  jwtAudience: { env: 'AUTH_AUDIENCE', doc: 'Required `aud` claim, when set.', default: none, parse: optionalText },
  tokenMaxLifetimeSeconds: {
    env: 'AUTH_MAX_TOKEN_LIFETIME',
    shownDefault: '`24h`',
    doc: 'Longest accepted token lifetime (`exp - iat`, or `exp - now` without `iat`); longer: `401`. Durations as `90s`, `15m`, `24h`, `7d`.',
    default: () => 24 * 3600,
    parse: duration(60, 366 * 86400),
  },
  tokenClockToleranceSeconds: {
    env: 'AUTH_CLOCK_TOLERANCE',
    shownDefault: '`60s`',
    doc: 'Clock skew allowed on `exp`, `nbf` and `iat` (an `iat` further in the future: `401`).',
    default: () => 60,
    parse: duration(0, 3600),
  },
  pageTokenSecret: {
    env: 'PAGE_TOKEN_SECRET',
    shownDefault: 'generated into `./data/` outside production',
    doc: 'Signs pagination cursors, 32+ characters.',
    default: none,
    parse: secret,
  },
  validateResponses: {
    env: 'VALIDATE_RESPONSES',
    doc: 'Check responses against the spec; a violation is a logged 500.',
    default: (env) => env !== 'production',
    parse: boolean,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'The pino log level.',
    default: (env) => (env === 'test' ? 'silent' : 'info'),
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  metricsPort: {
    env: 'METRICS_PORT',
    doc: 'Port of the Prometheus `GET /metrics` listener (`0`: any free one); unset, there is none.',
    default: none,
    parse: integer(0, 65535),
  },
  metricsHost: {
    env: 'METRICS_HOST',
    doc: 'Interface the metrics listener binds to.',
    default: () => '127.0.0.1',
    parse: text,
  },
  webhookDispatcher: {
    env: 'WEBHOOK_DISPATCHER',
    doc: 'Whether `serve` also delivers webhooks; `false` in API processes when `node dist/src/cli/dispatch.js` runs on its own. Any number of dispatchers share the work.',
    default: () => true,
    parse: boolean,
  },
  webhookTimeoutMs: {
    env: 'WEBHOOK_TIMEOUT_MS',
    doc: 'Longest one webhook request takes, connecting included; then the attempt failed (`timeout`) and is retried on the schedule.',
    default: () => 10_000,
    parse: integer(100, 60_000),
  },
  webhookPollIntervalMs: {
    env: 'WEBHOOK_POLL_INTERVAL_MS',
    doc: 'How often a dispatcher looks for due deliveries (a change made in the same process wakes it at once).',
    default: () => 1000,
    parse: integer(10, 60_000),
  },
  webhookConcurrency: {
    env: 'WEBHOOK_CONCURRENCY',
    doc: 'Webhook requests one dispatcher has in flight at most.',
    default: () => 64,
    parse: integer(1, 1024),
  },
  webhookEndpointConcurrency: {
    env: 'WEBHOOK_ENDPOINT_CONCURRENCY',
    doc: 'Webhook requests in flight at one endpoint at most, counted across every dispatcher: a slow or dead endpoint holds no more.',
    default: () => 4,
    parse: integer(1, 64),
  },
  webhookOrganizationConcurrency: {
    env: 'WEBHOOK_ORGANIZATION_CONCURRENCY',
    doc: "Webhook requests in flight at one organization's endpoints together at most, across every dispatcher; keep `WEBHOOK_CONCURRENCY` well above it so that other organizations always find room.",
    default: () => 16,
    parse: integer(1, 1024),
  },
  webhookDnsServers: {
    env: 'WEBHOOK_DNS_SERVERS',
    doc: 'Comma-separated name servers (`10.0.0.2`, `10.0.0.2:5353`, `[fd00::2]:53`) that resolve webhook hosts; unset: those of `/etc/resolv.conf`. Webhook hosts are resolved apart from the system resolver (no `/etc/hosts`).',
    default: () => [],
    parse: nameServers,
  },
  webhookDnsTimeoutMs: {
    env: 'WEBHOOK_DNS_TIMEOUT_MS',
    doc: "Longest one webhook host's name takes to resolve (each of two tries); then the attempt failed (`dns_failed`).",
    default: () => 2000,
    parse: integer(100, 30_000),
  },
  webhookAllowLoopback: {
    env: 'WEBHOOK_ALLOW_LOOPBACK',
    doc: 'Lets webhook endpoints be `http://` on a loopback address (`127.0.0.1`, `[::1]`, `localhost`) for local runs (`npm run webhooks:listen`) and tests; refused in production. Private, link-local and metadata addresses stay refused.',
    default: (env) => env === 'development',
    parse: boolean,
  },
  webhookSecretsKeys: {
    env: 'WEBHOOK_SECRETS_KEY',
    shownDefault: 'generated into `./data/` outside production',
    doc: 'Encrypts webhook signing secrets in the database (AES-256-GCM): `id:base64` of 32 random bytes (`openssl rand -base64 32`); to rotate, put the new key first and keep the old after a comma until `node dist/src/cli/migrate.js` has re-encrypted every secret.',
    default: none,
    parse: secretsKeys,
  },
  feedPurgeIntervalMs: {
    env: 'FEED_PURGE_INTERVAL_MS',
    doc: 'How often this process deletes change events older than the feed keeps them (30 days), with their deliveries; `0`: never (another process does).',
    default: () => 600_000,
    parse: integer(0, 86_400_000),
  },
};

export const environmentSetting: Setting<Environment> = {
  env: 'NODE_ENV',
  doc: '`development`, `test` or `production`.',
  default: () => 'development',
  parse: oneOf('development', 'test', 'production'),
};

/**
 * What a process uses of the configuration that production insists on: the server all of it;
 * an operator command only what it touches (`node dist/src/cli/migrate.js` signs no token).
 */
export type ConfigNeed = 'auth' | 'pageTokens' | 'database' | 'webhookSecrets';
export const everyNeed: readonly ConfigNeed[] = ['auth', 'pageTokens', 'database', 'webhookSecrets'];

export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  needs: readonly ConfigNeed[] = everyNeed,
): Config {
  const problems: string[] = [];

  function read<T>(setting: Setting<T>, env: Environment): T {
    const raw = source[setting.env];
    if (raw === undefined || raw === '') return setting.default(env);
    try {
      return setting.parse(raw);
    } catch (error) {
      problems.push(`${setting.env} ${(error as Error).message}`);
      return setting.default(env);
    }
  }

  const env = read(environmentSetting, 'development');
  const config = { env } as Config;
  for (const [key, setting] of Object.entries(settings)) {
    (config as unknown as Record<string, unknown>)[key] = read(setting as Setting<unknown>, env);
  }

  if (config.webhookOrganizationConcurrency < config.webhookEndpointConcurrency)
    problems.push('WEBHOOK_ORGANIZATION_CONCURRENCY must not be below WEBHOOK_ENDPOINT_CONCURRENCY');
  if (config.httpHeadersTimeoutMs > config.httpRequestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  if (config.jwtSecret && config.jwksUrl) problems.push('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  if (env === 'production') {
    const needed = new Set(needs);
    if (needed.has('auth') && !config.jwtSecret && !config.jwksUrl)
      problems.push('production needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
    if (needed.has('pageTokens') && !config.pageTokenSecret) problems.push('production needs PAGE_TOKEN_SECRET');
    if (needed.has('database') && !config.databaseUrl) problems.push('production needs DATABASE_URL');
    if (needed.has('webhookSecrets') && !config.webhookSecretsKeys)
      problems.push('production needs WEBHOOK_SECRETS_KEY');
    // Keys fetched over plain http could be swapped by anyone on the path: forged tokens.
    if (config.jwksUrl && new URL(config.jwksUrl).protocol !== 'https:')
      problems.push('AUTH_JWKS_URL must be an https: URL in production');
    // Production endpoints are https on public addresses only (src/domain/webhook-targets.ts).
    if (config.webhookAllowLoopback) problems.push('WEBHOOK_ALLOW_LOOPBACK must not be set in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
