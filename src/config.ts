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
}

interface Setting<T> {
  env: string;
  doc: string;
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

export const settings: { [K in keyof Omit<Config, 'env'>]: Setting<Config[K]> } = {
  host: { env: 'HOST', doc: 'Interface the server listens on.', default: () => '0.0.0.0', parse: text },
  port: { env: 'PORT', doc: 'TCP port; 0 picks a free one.', default: () => 3000, parse: integer(0, 65535) },
  bodyLimitBytes: {
    env: 'BODY_LIMIT',
    doc: 'Largest accepted request body.',
    default: () => 256 * 1024,
    parse: byteSize,
  },
  shutdownTimeoutMs: {
    env: 'SHUTDOWN_TIMEOUT_MS',
    doc: 'How long SIGTERM waits for in-flight requests before closing anyway.',
    default: () => 10_000,
    parse: integer(0, 600_000),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'MySQL/MariaDB URL (`mysql://user:pass@host:3306/db`). Unset: the embedded SQLite file.',
    default: none,
    parse: url(['mysql:']),
  },
  sqliteFile: {
    env: 'SQLITE_FILE',
    doc: 'SQLite database file when DATABASE_URL is unset.',
    default: () => './data/groups.sqlite',
    parse: text,
  },
  databasePoolMax: {
    env: 'DB_POOL_MAX',
    doc: 'Most database connections per process.',
    default: () => 10,
    parse: integer(1, 200),
  },
  dataDir: {
    env: 'DATA_DIR',
    doc: 'Where the quick start keeps its generated secrets.',
    default: () => './data',
    parse: text,
  },
  jwtSecret: {
    env: 'AUTH_JWT_SECRET',
    doc: 'HS256 secret that signs bearer tokens (32+ characters).',
    default: none,
    parse: secret,
  },
  jwksUrl: {
    env: 'AUTH_JWKS_URL',
    doc: 'JWKS endpoint with the public keys of an external identity provider (RS256/ES256/EdDSA).',
    default: none,
    parse: url(['https:', 'http:']),
  },
  jwtIssuer: { env: 'AUTH_ISSUER', doc: 'Required `iss` claim, when set.', default: none, parse: optionalText },
  jwtAudience: { env: 'AUTH_AUDIENCE', doc: 'Required `aud` claim, when set.', default: none, parse: optionalText },
  tokenMaxLifetimeSeconds: {
    env: 'AUTH_MAX_TOKEN_LIFETIME',
    doc: 'Longest accepted token lifetime: `exp - iat`, or `exp - now` without `iat` (e.g. 24h).',
    default: () => 24 * 3600,
    parse: duration(60, 366 * 86400),
  },
  tokenClockToleranceSeconds: {
    env: 'AUTH_CLOCK_TOLERANCE',
    doc: 'Clock skew allowed between the token issuer and this service on `exp`, `nbf` and `iat`.',
    default: () => 60,
    parse: duration(0, 3600),
  },
  pageTokenSecret: {
    env: 'PAGE_TOKEN_SECRET',
    doc: 'Key that signs pagination cursors (32+ characters).',
    default: none,
    parse: secret,
  },
  validateResponses: {
    env: 'VALIDATE_RESPONSES',
    doc: 'Check every response against openapi.yaml; an off-spec response becomes a logged 500.',
    default: (env) => env !== 'production',
    parse: boolean,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'pino log level.',
    default: (env) => (env === 'test' ? 'silent' : 'info'),
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
};

export const environmentSetting: Setting<Environment> = {
  env: 'NODE_ENV',
  doc: '`development`, `test` or `production`.',
  default: () => 'development',
  parse: oneOf('development', 'test', 'production'),
};

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
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

  if (config.jwtSecret && config.jwksUrl) problems.push('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  if (env === 'production') {
    if (!config.jwtSecret && !config.jwksUrl) problems.push('production needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
    if (!config.pageTokenSecret) problems.push('production needs PAGE_TOKEN_SECRET');
    if (!config.databaseUrl) problems.push('production needs DATABASE_URL');
    // Keys fetched over plain http could be swapped by anyone on the path: forged tokens.
    if (config.jwksUrl && new URL(config.jwksUrl).protocol !== 'https:')
      problems.push('AUTH_JWKS_URL must be an https: URL in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
