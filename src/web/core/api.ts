import type { ErrorCode } from '../../shared/api-types.ts';

/** Fetch wrapper for the Muster API: same-origin cookie auth, CSRF header, typed errors. */

export type ApiErrorCode = ErrorCode | 'internal' | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Pages that handle "not signed in" themselves instead of being sent to /login. */
const AUTH_PAGES = ['/login', '/setup', '/invitations/'];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | readonly string[] | null | undefined>;
  signal?: AbortSignal;
  /** When false, a 401 is returned to the caller as an ApiError instead of redirecting to /login. */
  redirectOnUnauthenticated?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.set(name, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function redirectToLogin(): void {
  const { pathname, search } = window.location;
  if (AUTH_PAGES.some((p) => pathname.startsWith(p))) return;
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/login?next=${next}`);
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, for instance): fall back to the status line below.
  }
  const error = (payload as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  if (error?.message) {
    return new ApiError(response.status, (error.code ?? 'internal') as ApiErrorCode, error.message, error.field);
  }
  const fallback =
    response.status >= 500
      ? 'The server could not handle the request. Try again in a moment.'
      : `The request failed (${response.status} ${response.statusText})`;
  return new ApiError(response.status, response.status >= 500 ? 'unavailable' : 'invalid', fallback);
}

/** Sends one request to /api/v1 and returns the parsed JSON body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (STATE_CHANGING.has(method)) headers['X-Muster-Csrf'] = '1';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Cannot reach the Muster server. Check your connection and try again.');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && options.redirectOnUnauthenticated !== false) redirectToLogin();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
