// Outside production, a missing token, cursor or webhook-secrets key is generated once into
// the data folder, so that `npm start` works on a fresh clone without configuration and
// tokens (and the webhook secrets sealed under the key) stay good across restarts.
// Production refuses to start without them (see config.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, settings, type Config } from './config.js';

interface StoredSecrets {
  jwt_secret: string;
  page_token_secret: string;
  /** WEBHOOK_SECRETS_KEY's form, `local:` and base64 of 32 bytes. */
  webhook_secrets_key: string;
}

const generators: { [K in keyof StoredSecrets]: () => string } = {
  jwt_secret: () => randomBytes(32).toString('base64url'),
  page_token_secret: () => randomBytes(32).toString('base64url'),
  webhook_secrets_key: () => `local:${randomBytes(32).toString('base64')}`,
};

/** The stored secrets; a field a file of an older version lacks is generated and written back. */
function readOrCreate(file: string, generate: boolean): Partial<StoredSecrets> {
  let stored: Partial<StoredSecrets> = {};
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // None yet: all are generated. A file that is there but unreadable is not replaced.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) {
    try {
      stored = JSON.parse(text) as Partial<StoredSecrets>;
    } catch {
      // A new key would leave every webhook secret sealed under the old one unopenable.
      throw new ConfigError([`${file} is not valid JSON: mend it, or delete it to start over with new secrets`]);
    }
  }
  const missing = (Object.keys(generators) as (keyof StoredSecrets)[]).filter((name) => !stored[name]);
  if (missing.length === 0 || !generate) return stored;
  const secrets = { ...stored } as StoredSecrets;
  for (const name of missing) secrets[name] = generators[name]();
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The configuration with the quick start's secrets where it has none. `generate: false` (a
 * command that signs nothing, such as migrate) reads a secrets file that is there and makes
 * none: an artifact or a fresh checkout gets no `data/` from running it.
 */
export function withQuickStartSecrets(config: Config, { generate = true }: { generate?: boolean } = {}): Config {
  const needsJwtSecret = !config.jwtSecret && !config.jwksUrl;
  if (config.env === 'production' || (!needsJwtSecret && config.pageTokenSecret && config.webhookSecretsKeys))
    return config;
  const stored = readOrCreate(join(config.dataDir, 'secrets.json'), generate);
  return {
    ...config,
    jwtSecret: needsJwtSecret ? stored.jwt_secret : config.jwtSecret,
    pageTokenSecret: config.pageTokenSecret ?? stored.page_token_secret,
    webhookSecretsKeys:
      config.webhookSecretsKeys ??
      (stored.webhook_secrets_key ? settings.webhookSecretsKeys.parse(stored.webhook_secrets_key) : undefined),
  };
}
