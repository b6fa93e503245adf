import type { KeyboardEvent } from 'react';

/** Ctrl/Cmd+Enter submits the surrounding form, also from a textarea (where Enter adds a line). */
export function submitOnModEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  (event.target as HTMLElement).closest('form')?.requestSubmit();
}

/**
 * After failed client-side validation, puts the cursor in the first field that needs attention
 * (after React has rendered the errors). Pass as the second argument of Mantine's form.onSubmit.
 */
export function focusFirstInvalid(_errors: unknown, _values: unknown, event?: { currentTarget: EventTarget | null }): void {
  const form = event?.currentTarget as HTMLFormElement | null | undefined;
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
