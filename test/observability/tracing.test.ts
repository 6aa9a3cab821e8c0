// Traces as an operator's collector receives them: a real OTLP/HTTP receiver in this process,
// the tracer provider of src/observability/tracing.ts exporting to it, one request that
// carries a caller's `traceparent`. The tree must be: the caller's span → the operation's span
// (named by its operationId) → one span per SQL statement, without bound values; and the
// request's log lines carry the operation span's ids.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createDatabase, type Database } from '../../src/data/database.js';
import { startTracing, tracingConfigured, type Tracing } from '../../src/observability/tracing.js';
import { traceSqlStatements } from '../../src/observability/sql-spans.js';
import { testDatabase } from '../support/hooks.js';
import { coachGroupWithAthlete, testApp } from '../support/world.js';
import { pino } from 'pino';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value && (value.stringValue ?? value.intValue ?? value.boolValue);
};

describe('tracing over OTLP/HTTP', function () {
  this.timeout(30_000);
  const received: { spans: OtlpSpan[]; resources: unknown[]; contentTypes: string[] } = {
    spans: [],
    resources: [],
    contentTypes: [],
  };
  let receiver: Server;
  let tracing: Tracing;
  let tracedDb: Database;

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          received.contentTypes.push(String(req.headers['content-type']));
          const payload = JSON.parse(body) as {
            resourceSpans: { resource: unknown; scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const resourceSpans of payload.resourceSpans) {
            received.resources.push(resourceSpans.resource);
            for (const scope of resourceSpans.scopeSpans) received.spans.push(...scope.spans);
          }
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    tracing = (await startTracing(
      { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'groups-api-under-test' },
      pino({ level: 'silent' }),
    ))!;
    tracedDb = createDatabase(testDatabase().options);
    traceSqlStatements(tracedDb, tracing.tracer);
  });

  after(async () => {
    await tracing?.shutdown();
    await tracedDb?.destroy();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('is on only with an OTLP endpoint, and not when the SDK is disabled', () => {
    expect(tracingConfigured({})).to.equal(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).to.equal(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).to.equal(true);
    expect(
      tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).to.equal(false);
  });

  it("continues the caller's trace: operation span named by operationId, SQL spans under it, ids on every log line", async () => {
    const { request: plain } = testApp();
    const { coach, groupId } = await coachGroupWithAthlete(plain, 'Traced');
    const { request, logs } = testApp({ db: tracedDb, tracer: tracing.tracer });
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const answer = await request
      .get(`/api/v1/groups/${groupId}`)
      .set(coach)
      .set('traceparent', `00-${callerTrace}-${callerSpan}-01`);
    expect(answer.status).to.equal(200);
    await tracing.flush();

    expect(received.contentTypes[0]).to.match(/^application\/json/);
    const inTrace = received.spans.filter((span) => span.traceId === callerTrace);
    const operation = inTrace.find((span) => span.parentSpanId === callerSpan)!;
    expect(operation, 'a span whose parent is the caller’s').to.not.equal(undefined);
    expect(operation.name).to.equal('getGroup');
    expect(operation.kind).to.equal(2); // SERVER
    expect(attribute(operation, 'http.request.method')).to.equal('GET');
    expect(attribute(operation, 'url.path')).to.equal(`/api/v1/groups/${groupId}`);
    expect(Number(attribute(operation, 'http.response.status_code'))).to.equal(200);
    expect(attribute(operation, 'groups_api.operation_id')).to.equal('getGroup');

    const statements = inTrace.filter((span) => span.parentSpanId === operation.spanId);
    expect(statements.length).to.be.at.least(2); // the caller's user row, the group and its members
    for (const statement of statements) {
      expect(statement.kind).to.equal(3); // CLIENT
      expect(attribute(statement, 'db.system.name')).to.equal(
        tracedDb.client.config.client === 'mysql2' ? 'mysql' : 'sqlite',
      );
      const text = String(attribute(statement, 'db.query.text'));
      expect(text).to.match(/^select /i);
      expect(text, 'no bound value in the statement').to.not.include(groupId);
    }
    expect(JSON.stringify(statements)).to.not.include(groupId);
    expect(inTrace.filter((span) => span !== operation && !statements.includes(span))).to.deep.equal([]);

    const requestLines = logs.lines.filter((line) => line.request_id === answer.headers['x-request-id']);
    expect(requestLines.length).to.be.at.least(1);
    for (const line of requestLines) expect(line).to.include({ trace_id: callerTrace, span_id: operation.spanId });
    expect(JSON.stringify(received.resources)).to.include('groups-api-under-test');
  });

  it('starts a new trace for a request without traceparent, names unknown paths by no route, and marks 5xx as errors', async () => {
    const { request } = testApp({ db: tracedDb, tracer: tracing.tracer });
    received.spans.length = 0;
    await request.get('/readyz');
    await request.get('/no/such/path/12345');
    const downDb = createDatabase(testDatabase().options);
    await downDb.destroy();
    expect((await testApp({ db: downDb, tracer: tracing.tracer }).request.get('/readyz')).status).to.equal(503);
    await tracing.flush();
    const servers = received.spans.filter((span) => span.kind === 2);
    const outcome = (span: OtlpSpan & { status?: { code?: number } }) => [
      span.name,
      Number(attribute(span, 'http.response.status_code')),
      span.status?.code ?? 0,
    ];
    expect(servers.map(outcome)).to.have.deep.members([
      ['GET /readyz', 200, 0],
      ['GET (no route)', 404, 0],
      ['GET /readyz', 503, 2], // ERROR
    ]);
    for (const span of servers) expect(span.parentSpanId ?? '').to.equal('');
    expect(new Set(servers.map((span) => span.traceId)).size).to.equal(3);
  });

  it('makes no span and puts no trace ids in the logs when the app has no tracer', async () => {
    const before = received.spans.length;
    const { request, logs } = testApp({ db: tracedDb });
    await request.get('/readyz');
    await tracing.flush();
    expect(received.spans.length).to.equal(before);
    expect(logs.lines.some((line) => 'trace_id' in line || 'span_id' in line)).to.equal(false);
  });
});
