// Outside production, a missing token or cursor secret is generated once into the data
// folder, so that `npm start` works on a fresh clone without configuration and tokens stay
// valid across restarts. Production refuses to start without them (see config.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

interface StoredSecrets {
  jwt_secret: string;
  page_token_secret: string;
}

function readOrCreate(file: string): StoredSecrets {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } catch {
    const secrets: StoredSecrets = {
      jwt_secret: randomBytes(32).toString('base64url'),
      page_token_secret: randomBytes(32).toString('base64url'),
    };
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

export function withQuickStartSecrets(config: Config): Config {
  const needsJwtSecret = !config.jwtSecret && !config.jwksUrl;
  if (config.env === 'production' || (!needsJwtSecret && config.pageTokenSecret)) return config;
  const stored = readOrCreate(join(config.dataDir, 'secrets.json'));
  return {
    ...config,
    jwtSecret: needsJwtSecret ? stored.jwt_secret : config.jwtSecret,
    pageTokenSecret: config.pageTokenSecret ?? stored.page_token_secret,
  };
}
