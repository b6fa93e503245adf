import type { ErrorCode } from '../../shared/api-types.ts';

/** The body of the API's refusal (docs/api.md), as tests read it. */
export interface ErrorAnswer {
  error: { code: ErrorCode; message: string; field?: string };
}
