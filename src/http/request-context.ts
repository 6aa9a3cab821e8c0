// Gives every request an id (the caller's X-Request-Id when it is sane, else a new UUID),
// a logger that prints it on every line, and one access-log line when the response ends,
// naming the operation of openapi.yaml it addressed.
import { randomUUID } from 'node:crypto';
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
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ request_id: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    // Read now: HEAD is routed as GET further on (head-as-get.ts).
    const method = req.method;
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0]!;
      const completed: CompletedRequest = {
        operationId: matchOperation(method, path),
        method,
        path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      req.log.info(
        {
          operation_id: completed.operationId,
          method: completed.method,
          path,
          status: completed.status,
          duration_ms: completed.durationMs,
        },
        'request completed',
      );
      onCompleted?.(completed);
    });
    next();
  };
}
