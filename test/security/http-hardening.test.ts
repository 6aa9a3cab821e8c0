import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/data/database.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { testDatabase } from '../support/hooks.js';
import { bearer, createGroupVia, createOrganization, testApp, testSecrets, uniqueName } from '../support/world.js';

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
      if (response.status === 200) expect(response.headers['content-security-policy']).to.include("script-src 'self'");
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
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

    it('answers a corrupt gzip body with a 400 that says so, and accepts a valid one', async () => {
      const corrupt = await request
        .post('/api/v1/groups')
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((body: Buffer) => body as never)
        .send(Buffer.from('this is not gzip'));
      expect(corrupt.status).to.equal(400);
      expect(corrupt.body).to.include({
        code: 'validation_error',
        detail: 'The request body could not be decompressed as its Content-Encoding says.',
      });
      expect(corrupt.body.errors).to.deep.equal([{ path: '/body', message: 'is not valid compressed data' }]);

      const valid = await request
        .post('/api/v1/groups')
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((body: Buffer) => body as never)
        .send(gzipSync(JSON.stringify({ name: uniqueName('Gzipped'), user_id: coachId })));
      expect(valid.status, valid.text).to.equal(200);

      const unknown = await request
        .post('/api/v1/groups')
        .set(auth)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'compress')
        .send('{}');
      expect(unknown.status).to.equal(415);
      expect(unknown.body.detail).to.equal(
        'Content-Encoding "compress" is not supported; send the body uncompressed, or as gzip, deflate or br.',
      );
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

    function rawExchange(payload: string): Promise<string> {
      const { port } = new URL(running.url);
      return new Promise((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(payload));
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
});
