import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from './api.ts';
import { errorMessage } from './error-message.ts';

/**
 * The form path of the field an API error names: the server writes "connections.2.target" (schema checks) or
 * "entries/0/people" (domain checks); Mantine forms use "entries.0.people". null when the error names no field.
 */
export function apiErrorPath(error: unknown): string | null {
  if (!isApiError(error) || !error.field) return null;
  return error.field.replaceAll('/', '.').replace(/^\./, '');
}

/** A schema message ("connections.0.target must NOT have fewer than 1 characters") as words for the field. */
export function fieldMessage(error: unknown): string {
  const message = errorMessage(error);
  const path = apiErrorPath(error);
  if (!path) return message;
  const rest = message.startsWith(`${path} `) ? message.slice(path.length + 1) : message;
  const tooShort = /^must not have fewer than 1 characters?$/i.exec(rest);
  if (tooShort) return 'Fill this in';
  const tooLong = /^must not have more than (\d+) characters?$/i.exec(rest);
  if (tooLong) return `Keep this to ${tooLong[1]} characters or fewer`;
  if (/^must match format "date-time"$/.test(rest)) return 'Enter a valid date and time';
  if (rest === 'is required') return 'Fill this in';
  return rest === message ? message : rest.charAt(0).toUpperCase() + rest.slice(1);
}

function exists(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in (node as Record<string, unknown>))) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Shows an API refusal next to the field it names and puts the cursor there. Returns false when the error names
 * no field of this form (show it above the buttons instead).
 */
export function placeApiError<V>(form: UseFormReturnType<V>, error: unknown): boolean {
  const path = apiErrorPath(error);
  if (!path) return false;
  if (!exists(form.getValues(), path)) return false;
  form.setFieldError(path, fieldMessage(error));
  requestAnimationFrame(() => form.getInputNode(path)?.focus());
  return true;
}

/** An API refusal next to the field it names, or else as the form's `_api` error (shown above its buttons). */
export function showApiError<V>(form: UseFormReturnType<V>, error: unknown): void {
  if (!placeApiError(form, error)) form.setFieldError('_api', errorMessage(error));
}
