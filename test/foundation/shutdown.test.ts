import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createOrganization, realHandlers, testSecrets } from '../support/world.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, then closes the pool', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const config = {
      ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', SHUTDOWN_TIMEOUT_MS: '5000' }),
      ...testSecrets,
    };
    const db = createDatabase(testDatabase().options);
    const real = realHandlers(db);
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = await startServer(config, db, pino({ level: 'silent' }), {
      handlers: {
        ...real,
        async listGroups(input) {
          release();
          await new Promise((resolve) => setTimeout(resolve, 300));
          return real.listGroups(input);
        },
      },
    });

    const inFlight = fetch(`${running.url}/api/v1/groups`, { headers: coach });
    await started;
    const stopped = running.stop();
    const response = await inFlight;
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { count: number }).count).to.equal(0);
    await stopped;

    let refused = false;
    await fetch(`${running.url}/healthz`).catch(() => {
      refused = true;
    });
    expect(refused).to.equal(true);
    let poolClosed = false;
    await db.raw('select 1').catch(() => {
      poolClosed = true;
    });
    expect(poolClosed).to.equal(true);
  });
});
