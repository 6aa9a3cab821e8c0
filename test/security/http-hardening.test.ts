import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { clientErrorHandler } from '../../src/http/client-error.js';
import { toAppError } from '../../src/http/problem.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import {
  bearer,
  createGroupVia,
  createOrganization,
  testApp,
  testSecrets,
  uniqueName,
  type CapturedLogs,
} from '../support/world.js';

const docsPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');

describe('HTTP hardening', () => {
  let request: ReturnType<typeof testApp>['request'];
  let auth: { Authorization: string };
  let coachId: string;
  let groupId: string;

  before(async () => {
    request = testApp().request;
    const org = await createOrganization();
    coachId = await org.addUser({ role: 'coach' });
    auth = await bearer(coachId);
    groupId = await createGroupVia(request, auth, { name: uniqueName('Hardened'), user_id: coachId });
  });

  describe('401 challenges (RFC 6750)', () => {
    it('answers a request without credentials with the bare Bearer challenge', async () => {
      const response = await request.get('/api/v1/groups');
      expect(response.status).to.equal(401);
      expect(response.headers['www-authenticate']).to.equal('Bearer');
      const basic = await request.get('/api/v1/groups').set('Authorization', 'Basic dXNlcjpwYXNz');
      expect(basic.headers['www-authenticate']).to.equal('Bearer');
    });

    it('adds error="invalid_token" when a token was given and refused', async () => {
      for (const header of ['Bearer not-a-jwt', 'Bearer a.b.c', (await bearer('usr_nobody')).Authorization]) {
        const response = await request.get('/api/v1/groups').set('Authorization', header);
        expect(response.status).to.equal(401);
        expect(response.headers['www-authenticate']).to.equal(
          'Bearer error="invalid_token", error_description="A valid bearer token is required."',
        );
      }
    });
  });

  describe('response headers', () => {
    it('sends nosniff, no-store and a locked-down CSP on API answers, successes and problems alike', async () => {
      for (const response of [
        await request.get('/api/v1/groups').set(auth),
        await request.get(`/api/v1/groups/${groupId}`).set(auth),
        await request.get('/api/v1/groups/grp_missing').set(auth),
        await request.get('/api/v1/groups'),
      ]) {
        expect(response.headers['x-content-type-options']).to.equal('nosniff');
        expect(response.headers['cache-control']).to.equal('no-store');
        expect(response.headers['content-security-policy']).to.equal("default-src 'none';frame-ancestors 'none'");
        expect(response.headers['x-frame-options']).to.equal('DENY');
        expect(response.headers).to.not.have.property('x-powered-by');
      }
    });

    it('keeps the docs page its own content security policy', async () => {
      const response = await request.get('/docs');
      expect(response.headers['content-security-policy']).to.equal(docsPolicy);
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
    });

    it('serves the built docs page under that policy', async () => {
      const docsFile = join(mkdtempSync(join(tmpdir(), 'groups-docs-')), 'index.html');
      writeFileSync(docsFile, '<!doctype html><title>Groups API</title>');
      const { request: docs, logs } = testApp({ docsFile });
      const response = await docs.get('/docs');
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.match(/^text\/html/);
      expect(response.text).to.equal('<!doctype html><title>Groups API</title>');
      expect(response.headers['content-security-policy']).to.equal(docsPolicy);
      expect(logs.lines.filter((line) => (line.level as number) >= 40)).to.deep.equal([]);
    });

    it('answers /docs with a 404 problem when the docs are not built', async () => {
      const { request: docs } = testApp({ docsFile: join(tmpdir(), `no-docs-${Date.now()}`, 'index.html') });
      const response = await docs.get('/docs');
      expect(response.status).to.equal(404);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.headers['content-security-policy']).to.equal(docsPolicy);
      expect(response.body).to.deep.equal({
        type: 'https://api.astral.run/problems/not_found',
        title: 'Not found',
        status: 404,
        detail: 'The API docs are not built; run `npm run docs`.',
        instance: '/docs',
        code: 'not_found',
        request_id: response.headers['x-request-id'],
      });
    });
  });

  describe('bodies', () => {
    it('answers 400, not 415, to a PUT or POST without a body', async () => {
      for (const response of [
        await request.put(`/api/v1/groups/${groupId}`).set(auth),
        await request.post('/api/v1/groups').set(auth),
      ]) {
        expect(response.status, response.text).to.equal(400);
        expect(response.body).to.include({ code: 'validation_error', detail: 'The request needs a JSON body.' });
        expect(response.body.errors).to.deep.equal([{ path: '/body', message: 'is required' }]);
      }
    });

    it('still answers 415 to a body that is not JSON', async () => {
      const response = await request.put(`/api/v1/groups/${groupId}`).set(auth).type('text/plain').send('x');
      expect(response.status).to.equal(415);
      expect(response.body).to.include({ code: 'unsupported_media_type', title: 'Unsupported media type' });
    });

    it('refuses duplicate keys, naming the key, also when one is escaped or nested', async () => {
      const bodies = [
        [`{"name":"A ${coachId}","name":"B","user_id":"${coachId}"}`, '/body/name'],
        [`{"name":"A","\\u006eame":"B","user_id":"${coachId}"}`, '/body/name'],
        [`{"name":"A","user_id":"${coachId}","members":[],"members":["${coachId}"]}`, '/body/members'],
      ];
      for (const [body, path] of bodies) {
        const response = await request.post('/api/v1/groups').set(auth).type('application/json').send(body);
        expect(response.status, response.text).to.equal(400);
        expect(response.body).to.include({ code: 'validation_error', detail: 'The request body has a duplicate key.' });
        expect(response.body.errors).to.deep.equal([{ path, message: 'appears twice in the same object' }]);
      }
      const update = await request
        .put(`/api/v1/groups/${groupId}`)
        .set(auth)
        .type('application/json')
        .send('{"privacy":"private","privacy":"public"}');
      expect(update.status).to.equal(400);
      expect(update.body.errors).to.deep.equal([
        { path: '/body/privacy', message: 'appears twice in the same object' },
      ]);
    });

    it('answers a corrupt gzip or brotli body with a 400 that says so, accepts a valid one, and names an unknown encoding', async () => {
      const encodings = [
        ['gzip', gzipSync],
        ['br', brotliCompressSync],
      ] as const;
      for (const [encoding, compress] of encodings) {
        const corrupt = await request
          .post('/api/v1/groups')
          .set(auth)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .serialize((body: Buffer) => body as never)
          .send(Buffer.from(`this is not ${encoding} at all, really`));
        expect(corrupt.status, encoding).to.equal(400);
        expect(corrupt.body).to.include({
          code: 'validation_error',
          detail: 'The request body could not be decompressed as its Content-Encoding says.',
        });
        expect(corrupt.body.errors).to.deep.equal([{ path: '/body', message: 'is not valid compressed data' }]);

        const valid = await request
          .post('/api/v1/groups')
          .set(auth)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .serialize((body: Buffer) => body as never)
          .send(compress(JSON.stringify({ name: uniqueName(`Compressed ${encoding}`), user_id: coachId })));
        expect(valid.status, valid.text).to.equal(200);
      }

      const unknown = await request
        .post('/api/v1/groups')
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'compress')
        .send('{}');
      expect(unknown.status).to.equal(415);
      expect(unknown.body).to.include({
        code: 'unsupported_media_type',
        title: 'Unsupported media type',
        detail: 'Content-Encoding "compress" is not supported; send the body uncompressed, or as gzip, deflate or br.',
      });

      const long = await request
        .post('/api/v1/groups')
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', `x-${'z'.repeat(100)}`)
        .send('{}');
      expect(long.status).to.equal(415);
      expect(long.body.detail).to.equal(
        `Content-Encoding "x-${'z'.repeat(48)}" is not supported; send the body uncompressed, or as gzip, deflate or br.`,
      );
    });

    it('answers 400 to a body that arrived but could not be read, naming the body', () => {
      const problem = toAppError({ status: 400, type: 'request.aborted', code: 'ECONNABORTED' });
      expect(problem).to.include({
        status: 400,
        code: 'validation_error',
        message: 'The request body could not be read.',
      });
      expect(problem.errors).to.deep.equal([{ path: '/body', message: 'could not be read' }]);
    });

    it('names a field error without a path as the whole request, and one without a message as invalid', () => {
      const problem = toAppError({ status: 400, errors: [{ message: 'must be object' }, { path: '/body/name' }] });
      expect(problem).to.include({
        status: 400,
        code: 'validation_error',
        message: 'The request has 2 invalid fields.',
      });
      expect(problem.errors).to.deep.equal([
        { path: '/', message: 'must be object' },
        { path: '/body/name', message: 'is invalid' },
      ]);
    });

    it('reads a body of any JSON media type as JSON: malformed is 400, well-formed still 415', async () => {
      const type = 'application/merge-patch+json';
      const malformed = await request.post('/api/v1/groups').set(auth).type(type).send('{"name": ');
      expect(malformed.status).to.equal(400);
      expect(malformed.body.detail).to.equal('The request body is not valid JSON.');
      const duplicate = await request.post('/api/v1/groups').set(auth).type(type).send('{"name":"A","name":"B"}');
      expect(duplicate.status).to.equal(400);
      expect(duplicate.body.detail).to.equal('The request body has a duplicate key.');
      const wellFormed = await request
        .post('/api/v1/groups')
        .set(auth)
        .type(type)
        .send(JSON.stringify({ name: uniqueName('Patch'), user_id: coachId }));
      expect(wellFormed.status).to.equal(415);
      expect(wellFormed.body.detail).to.equal('The request body must be application/json.');
    });

    it('refuses a JSON body in any charset but UTF-8 with 415', async () => {
      const body = JSON.stringify({ name: uniqueName('Charset'), user_id: coachId });
      for (const charset of ['iso-8859-1', 'utf-16', 'utf-16le', 'UTF-32']) {
        const response = await request
          .post('/api/v1/groups')
          .set(auth)
          .set('Content-Type', `application/json; charset=${charset}`)
          .send(body);
        expect(response.status, charset).to.equal(415);
        expect(response.body, charset).to.include({
          status: 415,
          code: 'unsupported_media_type',
          title: 'Unsupported media type',
          detail: 'The request body must be UTF-8 encoded JSON.',
        });
      }
      for (const charset of ['utf-8', 'UTF-8']) {
        const response = await request
          .post('/api/v1/groups')
          .set(auth)
          .set('Content-Type', `application/json; charset=${charset}`)
          .send(JSON.stringify({ name: uniqueName(`Charset ${charset}`), user_id: coachId }));
        expect(response.status, `${charset}: ${response.text}`).to.equal(200);
      }
    });
  });

  describe('routing', () => {
    it('answers HEAD on GET operations like GET, without a body', async () => {
      for (const path of ['/api/v1/groups', `/api/v1/groups/${groupId}`, `/api/v1/groups/${groupId}/activities`]) {
        const get = await request.get(path).set(auth);
        const head = await request.head(path).set(auth);
        expect(head.status, path).to.equal(200);
        expect(head.text ?? '').to.equal('');
        expect(head.headers['content-type']).to.equal(get.headers['content-type']);
        expect(head.headers['content-length']).to.equal(get.headers['content-length']);
      }
      expect((await request.head('/api/v1/groups')).status).to.equal(401);
      const { request: logged, logs } = testApp();
      await logged.head('/api/v1/groups').set(auth);
      expect(logs.lines.find((line) => line.msg === 'request completed')).to.include({
        method: 'HEAD',
        path: '/api/v1/groups',
        status: 200,
      });
      expect((await request.head('/api/v1/groups/grp_missing').set(auth)).status).to.equal(404);
    });

    it('matches paths exactly: other letter case and a trailing slash are 404', async () => {
      for (const path of [
        '/api/v1/GROUPS',
        '/API/v1/groups',
        `/api/v1/Groups/${groupId}`,
        '/api/v1/groups/',
        `/api/v1/groups/${groupId}/`,
      ]) {
        const response = await request.get(path).set(auth);
        expect(response.status, path).to.equal(404);
        expect(response.body).to.include({ code: 'not_found' });
      }
    });
  });

  describe('requests the HTTP parser refuses (a real server)', () => {
    let running: RunningServer;

    before(async () => {
      const config = { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0' }), ...testSecrets };
      running = await startServer(config, createDatabase(testDatabase().options), pino({ level: 'silent' }));
    });

    after(() => running.stop());

    /** Sends raw bytes and collects the answer; `halfClose: false` keeps the sending side open. */
    function rawExchange(payload: string, { halfClose = true } = {}): Promise<string> {
      const { port } = new URL(running.url);
      return new Promise((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          halfClose ? socket.end(payload) : socket.write(payload),
        );
        let answer = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    }

    function parse(answer: string) {
      const [head, body] = answer.split('\r\n\r\n');
      return { statusLine: head!.split('\r\n')[0], head: head!, body: JSON.parse(body!) as Record<string, unknown> };
    }

    it('answers headers over 16 kB with a problem+json 431', async () => {
      const answer = parse(
        await rawExchange(`GET /api/v1/groups HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(17 * 1024)}\r\n\r\n`),
      );
      expect(answer.statusLine).to.equal('HTTP/1.1 431 Request Header Fields Too Large');
      expect(answer.head).to.match(/\r\nContent-Type: application\/problem\+json; charset=utf-8\r\n/);
      expect(answer.body).to.include({ status: 431, code: 'request_header_fields_too_large' });
      expect(answer.body.request_id).to.be.a('string');
    });

    it('answers 400, not 415, to a POST with neither Content-Length nor Transfer-Encoding', async () => {
      const answer = parse(
        await rawExchange(
          `POST /api/v1/groups HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.Authorization}\r\nConnection: close\r\n\r\n`,
          { halfClose: false },
        ),
      );
      expect(answer.statusLine).to.equal('HTTP/1.1 400 Bad Request');
      expect(answer.body).to.include({ code: 'validation_error', detail: 'The request needs a JSON body.' });
      expect(answer.body.errors).to.deep.equal([{ path: '/body', message: 'is required' }]);
    });

    it('answers bytes that are not HTTP with a problem+json 400', async () => {
      const answer = parse(await rawExchange('HELLO THERE\r\n\r\n'));
      expect(answer.statusLine).to.equal('HTTP/1.1 400 Bad Request');
      expect(answer.body).to.include({
        status: 400,
        code: 'bad_request',
        detail: 'The request is not valid HTTP/1.1.',
      });
    });
  });

  describe('the parser refusal handler on a socket', () => {
    function handled(error: Partial<NodeJS.ErrnoException>, socket: PassThrough) {
      const logs: CapturedLogs = { lines: [] };
      const logger = pino({ level: 'info' }, { write: (line: string) => void logs.lines.push(JSON.parse(line)) });
      clientErrorHandler(logger)(Object.assign(new Error('parse error'), error), socket);
      const destroyed = socket.destroyed;
      let written = '';
      socket.on('data', (chunk: Buffer) => (written += chunk.toString()));
      return { logs, destroyed, written: () => written };
    }

    it('closes a reset connection without writing to it', async () => {
      const socket = new PassThrough();
      const { logs, written } = handled({ code: 'ECONNRESET' }, socket);
      expect(socket.destroyed).to.equal(true);
      await new Promise(setImmediate);
      expect(written()).to.equal('');
      expect(logs.lines).to.deep.equal([]);
    });

    it('closes a connection that can no longer be written to', async () => {
      const socket = new PassThrough();
      socket.end();
      const { logs } = handled({ code: 'HPE_INVALID_METHOD' }, socket);
      expect(socket.destroyed).to.equal(true);
      expect(logs.lines).to.deep.equal([]);
    });

    it('closes a connection whose answer is already under way instead of writing a second one', async () => {
      const socket = Object.assign(new PassThrough(), { _httpMessage: { headersSent: true } });
      const { logs, written } = handled({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }, socket);
      expect(socket.destroyed).to.equal(true);
      await new Promise(setImmediate);
      expect(written()).to.equal('');
      expect(logs.lines).to.deep.equal([]);
    });

    it('answers an error without a code as a malformed request', async () => {
      const socket = Object.assign(new PassThrough(), { _httpMessage: { headersSent: false } });
      const { logs, destroyed, written } = handled({}, socket);
      expect(destroyed).to.equal(false);
      await new Promise(setImmediate);
      const [head, body] = written().split('\r\n\r\n');
      expect(head!.split('\r\n')[0]).to.equal('HTTP/1.1 400 Bad Request');
      expect(JSON.parse(body!)).to.include({
        status: 400,
        code: 'bad_request',
        detail: 'The request is not valid HTTP/1.1.',
      });
      expect(logs.lines).to.have.length(1);
      expect(logs.lines[0]).to.include({ msg: 'request refused by the HTTP parser', status: 400, code: 'bad_request' });
    });
  });
});
