// One benchmark run's context, made once by bench/run.ts and handed to every stage: its options,
// databases, secrets, log folder and token cache. Stages read it and return their results.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../src/auth/sign-token.js';
import { benchDatabaseUrl } from './mysql.js';
import type { RunOptions } from './options.js';
import { databaseServerPid, startServer, words, type Started } from './processes.js';
import { benchSecrets, type BenchSecrets } from './webhook-fixtures.js';

/** The secrets the service of this run starts with; requests are signed with the first. */
export interface ServiceSecrets {
  jwtSecret: string;
  pageTokenSecret: string;
  webhookSecretsKey: string;
}

export interface RunContext {
  options: RunOptions;
  /** The service's start command: production's, or BENCH_START. */
  startCommand: string;
  /** Where the services' logs, the floor's plans, heap snapshots and profiles go. */
  logDir: string;
  mainUrl: string;
  largeUrl: string;
  /** WEBHOOK_SECRETS_KEY of this run: production needs one, and the webhook stages seal their endpoints' secrets with it. */
  webhookSecrets: BenchSecrets;
  secrets: ServiceSecrets;
  /** The database server's process, when it runs on this machine (for its CPU share). */
  dbPid: number | undefined;
  /** A token for the user, signed once per run. */
  tokenFor: (userId: string) => Promise<string>;
  log: (line: string) => void;
}

/** The benchmark's own scripts (drive.ts, floor.ts) run from source. */
export const tsx = ['node', '--import', 'tsx'];

export function createRunContext(options: RunOptions, startCommand: string): RunContext {
  const logDir = mkdtempSync(join(tmpdir(), 'groups-bench-'));
  const mainUrl = benchDatabaseUrl(options.database);
  const largeUrl = benchDatabaseUrl(options.largeDatabase);
  const webhookSecrets = benchSecrets();
  const secrets = {
    jwtSecret: randomBytes(32).toString('hex'),
    pageTokenSecret: randomBytes(32).toString('hex'),
    webhookSecretsKey: webhookSecrets.env,
  };
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (userId: string) => {
    let token = tokens.get(userId);
    if (!token) {
      token = signToken({ secret: secrets.jwtSecret, userId, ttlSeconds: 24 * 3600 });
      tokens.set(userId, token);
    }
    return token;
  };
  return {
    options,
    startCommand,
    logDir,
    mainUrl,
    largeUrl,
    webhookSecrets,
    secrets,
    dbPid: databaseServerPid(),
    tokenFor,
    log: (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`),
  };
}

/** The service's environment on `url`, as production runs it, for this run's secrets. */
export function serviceEnv(context: RunContext, url: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    AUTH_JWT_SECRET: context.secrets.jwtSecret,
    PAGE_TOKEN_SECRET: context.secrets.pageTokenSecret,
    WEBHOOK_SECRETS_KEY: context.webhookSecrets.env,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    // The validation stage turns it on for one of its two services.
    VALIDATE_RESPONSES: 'false',
    // One client from one address sends thousands of requests a second: production's per-IP
    // and per-user limits would answer most of them 429. The floor has no limiter either.
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_USER: '0',
  };
}

/** Starts the service on `url`, its environment and command changed as given, logging into `logName` in the log folder. */
export function startService(
  context: RunContext,
  url: string,
  logName: string,
  changes: { env?: Record<string, string>; command?: string[] } = {},
): Promise<Started> {
  return startServer(
    changes.command ?? words(context.startCommand),
    { ...serviceEnv(context, url), ...changes.env },
    join(context.logDir, logName),
  );
}
