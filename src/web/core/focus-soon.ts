/**
 * Puts the keyboard on an element once a dialog has closed and the page has re-rendered: for when the button that
 * opened the dialog is gone (a revoked source's menu, a deleted row), so that focus does not fall back to the page.
 * Runs after Mantine's own focus return (10 ms), which leaves alone an element focused meanwhile.
 */
export function focusSoon(target: () => HTMLElement | null | undefined): void {
  window.setTimeout(() => target()?.focus(), 30);
}
