import type { ErrorCode } from '../../shared/api-types.ts';

/** The closed set of failures domain code may report; the HTTP error handler maps each to a status. */
export type { ErrorCode };

export const STATUS_OF: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }

  /** The HTTP status, for handlers that know Fastify's errors but not this class (the public form's pages). */
  get statusCode(): number {
    return STATUS_OF[this.code];
  }
}

/**
 * A refusal for a while: too many tries (429) or too much load (503). The handler adds Retry-After, so that
 * clients and people know when to try again.
 */
export class RetryLaterError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, code: 'rate_limited' | 'unavailable' = 'rate_limited') {
    super(code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
