// HTTP limits: a body that arrives too slowly is cut off with 408 problem+json by the request
// deadline (operations with a body), a request whose headers trickle in by Node's own
// headersTimeout (answered 408 problem+json on the socket), and the server's timeouts are the
// configured ones rather than Node's defaults.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer } from '../../src/server.js';
import { deadlineFor } from '../support/deadlines.js';
import { testDatabase } from '../support/hooks.js';
import {
  bearer,
  createGroupVia,
  createOrganization,
  realHandlers,
  testApp,
  testConfig,
  testSecrets,
  uniqueName,
} from '../support/world.js';

interface SlowAnswer {
  status: number;
  connection: string | undefined;
  body: Record<string, unknown>;
  ms: number;
}

/** Sends the headers and the first bytes of a body, then nothing more. */
function slowBody(server: Server, method: string, path: string, auth: Record<string, string>): Promise<SlowAnswer> {
  const { port } = server.address() as AddressInfo;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': '200' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            connection: res.headers.connection,
            body: JSON.parse(text) as Record<string, unknown>,
            ms: Math.round(performance.now() - started),
          }),
        );
      },
    );
    req.on('error', reject);
    req.write('{"name": "slo');
  });
}

describe('HTTP limits', () => {
  it('cuts off a body that does not arrive within the request deadline with 408 and closes the connection', async () => {
    const org = await createOrganization();
    const coachId = await org.addUser({ role: 'coach' });
    const coach = await bearer(coachId);
    const groupId = await createGroupVia(testApp().request, coach, { name: uniqueName('Slow'), user_id: coachId });
    const requestDeadlineMs = 600;
    const { app, logs } = testApp({ config: { ...testConfig, requestDeadlineMs } });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answers = [
        await slowBody(server, 'POST', '/api/v1/groups', coach),
        await slowBody(server, 'PUT', `/api/v1/groups/${groupId}`, coach),
      ];
      console.log(`      slow body: ${answers.map((a) => `${a.status}/${a.ms}ms`).join(', ')}`);
      for (const answer of answers) {
        expect(answer.status).to.equal(408);
        expect(answer.connection).to.equal('close');
        expect(answer.body).to.include({
          status: 408,
          code: 'request_timeout',
          title: 'Request timeout',
          detail: 'The request body did not arrive in time.',
        });
        // Not before the deadline (timers fire late, never early), and by it.
        expect(answer.ms).to.be.within(requestDeadlineMs - 1, deadlineFor(requestDeadlineMs));
      }
      const reached = logs.lines.filter((line) => line.msg === 'request deadline reached');
      expect(reached).to.have.length(2);
      for (const line of reached)
        expect(line).to.include({ level: 40, deadline_ms: requestDeadlineMs, body_arriving: true });
      expect(logs.lines.filter((line) => line.level === 50)).to.deep.equal([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers a stalled request deadline with 503 and Retry-After once the body is in', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    const { request, logs } = testApp({
      config: { ...testConfig, requestDeadlineMs: 300 },
      handlers: {
        ...realHandlers(),
        listGroups: () => new Promise(() => undefined),
      },
    });
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(503);
    expect(response.headers['retry-after']).to.equal('1');
    expect(response.body.detail).to.equal('The service did not answer in time. Retry later.');
    expect(logs.lines.find((line) => line.msg === 'request deadline reached')).to.include({
      level: 40,
      deadline_ms: 300,
      body_arriving: false,
      request_id: response.headers['x-request-id'],
    });
  });

  it('uses the configured server timeouts and answers trickled headers with 408 problem+json', async () => {
    const config = {
      ...loadConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_REQUEST_TIMEOUT_MS: '1000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '4000',
      }),
      ...testSecrets,
    };
    const running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }));
    try {
      expect(running.server).to.include({ headersTimeout: 1000, requestTimeout: 1000, keepAliveTimeout: 4000 });
      const { port } = running.server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      const started = performance.now();
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      let raw = '';
      socket.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      await new Promise((resolve) => socket.on('close', resolve));
      const ms = Math.round(performance.now() - started);
      console.log(`      trickled headers: closed after ${ms} ms with ${raw.split('\r\n')[0]}`);
      expect(raw).to.match(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(raw).to.include('Content-Type: application/problem+json');
      expect(JSON.parse(raw.split('\r\n\r\n')[1]!)).to.include({ status: 408, code: 'request_timeout' });
      expect(ms).to.be.below(deadlineFor(config.httpHeadersTimeoutMs));
    } finally {
      await running.stop();
    }
  });
});
