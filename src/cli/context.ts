// What every operator command starts from: validated configuration (with the quick-start
// secrets outside production), a logger and the database.
import { ConfigError, everyNeed, loadConfig, type Config, type ConfigNeed } from '../config.js';
import { requireEmbeddedDatabase } from '../data/embedded-database.js';
import { createDatabase, type Database } from '../data/database.js';
import { createLogger, type Logger } from '../logger.js';
import { withQuickStartSecrets } from '../quick-start-secrets.js';

export interface CommandContext {
  config: Config;
  logger: Logger;
  db: Database;
}

/**
 * `needs`: what of the configuration the command uses, which alone production insists on
 * (config.ts, ConfigNeed). Outside production a command that signs and seals nothing reads
 * the quick start's secrets file when there is one and writes none.
 */
export function openCommandContext(needs: readonly ConfigNeed[] = everyNeed): CommandContext {
  let config: Config;
  try {
    const signs = needs.includes('auth') || needs.includes('webhookSecrets');
    config = withQuickStartSecrets(loadConfig(process.env, needs), { generate: signs });
    if (!config.databaseUrl && needs.includes('database')) requireEmbeddedDatabase();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = createDatabase({
    url: config.databaseUrl,
    sqliteFile: config.sqliteFile,
    poolMax: config.databasePoolMax,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    acquireTimeoutMs: config.databaseAcquireTimeoutMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    logger,
  });
  return { config, logger, db };
}

/** Runs a command to its end and exits non-zero with a one-line message on failure. */
export async function runCommand(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
