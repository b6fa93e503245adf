import { isApiError } from './api.ts';

/** A sentence a user can act on, for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'forbidden':
        return error.message || 'Your role does not allow this. Ask an administrator for access.';
      case 'rate_limited':
        return error.message || 'Too many attempts. Wait a minute and try again.';
      case 'internal':
        return 'Something went wrong on the server; it has been logged. Try again, and tell your administrator if it keeps happening.';
      default:
        return error.message;
    }
  }
  if (error instanceof Error) return error.message;
  return 'Something unexpected happened. Try again.';
}
