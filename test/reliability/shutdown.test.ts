// Bounded shutdown in process: answers in flight when SIGTERM arrives carry `Connection: close`,
// so keep-alive clients move to another instance instead of sending more to this one.
import { request as httpRequest, Agent } from 'node:http';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createOrganization, realHandlers, testSecrets } from '../support/world.js';

function get(url: string, agent: Agent, headers: Record<string, string>) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = httpRequest(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('shutdown of keep-alive connections', () => {
  it('answers requests in flight at SIGTERM with Connection: close, and keeps alive before it', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const config = {
      ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', SHUTDOWN_TIMEOUT_MS: '3000' }),
      ...testSecrets,
    };
    const db = createDatabase(testDatabase().options);
    const real = realHandlers(db);
    let slow = false;
    let entries = 0;
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const running = await startServer(config, db, pino({ level: 'silent' }), {
      handlers: {
        ...real,
        async listGroups(input) {
          if (slow) {
            entries += 1;
            if (entries === 2) entered();
            await new Promise((resolve) => setTimeout(resolve, 600));
          }
          return real.listGroups(input);
        },
      },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const before = await get(`${running.url}/api/v1/groups`, agent, coach);
      expect(before).to.deep.equal({ status: 200, connection: 'keep-alive' });
      slow = true;
      const inFlight = Array.from({ length: 2 }, () => get(`${running.url}/api/v1/groups`, agent, coach));
      // Both connections accepted and their requests in a handler: in flight when SIGTERM comes.
      await inHandler;
      const started = performance.now();
      const stopped = running.stop();
      const answers = await Promise.all(inFlight);
      await stopped;
      console.log(
        `      keep-alive shutdown: ${answers.map((a) => `${a.status} ${a.connection}`).join(', ')}; stopped in ${Math.round(performance.now() - started)} ms`,
      );
      expect(answers).to.deep.equal([
        { status: 200, connection: 'close' },
        { status: 200, connection: 'close' },
      ]);
    } finally {
      agent.destroy();
    }
  });
});
