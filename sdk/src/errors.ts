import type { components } from './generated/openapi.js';
import { retryableStatuses } from './retry.js';

export type Problem = components['schemas']['Problem'];
export type ProblemFieldError = components['schemas']['ProblemFieldError'];
/** Every error code this version of the API documents. */
export type ProblemCode = components['schemas']['ProblemCode'];
/**
 * The code of an error answer: one of the API's codes, or `http_<status>` when the answer was
 * not a problem (a proxy's 502, say). A newer API may add codes; treat an unknown one by status.
 */
export type GroupsApiErrorCode = ProblemCode | `http_${number}`;

/** The API answered with an error status; the fields come from its problem+json body. */
export class GroupsApiError extends Error {
  readonly status: number;
  /** Stable, machine-readable: `validation_error`, `forbidden`, `group_not_found`, `group_name_taken`, … */
  readonly code: GroupsApiErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemFieldError[];
  readonly requestId: string | undefined;
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>, requestId: string | undefined) {
    super(
      `${status} ${problem.code ?? 'error'}: ${problem.detail ?? problem.title ?? 'the Groups API answered with an error'}`,
    );
    this.name = 'GroupsApiError';
    this.status = status;
    this.code = problem.code ?? `http_${status}`;
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.errors = problem.errors ?? [];
    this.requestId = problem.request_id ?? requestId;
    this.problem = problem;
  }

  /**
   * Whether the same call may succeed later (429, 502, 503, 504, or a create whose
   * Idempotency-Key is still in use); the SDK has already retried idempotent calls.
   */
  get isRetryable(): boolean {
    return retryableStatuses.has(this.status) || this.code === 'idempotency_key_in_use';
  }
}

/** No answer arrived: the connection failed or was cut, after any retries. */
export class GroupsNetworkError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'GroupsNetworkError';
  }
}
