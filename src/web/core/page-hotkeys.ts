import type { HotkeyItem } from '@mantine/hooks';

/** Input types that take no typing: a page's single-key shortcuts still work while one has focus. */
const NOT_TYPED = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/** Where a key belongs to what is open, not to the page behind it. */
const OPEN_ABOVE_PAGE = '[role="dialog"], [role="menu"], [role="listbox"]';

/** Whether a key pressed on this element is typing (text fields, text areas, selects, editable content). */
export function isTypingTarget(target: EventTarget | TargetLike | null): boolean {
  if (!target || typeof target !== 'object') return false;
  const { tagName, type, isContentEditable } = target as TargetLike;
  if (isContentEditable) return true;
  if (tagName === 'TEXTAREA' || tagName === 'SELECT') return true;
  return tagName === 'INPUT' && !NOT_TYPED.has((type ?? 'text').toLowerCase());
}

/** Whether a single-key page shortcut pressed on this element is for the page: not while typing, nor in a dialog or menu. */
export function keyIsForPage(target: EventTarget | TargetLike | null): boolean {
  if (isTypingTarget(target)) return false;
  const closest = (target as TargetLike | null)?.closest;
  return !(typeof closest === 'function' && closest.call(target, OPEN_ABOVE_PAGE));
}

/**
 * Single-key shortcuts for a page (j, k, o…), for Mantine's useHotkeys with `[]` as the tags to ignore. Unlike its
 * default, they also work after a click on a radio or checkbox (the "Waiting / Opened / Dismissed" switch is one),
 * and still never while someone types or in a dialog.
 */
export function pageHotkeys(items: [string, () => void][]): HotkeyItem[] {
  return items.map(([key, run]) => [
    key,
    (event: KeyboardEvent) => {
      if (!keyIsForPage(event.target)) return;
      event.preventDefault();
      run();
    },
    { preventDefault: false },
  ]);
}
