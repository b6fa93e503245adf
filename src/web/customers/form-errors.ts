import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';

/**
 * The API names the field a refusal is about: "connections.2.target" (schema checks) or "entries/0/people"
 * (domain checks). Both become the form path "connections.2.target".
 */
export function formPath(field: string | undefined): string | null {
  return field ? field.replaceAll('/', '.').replace(/^\./, '') : null;
}

/** A schema message ("connections.0.target must NOT have fewer than 1 characters") as words for the field. */
export function fieldMessage(error: unknown): string {
  const message = errorMessage(error);
  if (!isApiError(error) || !error.field) return message;
  const path = formPath(error.field) ?? '';
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
export function placeApiError(form: UseFormReturnType<any>, error: unknown, rename: Record<string, string> = {}): boolean {
  if (!isApiError(error)) return false;
  const raw = formPath(error.field);
  if (!raw) return false;
  const path = rename[raw] ?? raw;
  if (!exists(form.getValues(), path)) return false;
  form.setFieldError(path, fieldMessage(error));
  requestAnimationFrame(() => form.getInputNode(path)?.focus());
  return true;
}
