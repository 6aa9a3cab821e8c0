// The application's one error type. Services throw it; the HTTP layer renders it once as
// problem+json (src/http/problem.ts). Anything else that reaches the renderer is an
// internal error and is never shown to the caller. Its code is one of openapi.yaml's
// ProblemCode enum, so a code the spec does not list does not compile.
import type { components } from './generated/openapi.js';

export type ProblemCode = components['schemas']['ProblemCode'];

/** A refused part of the request by its place in it (`/query/from_ts`, `/body/members`): HTTP's view. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A refused input by its name (`from_ts`, `members`): the domain's view. The HTTP layer says
 * where the request carried it (src/http/field-pointers.ts).
 */
export interface InvalidField {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  /** Response headers that belong to this answer (`Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** Inputs the domain refused, by name; rendered as `errors` once the HTTP layer placed them. */
  invalidFields?: InvalidField[];
}

export class AppError extends Error {
  readonly headers: Record<string, string>;
  readonly invalidFields?: InvalidField[];

  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    options?: AppErrorOptions,
  ) {
    super(detail, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.headers = options?.headers ?? {};
    if (options?.invalidFields) this.invalidFields = options.invalidFields;
  }
}

export const validationError = (detail: string, errors?: FieldError[]) =>
  new AppError(400, 'validation_error', 'Validation error', detail, errors);

/** The domain's 400: inputs refused by name, placed in the request by the HTTP layer. */
export const invalidInput = (detail: string, fields: InvalidField[]) =>
  new AppError(400, 'validation_error', 'Validation error', detail, undefined, { invalidFields: fields });

/**
 * RFC 6750 §3: a request without credentials gets the bare `Bearer` challenge; one whose
 * token was refused also `error="invalid_token"`.
 */
export const unauthorized = (detail = 'A valid bearer token is required.', tokenGiven = true) =>
  new AppError(401, 'unauthorized', 'Unauthorized', detail, undefined, {
    headers: {
      'WWW-Authenticate': tokenGiven
        ? `Bearer error="invalid_token", error_description="${detail.replace(/["\\]/g, '')}"`
        : 'Bearer',
    },
  });

export const forbidden = (detail: string) => new AppError(403, 'forbidden', 'Forbidden', detail);

export const routeNotFound = () => new AppError(404, 'not_found', 'Not found', 'No such resource.');

export const groupNotFound = (groupId: string) =>
  new AppError(404, 'group_not_found', 'Group not found', `No group ${groupId} exists.`);

export const groupNameTaken = (name: string) =>
  new AppError(
    409,
    'group_name_taken',
    'Group name taken',
    `A group named "${name}" already exists in this organization.`,
  );

/** A transient failure: the caller may retry after `retryAfterSeconds` (the SDK honours it). */
export const serviceUnavailable = (
  cause?: unknown,
  detail = 'The service cannot reach its database. Retry later.',
  retryAfterSeconds = 1,
) =>
  new AppError(503, 'service_unavailable', 'Service unavailable', detail, undefined, {
    cause,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** The identity provider's keys cannot be fetched: the caller's token may be fine. */
export const identityProviderUnavailable = (cause: unknown, retryAfterSeconds: number) =>
  new AppError(
    503,
    'service_unavailable',
    'Service unavailable',
    "The service cannot reach its identity provider's signing keys. Retry later.",
    undefined,
    { cause, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

export const internalError = (cause?: unknown) =>
  new AppError(500, 'internal_error', 'Internal server error', 'Something went wrong on our side.', undefined, {
    cause,
  });

export const webhookEndpointNotFound = (endpointId: string) =>
  new AppError(
    404,
    'webhook_endpoint_not_found',
    'Webhook endpoint not found',
    `No webhook endpoint ${endpointId} exists.`,
  );

export const eventNotFound = (eventId: string) =>
  new AppError(
    404,
    'event_not_found',
    'Event not found',
    `No event ${eventId} exists in the change feed (events are kept for 30 days).`,
  );

export const webhookEndpointLimitReached = (limit: number) =>
  new AppError(
    409,
    'webhook_endpoint_limit_reached',
    'Webhook endpoint limit reached',
    `The organization has ${limit} webhook endpoints, the most it may have. Delete one first.`,
  );

export const webhookEndpointDisabled = (endpointId: string) =>
  new AppError(
    409,
    'webhook_endpoint_disabled',
    'Webhook endpoint disabled',
    `Webhook endpoint ${endpointId} is disabled; enable it (status: enabled) before redelivering to it.`,
  );

export const eventTypeNotSubscribed = (endpointId: string, type: string) =>
  new AppError(
    409,
    'event_type_not_subscribed',
    'Event type not subscribed',
    `Webhook endpoint ${endpointId} does not subscribe to ${type}; add it to the endpoint's event_types first.`,
  );

export const redeliveryLimitReached = (limit: number) =>
  new AppError(
    409,
    'redelivery_limit_reached',
    'Redelivery limit reached',
    `This event was redelivered to this endpoint ${limit} times, the most it may be.`,
  );

/** An endpoint's hourly budget of redeliveries and test events is used up. */
export const webhookRequestsExhausted = (limit: number, retryAfterSeconds: number) =>
  new AppError(
    429,
    'too_many_requests',
    'Too many requests',
    `This endpoint had ${limit} redeliveries and test events in the last hour, the most it may have. Retry later.`,
    undefined,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );

export const cursorExpired = () =>
  new AppError(
    410,
    'cursor_expired',
    'Cursor expired',
    'The cursor points further back than the change feed keeps events (30 days). Read the feed again without `after` and reconcile by reading the groups.',
  );

export const preconditionFailed = (groupId: string) =>
  new AppError(
    412,
    'precondition_failed',
    'Precondition failed',
    `Group ${groupId} changed since you read it: If-Match does not match its current ETag. Read it again and retry.`,
  );

export const idempotencyKeyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'Idempotency key reused',
    'This Idempotency-Key was used for a create with another body. Use a new key for a new create.',
  );

/** The first request with this key is still running; its answer is worth waiting for. */
export const idempotencyKeyInUse = (retryAfterSeconds = 1) =>
  new AppError(
    409,
    'idempotency_key_in_use',
    'Idempotency key in use',
    'A request with this Idempotency-Key is still being processed. Retry after a second.',
    undefined,
    { headers: { 'Retry-After': String(retryAfterSeconds) } },
  );
