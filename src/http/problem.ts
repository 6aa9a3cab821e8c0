// The one error path: whatever went wrong becomes an AppError, rendered once as RFC 9457
// problem+json. Internal errors are logged with their cause; the caller sees only a code,
// a safe message and the request id.
import type { ErrorRequestHandler, Request, Response } from 'express';
import {
  AppError,
  internalError,
  routeNotFound,
  unauthorized,
  validationError,
  type FieldError,
  type ProblemCode,
} from '../errors.js';
import { databaseProblem } from '../data/errors.js';
import type { components } from '../generated/openapi.js';
import type { FieldPointers } from './field-pointers.js';
import { explainUnencodedPlus } from './unencoded-plus.js';

type Problem = components['schemas']['Problem'];

interface StatusError {
  status?: number;
  statusCode?: number;
  /** body-parser's kind of failure (`entity.parse.failed`, `encoding.unsupported`, …). */
  type?: string;
  /** zlib's code when a compressed body does not decompress (`Z_DATA_ERROR`, `ERR__ERROR_FORMAT_PADDING_1`, …). */
  code?: string;
  encoding?: string;
  charset?: string;
  errors?: { path?: string; message?: string }[];
  headers?: Record<string, string>;
}

const statusTitles: Record<number, [code: ProblemCode, title: string, detail: string]> = {
  405: ['method_not_allowed', 'Method not allowed', 'This resource does not support that method.'],
  406: ['not_acceptable', 'Not acceptable', 'This resource answers application/json only.'],
  413: ['payload_too_large', 'Payload too large', 'The request body is larger than the service accepts.'],
  415: ['unsupported_media_type', 'Unsupported media type', 'The request body must be application/json.'],
};

function fieldErrors(errors: StatusError['errors']): FieldError[] {
  return (errors ?? []).slice(0, 100).map((error) => ({
    // express-openapi-validator 5 names fields as JSON pointers (`/body/members/2`).
    path: (error.path || '/').slice(0, 500),
    message: (error.message ?? 'is invalid').slice(0, 1000),
  }));
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fromDatabase = databaseProblem(error);
  if (fromDatabase) return fromDatabase;
  const statusError = (typeof error === 'object' && error !== null ? error : {}) as StatusError;
  const status = statusError.status ?? statusError.statusCode;
  if (statusError.type === 'entity.parse.failed') {
    return validationError('The request body is not valid JSON.', [{ path: '/body', message: 'is not valid JSON' }]);
  }
  if (statusError.type === 'encoding.unsupported') {
    return new AppError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      `Content-Encoding "${String(statusError.encoding).slice(0, 50)}" is not supported; send the body uncompressed, or as gzip, deflate or br.`,
      undefined,
      { cause: error },
    );
  }
  if (statusError.type === 'charset.unsupported') {
    return new AppError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'The request body must be UTF-8 encoded JSON.',
      undefined,
      { cause: error },
    );
  }
  // zlib's codes start `Z_`; Node names brotli's decoder errors `ERR__ERROR_FORMAT_…` and the like.
  if (status === 400 && (statusError.code?.startsWith('Z_') || statusError.code?.startsWith('ERR__ERROR_'))) {
    return validationError('The request body could not be decompressed as its Content-Encoding says.', [
      { path: '/body', message: 'is not valid compressed data' },
    ]);
  }
  if (status === 400 && !statusError.errors?.length) {
    return validationError('The request body could not be read.', [{ path: '/body', message: 'could not be read' }]);
  }
  if (status === 400) {
    const errors = fieldErrors(statusError.errors);
    const detail = `The request has ${errors.length} invalid ${errors.length === 1 ? 'field' : 'fields'}.`;
    return validationError(detail, errors);
  }
  if (status === 401) return unauthorized();
  if (status === 404) return routeNotFound();
  const known = status === undefined ? undefined : statusTitles[status];
  if (known && status !== undefined) return new AppError(status, ...known, undefined, { cause: error });
  return internalError(error);
}

export function problemBody(error: AppError, req: Request): Problem {
  const body: Problem = {
    type: `https://api.astral.run/problems/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance: req.originalUrl.split('?')[0]!.slice(0, 2000),
    code: error.code,
    request_id: req.id,
  };
  if (error.errors && error.errors.length > 0) body.errors = error.errors;
  return body;
}

export function sendProblem(req: Request, res: Response, error: AppError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type('application/problem+json').json(problemBody(error, req));
}

// The validator answers 415 to a request without Content-Type; when there is no body at all,
// the problem is the missing body (docs/decisions.md: an empty body is a 400).
function hasNoBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') === undefined && (length === undefined || Number(length) === 0);
}

const bodyRequired = () =>
  validationError('The request needs a JSON body.', [{ path: '/body', message: 'is required' }]);

/** The one error renderer; `placeFields` turns the domain's refused inputs into pointers. */
export const renderErrors =
  (placeFields: FieldPointers): ErrorRequestHandler =>
  (error, req, res, next) => {
    const placed = placeFields(req.method, req.originalUrl.split('?')[0]!, toAppError(error));
    const converted = explainUnencodedPlus(placed, req.query);
    const appError = converted.status === 415 && hasNoBody(req) ? bodyRequired() : converted;
    if (appError.status >= 500) {
      req.log.error({ err: appError.cause ?? appError, code: appError.code }, 'request failed');
    } else {
      req.log.info({ code: appError.code, status: appError.status, detail: appError.message }, 'request refused');
    }
    if (res.headersSent) {
      next(error);
      return;
    }
    const allow = (error as StatusError).headers?.Allow ?? (error as StatusError).headers?.allow;
    if (appError.status === 405 && allow) res.setHeader('Allow', allow);
    sendProblem(req, res, appError);
  };

/**
 * Behind renderErrors: when even the problem response fails (response validation refuses it,
 * say), answer a bare 500 problem written directly, never Express's HTML error page.
 */
export const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
  req.log.error({ err: error }, 'error response failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.end(JSON.stringify(problemBody(internalError(error), req)));
};
