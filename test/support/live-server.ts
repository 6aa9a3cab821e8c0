// The service listening on a free port over the test database, as the SDK tests call it:
// real HTTP, the test configuration's secrets, spec coverage recorded.
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testDatabase } from './hooks.js';
import { recordResponse } from './spec-coverage.js';
import { testSecrets } from './secrets.js';

export async function liveServer(settings: Partial<Config> = {}): Promise<RunningServer> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }),
    ...testSecrets,
    ...settings,
  };
  return startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }), {
    onRequestCompleted: recordResponse,
  });
}
