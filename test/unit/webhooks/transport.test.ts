// The webhook transport (src/webhooks/send.ts) against a local HTTP server: connections kept
// alive and reused, a timed-out or aborted request's connection never reused, a connection the
// server closed meanwhile retried once on a new one, names checked before any connection, and
// the answer kept as the delivery log shows it.
import http from 'node:http';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import type { HostResolver } from '../../../src/webhooks/host-resolver.js';
import {
  createWebhookTransport,
  sendWebhook,
  type SendRequest,
  type WebhookTransport,
} from '../../../src/webhooks/send.js';

const targets = { allowLoopback: true };
const toLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TestServer {
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  /** Connections the server saw close. */
  closed: number;
  server: http.Server;
  close(): Promise<void>;
}

async function startServer(handle: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handle);
  const sockets = new Set<Socket>();
  const state = { connections: 0, closed: 0 };
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      state.closed += 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/`,
    port,
    server,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** Answers after reading the whole request, as a receiver does. */
const answering =
  (status = 200, body = 'ok', headers: http.OutgoingHttpHeaders = {}): http.RequestListener =>
  (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(body));
  };

const request = (url: string): SendRequest => ({ url, headers: { 'webhook-id': 'evt_1' }, body: '{"type":"test"}' });

const waitFor = async (what: string, condition: () => boolean) => {
  const deadline = performance.now() + 2000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
};

describe('webhook transport', () => {
  let server: TestServer | undefined;
  let transport: WebhookTransport | undefined;

  const newTransport = (resolve: HostResolver = toLoopback) => {
    transport = createWebhookTransport({ targets, resolve });
    return transport;
  };

  afterEach(async () => {
    transport?.close();
    transport = undefined;
    await server?.close();
    server = undefined;
  });

  it('sends 20 requests one after another over one connection', async () => {
    server = await startServer(answering());
    const resolved: string[] = [];
    const send = newTransport(async (hostname) => {
      resolved.push(hostname);
      return toLoopback(hostname);
    });
    for (let i = 0; i < 20; i++) {
      const result = await send.send(request(`http://localhost:${server.port}/hook`), { timeoutMs: 2000 });
      expect(result).to.include({ statusCode: 200, error: null, responseBody: 'ok' });
    }
    expect(server.connections).to.equal(1);
    expect(resolved, 'a kept-alive connection needs no lookup').to.deep.equal(['localhost']);
  });

  it('keeps a connection after an answer with a body, read to its end', async () => {
    server = await startServer(answering(500, 'e'.repeat(40_000)));
    const send = newTransport();
    for (let i = 0; i < 3; i++) {
      const result = await send.send(request(server.url), { timeoutMs: 2000 });
      expect(result).to.include({ statusCode: 500, error: 'http_status' });
      expect(result.responseBody).to.have.length(1024);
    }
    expect(server.connections).to.equal(1);
  });

  it('closes the connection of an answer past 64 KiB, and keeps the first 1,024 characters', async () => {
    server = await startServer(answering(200, 'é'.repeat(300_000)));
    const send = newTransport();
    const first = await send.send(request(server.url), { timeoutMs: 2000 });
    expect(first).to.include({ statusCode: 200, error: null });
    expect(first.responseBody).to.equal('é'.repeat(1024));
    await send.send(request(server.url), { timeoutMs: 2000 });
    expect(server.connections).to.equal(2);
  });

  it('destroys the connection of a request that timed out, and opens a new one for the next', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/slow') return void req.resume();
      answering()(req, res);
    });
    const send = newTransport();
    expect((await send.send(request(server.url), { timeoutMs: 2000 })).error).to.equal(null);
    const started = performance.now();
    const slow = await send.send(request(`${server.url}slow`), { timeoutMs: 200 });
    expect(slow).to.include({ statusCode: null, error: 'timeout', responseBody: null });
    expect(performance.now() - started).to.be.below(1000);
    await waitFor('the server to see the connection close', () => server!.closed === 1);
    expect((await send.send(request(server.url), { timeoutMs: 2000 })).error).to.equal(null);
    expect(server.connections).to.equal(2);
  });

  it('ends an attempt as a timeout when its signal aborts, and never reuses its connection', async () => {
    server = await startServer((req) => void req.resume());
    const send = newTransport();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await send.send(request(server.url), { timeoutMs: 5000, signal: controller.signal });
    expect(result).to.include({ error: 'timeout', statusCode: null });
    expect(result.latencyMs).to.be.below(1000);
    await waitFor('the server to see the connection close', () => server!.closed === 1);
    const before = server.connections;
    expect(await send.send(request(server.url), { timeoutMs: 50, signal: controller.signal })).to.include({
      error: 'timeout',
    });
    expect(server.connections, 'an aborted signal sends nothing').to.equal(before);
  });

  it('does not fail a send when the server closes idle connections after 100 ms', async () => {
    server = await startServer(answering());
    server.server.keepAliveTimeout = 100;
    const send = newTransport();
    for (const pause of [0, 90, 95, 100, 100, 105, 110, 150]) {
      await delay(pause);
      expect((await send.send(request(server.url), { timeoutMs: 2000 })).error, `after ${pause} ms`).to.equal(null);
    }
  });

  it('sends again, once, on a new connection when a kept-alive one was closed before any answer', async () => {
    // Answers the first request on each connection; closes the connection at the second.
    const served = new WeakMap<Socket, number>();
    server = await startServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      answering()(req, res);
    });
    const send = newTransport();
    expect((await send.send(request(server.url), { timeoutMs: 2000 })).error).to.equal(null);
    const second = await send.send(request(server.url), { timeoutMs: 2000 });
    expect(second).to.include({ statusCode: 200, error: null });
    expect(server.connections).to.equal(2);
  });

  it('does not send again when a new connection fails', async () => {
    server = await startServer((req) => void req.socket.destroy());
    const result = await newTransport().send(request(server.url), { timeoutMs: 2000 });
    expect(result).to.include({ statusCode: null, error: 'connection_failed' });
    expect(server.connections).to.equal(1);
  });

  it('refuses a name that resolves to a private address, and connects nowhere', async () => {
    server = await startServer(answering());
    const asked: string[] = [];
    const send = newTransport(async (hostname) => {
      asked.push(hostname);
      return [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ];
    });
    expect(await send.send(request(`http://localhost:${server.port}/`), { timeoutMs: 2000 })).to.include({
      statusCode: null,
      error: 'blocked_address',
    });
    const strict = createWebhookTransport({
      targets: { allowLoopback: false },
      resolve: async () => [{ address: '10.0.0.7', family: 4 }],
    });
    expect(await strict.send(request(`https://rebinding.example:${server.port}/`), { timeoutMs: 2000 })).to.include({
      error: 'blocked_address',
    });
    strict.close();
    expect(asked).to.deep.equal(['localhost']);
    expect(server.connections).to.equal(0);
  });

  it('refuses a literal private address without resolving it', async () => {
    let asked = false;
    const send = newTransport(async () => {
      asked = true;
      return [];
    });
    expect(await send.send(request('https://10.0.0.7/'), { timeoutMs: 2000 })).to.include({
      error: 'blocked_address',
    });
    expect(asked).to.equal(false);
  });

  it('says dns_failed for whatever the resolver rejects with', async () => {
    server = await startServer(answering());
    const failures: Error[] = [
      Object.assign(new Error('no such name'), { code: 'ENOTFOUND' }),
      Object.assign(new Error('no answer'), { code: 'ETIMEOUT' }),
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      new Error('no code at all'),
    ];
    for (const failure of failures) {
      const send = newTransport(() => Promise.reject(failure));
      expect(await send.send(request(`http://localhost:${server.port}/`), { timeoutMs: 2000 })).to.include({
        statusCode: null,
        error: 'dns_failed',
      });
      send.close();
    }
    const empty = newTransport(async () => []);
    expect((await empty.send(request(`http://localhost:${server.port}/`), { timeoutMs: 2000 })).error).to.equal(
      'dns_failed',
    );
    expect(server.connections).to.equal(0);
  });

  it('counts resolving in the timeout', async () => {
    const send = newTransport(() => new Promise(() => undefined));
    const result = await send.send(request('http://localhost:9/'), { timeoutMs: 100 });
    expect(result.error).to.equal('timeout');
  });

  it('follows no redirect, and keeps Retry-After', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/moved') return answering(302, '', { location: '/elsewhere' })(req, res);
      answering(429, 'slow down', { 'retry-after': '30' })(req, res);
    });
    const send = newTransport();
    expect(await send.send(request(`${server.url}moved`), { timeoutMs: 2000 })).to.include({
      statusCode: 302,
      error: 'http_status',
    });
    expect(await send.send(request(server.url), { timeoutMs: 2000 })).to.include({
      statusCode: 429,
      retryAfter: '30',
      responseBody: 'slow down',
    });
  });

  it('says connection_failed for a status outside HTTP’s', async () => {
    server = await startServer(answering(600));
    expect(await newTransport().send(request(server.url), { timeoutMs: 2000 })).to.include({
      statusCode: null,
      error: 'connection_failed',
    });
  });

  it('closes idle connections on close()', async () => {
    server = await startServer(answering());
    const send = newTransport();
    await send.send(request(server.url), { timeoutMs: 2000 });
    send.close();
    await waitFor('the server to see the connection close', () => server!.closed === 1);
  });

  it('sends one request with sendWebhook and leaves no connection open', async () => {
    server = await startServer(answering(201, 'created'));
    const result = await sendWebhook(request(`http://localhost:${server.port}/`), {
      timeoutMs: 2000,
      targets,
      resolve: toLoopback,
    });
    expect(result).to.include({ statusCode: 201, error: null, responseBody: 'created' });
    await waitFor('the server to see the connection close', () => server!.closed === 1);
  });
});
