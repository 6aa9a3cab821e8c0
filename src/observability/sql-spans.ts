// One span per SQL statement, a child of the request's span: Knex announces each statement
// ('query', with a uid) and its end ('query-response' or 'query-error'). Attributes follow the
// OpenTelemetry database conventions; the text is Knex's SQL with its `?` placeholders, and the
// bound values are never recorded (they carry athletes' data and tokens' subjects).
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { Knex } from 'knex';
import type { Database } from '../data/database.js';

interface QueryEvent {
  __knexQueryUid: string;
  sql: string;
}

export function traceSqlStatements(db: Database, tracer: Tracer): void {
  const system = (db.client as Knex.Client).config.client === 'mysql2' ? 'mysql' : 'sqlite';
  const open = new Map<string, Span>();
  const end = (query: QueryEvent, error?: Error) => {
    const span = open.get(query.__knexQueryUid);
    if (!span) return;
    open.delete(query.__knexQueryUid);
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? error.name });
    span.end();
  };
  db.on('query', (query: QueryEvent) => {
    // Statements outside a traced request (start-up, the pool's own) get no span; nor do a
    // transaction's BEGIN, COMMIT and ROLLBACK, which Knex announces without a uid and whose
    // end it never reports.
    if (!query.__knexQueryUid || !trace.getSpan(context.active())) return;
    // The SQL keyword, as the conventions name it (Knex's method would say `first` or `del`).
    const operation = (query.sql.trimStart().split(/\s/, 1)[0] ?? '').toUpperCase();
    open.set(
      query.__knexQueryUid,
      tracer.startSpan(`${operation} ${system}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': system, 'db.query.text': query.sql, 'db.operation.name': operation },
      }),
    );
  });
  db.on('query-response', (_response: unknown, query: QueryEvent) => end(query));
  db.on('query-error', (error: Error, query: QueryEvent) => end(query, error));
}
