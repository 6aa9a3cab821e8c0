// Gives every request an id (the caller's X-Request-Id when it is sane, else a new UUID),
// a logger that prints it on every line, and one access-log line when the response ends,
// naming the operation of openapi.yaml it addressed. With tracing on (src/observability/),
// also its span: it continues the caller's `traceparent`, is named by the operationId, holds
// the request's SQL spans, and its ids are on every log line of the request.
import { randomUUID } from 'node:crypto';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { OperationMatcher } from '../spec.js';

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,100}$/;

export interface CompletedRequest {
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export function requestContext(
  logger: Logger,
  matchOperation: OperationMatcher,
  onCompleted?: (request: CompletedRequest) => void,
  tracer?: Tracer,
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    // Read now: HEAD is routed as GET further on (head-as-get.ts).
    const method = req.method;
    const path = () => req.originalUrl.split('?')[0]!;
    const parent = tracer ? propagation.extract(ROOT_CONTEXT, req.headers) : undefined;
    const span = tracer?.startSpan(method, { kind: SpanKind.SERVER }, parent);
    if (span) {
      const { traceId, spanId } = span.spanContext();
      req.log = logger.child({ request_id: req.id, trace_id: traceId, span_id: spanId });
      res.once('close', () =>
        endRequestSpan(span, method, path(), matchOperation(method, path())?.operationId, res.statusCode),
      );
    } else {
      req.log = logger.child({ request_id: req.id });
    }
    res.on('finish', () => {
      const completed: CompletedRequest = {
        operationId: matchOperation(method, path())?.operationId,
        method,
        path: path(),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      req.log.info(
        {
          operation_id: completed.operationId,
          method: completed.method,
          path: completed.path,
          status: completed.status,
          duration_ms: completed.durationMs,
        },
        'request completed',
      );
      onCompleted?.(completed);
    });
    if (span) context.with(trace.setSpan(parent!, span), next);
    else next();
  };
}

/** Names the span by the operation it turned out to address (known only after routing) and ends it. */
function endRequestSpan(span: Span, method: string, path: string, operationId: string | undefined, status: number) {
  // Unknown paths are not span names: each would be a name of its own in the tracing backend.
  span.updateName(operationId ?? (status === 404 ? `${method} (no route)` : `${method} ${path}`));
  span.setAttributes({
    'http.request.method': method,
    'url.path': path,
    'http.response.status_code': status,
    ...(operationId ? { 'groups_api.operation_id': operationId } : {}),
  });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
