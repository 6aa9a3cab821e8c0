// What happens after an answer is on its way: the request deadline answers once (never
// after a response started, never for a caller who left), a handler failing after the deadline
// answered is only logged, and an error after the headers went out cuts the connection
// instead of writing a second answer.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { expect } from 'chai';
import { pino } from 'pino';
import { requestDeadline } from '../../src/http/deadline.js';
import { lastResort, renderErrors } from '../../src/http/problem.js';
import { bearer, type CapturedLogs, createOrganization, realHandlers, testApp, testConfig } from '../support/world.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listening(app: Express): Promise<{ server: Server; port: number }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function closed(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** A bare app with the request context the middleware under test relies on (req.log, req.id). */
function bareApp(): { app: Express; logs: CapturedLogs } {
  const logs: CapturedLogs = { lines: [] };
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.lines.push(JSON.parse(line)) });
  const app = express();
  app.use((req, _res, next) => {
    req.log = logger;
    req.id = 'req-late';
    next();
  });
  return { app, logs };
}

interface PartialAnswer {
  status: number;
  body: string;
  /** Whether the response arrived whole (false: the connection was cut mid-answer). */
  complete: boolean;
}

/** GETs a path and resolves once the response ends or its connection is cut. */
function getUntilClosed(port: number, path: string): Promise<PartialAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode!, body, complete: res.complete }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('late failures', () => {
  it('logs a handler failure after the deadline answered, and renders nothing more', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    let entered = false;
    const { request, logs } = testApp({
      config: { ...testConfig, requestDeadlineMs: 500 },
      handlers: {
        ...realHandlers(),
        listGroups: async () => {
          entered = true;
          await sleep(800);
          throw new Error('late failure');
        },
      },
    });
    // A first request warms the app (validator, token verification), so that the deadline
    // below starts a request that reaches its handler well before it.
    expect((await request.get('/api/v1/groups/grp_warmup').set(coach)).status).to.equal(404);
    const response = await request.get('/api/v1/groups').set(coach);
    expect(response.status).to.equal(503);
    expect(response.body.detail).to.equal('The service did not answer in time. Retry later.');
    expect(entered, 'the handler ran before the deadline').to.equal(true);
    const failedLate = () => logs.lines.filter((line) => line.msg === 'request failed after its deadline answered');
    for (let waited = 0; failedLate().length === 0 && waited < 3000; waited += 50) await sleep(50);
    const late = failedLate();
    expect(late).to.have.length(1);
    expect(late[0]).to.include({ level: 30, request_id: response.headers['x-request-id'] });
    expect(late[0]).to.have.nested.property('err.message', 'late failure');
    expect(logs.lines.filter((line) => (line.level as number) >= 50)).to.deep.equal([]);
  });

  it('does not answer, or log a deadline, for a caller who left before it', async () => {
    const org = await createOrganization();
    const coach = await bearer(await org.addUser({ role: 'coach' }));
    let handlerEntered!: () => void;
    const entered = new Promise<void>((resolve) => (handlerEntered = resolve));
    const { app, logs } = testApp({
      config: { ...testConfig, requestDeadlineMs: 1000 },
      handlers: {
        ...realHandlers(),
        listGroups: () => {
          handlerEntered();
          return new Promise(() => undefined);
        },
      },
    });
    const { server, port } = await listening(app);
    try {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/groups', headers: coach });
      req.on('error', () => undefined);
      req.end();
      await entered;
      req.destroy();
      await sleep(1300);
      expect(logs.lines.map((line) => line.msg)).to.not.include('request deadline reached');
    } finally {
      await closed(server);
    }
  });

  it('leaves a response that already started to its handler when the deadline passes', async () => {
    const { app, logs } = bareApp();
    app.use(requestDeadline(150));
    app.get('/streaming', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first part');
      setTimeout(() => res.end(', last part'), 400);
    });
    const { server, port } = await listening(app);
    try {
      const answer = await getUntilClosed(port, '/streaming');
      expect(answer).to.deep.equal({ status: 200, body: 'first part, last part', complete: true });
      expect(logs.lines).to.deep.equal([]);
    } finally {
      await closed(server);
    }
  });

  it('cuts the connection when an error follows headers already sent, logging the error', async () => {
    const { app, logs } = bareApp();
    app.get('/partial', (_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"partial":', () => next(new Error('broke mid-answer')));
    });
    app.use(renderErrors((_method, _path, error) => error));
    app.use(lastResort);
    const { server, port } = await listening(app);
    try {
      const answer = await Promise.race([
        getUntilClosed(port, '/partial'),
        sleep(3000).then(() => 'still open after 3 s'),
      ]);
      expect(answer).to.deep.equal({ status: 200, body: '{"partial":', complete: false });
      const failed = logs.lines.find((line) => line.msg === 'request failed');
      expect(failed).to.include({ level: 50, code: 'internal_error' });
      expect(failed).to.have.nested.property('err.message', 'broke mid-answer');
      const lastResortLine = logs.lines.find((line) => line.msg === 'error response failed');
      expect(lastResortLine).to.include({ level: 50 });
      expect(lastResortLine).to.have.nested.property('err.message', 'broke mid-answer');
    } finally {
      await closed(server);
    }
  });
});
