// Every API request answers within REQUEST_DEADLINE_MS, whatever it waits for. When the
// deadline passes first: 408 if the caller has not finished sending its body (the slow party
// is the caller, and the connection closes), else 503 with Retry-After. Whatever the request
// was doing finishes unseen; its own statements are bounded by the database timeouts.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { AppError, serviceUnavailable } from '../errors.js';
import { sendProblem } from './problem.js';

const answeredEarly = Symbol('answered by the request deadline');

const requestTimeout = () =>
  new AppError(408, 'request_timeout', 'Request timeout', 'The request body did not arrive in time.');

export function requestDeadline(deadlineMs: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      (res.locals as Record<symbol, boolean>)[answeredEarly] = true;
      const bodyArriving = !req.complete;
      req.log.warn({ deadline_ms: deadlineMs, body_arriving: bodyArriving }, 'request deadline reached');
      if (bodyArriving) {
        res.setHeader('Connection', 'close');
        sendProblem(req, res, requestTimeout());
      } else {
        sendProblem(req, res, serviceUnavailable(undefined, 'The service did not answer in time. Retry later.'));
      }
    }, deadlineMs);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}

/** Whether the deadline already answered this request (its late outcome is then dropped). */
export function answeredByDeadline(res: Response): boolean {
  return (res.locals as Record<symbol, boolean>)[answeredEarly] === true;
}

/** Stops a request the deadline answered from going further down the chain. */
export const stopWhenAnswered: RequestHandler = (_req, res, next) => {
  if (!answeredByDeadline(res)) next();
};

/** First in the error chain: the late failure of a request the deadline answered is only logged. */
export const dropLateErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (!answeredByDeadline(res)) {
    next(error);
    return;
  }
  req.log.info({ err: error }, 'request failed after its deadline answered');
};
