// The one error path: whatever went wrong becomes an AppError, rendered once as RFC 9457
// problem+json. Internal errors are logged with their cause; the caller sees only a code,
// a safe message and the request id.
import type { ErrorRequestHandler, Request, Response } from 'express';
import {
  AppError,
  internalError,
  routeNotFound,
  serviceUnavailable,
  unauthorized,
  validationError,
  type FieldError,
} from '../errors.js';
import { isDatabaseUnavailable } from '../data/errors.js';
import type { components } from '../generated/openapi.js';

type Problem = components['schemas']['Problem'];

interface StatusError {
  status?: number;
  statusCode?: number;
  type?: string;
  errors?: { path?: string; message?: string }[];
  headers?: Record<string, string>;
}

const statusTitles: Record<number, [code: string, title: string, detail: string]> = {
  405: ['method_not_allowed', 'Method not allowed', 'This resource does not support that method.'],
  406: ['not_acceptable', 'Not acceptable', 'This resource answers application/json only.'],
  413: ['payload_too_large', 'Payload too large', 'The request body is larger than the service accepts.'],
  415: ['unsupported_media_type', 'Unsupported media type', 'The request body must be application/json.'],
};

// The validator names fields as `/body/members/2`, or `.body.members[2]` in older messages.
function jsonPointer(path = ''): string {
  return path.startsWith('/')
    ? path
    : `/${path
        .replace(/^\./, '')
        .replace(/\[(\d+)\]/g, '.$1')
        .replace(/\./g, '/')}`;
}

function fieldErrors(errors: StatusError['errors']): FieldError[] {
  return (errors ?? []).slice(0, 100).map((error) => ({
    path: jsonPointer(error.path).slice(0, 500),
    message: (error.message ?? 'is invalid').slice(0, 1000),
  }));
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable(error);
  const statusError = (typeof error === 'object' && error !== null ? error : {}) as StatusError;
  const status = statusError.status ?? statusError.statusCode;
  if (statusError.type === 'entity.parse.failed') {
    return validationError('The request body is not valid JSON.', [{ path: '/body', message: 'is not valid JSON' }]);
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

export const renderErrors: ErrorRequestHandler = (error, req, res, next) => {
  const appError = toAppError(error);
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
