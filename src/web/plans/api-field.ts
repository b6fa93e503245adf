import { isApiError } from '../core/api.ts';

/**
 * The form path of the field an API error names: the server writes "levels/0/contactId" or "steps.0.title",
 * Mantine forms use "levels.0.contactId". null when the error names no field.
 */
export function apiErrorPath(error: unknown): string | null {
  if (!isApiError(error) || !error.field) return null;
  return error.field.replace(/^\//, '').replace(/\//g, '.');
}
