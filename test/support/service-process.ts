// `npm start`'s entry point (src/cli/start.ts) as a child process with the test's secrets and
// a data folder of its own, for tests of start-up and shutdown as an operator sees them. The
// process handling is the project's one helper (test/support/processes.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildService } from './processes.js';
import { testSecrets, testWebhookSecretsKey } from './secrets.js';

export type { LogLine } from './processes.js';

/** The quick start's process, with `dispose()`: ends it if a test left it running, removes its data folder. */
export type ServiceProcess = ChildService & { dispose(): Promise<void> };

export const ServiceProcess = {
  start(env: Record<string, string>): ServiceProcess {
    const dataDir = mkdtempSync(join(tmpdir(), 'groups-service-'));
    const service = ChildService.start({
      command: [process.execPath, '--import', 'tsx', 'src/cli/start.ts'],
      cleanEnvironment: true,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: testSecrets.jwtSecret,
        PAGE_TOKEN_SECRET: testSecrets.pageTokenSecret,
        WEBHOOK_SECRETS_KEY: testWebhookSecretsKey,
        ...env,
      },
    });
    return Object.assign(service, {
      async dispose() {
        await service.stop('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
  },
};
