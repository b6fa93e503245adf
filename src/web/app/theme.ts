import { Badge, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // A badge is a word or two that must be read whole: Mantine's lets itself shrink to nothing, so in a table
    // or a row with little room it read "OVE…" instead of "OVERDUE". It keeps its width; the text beside it wraps.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

const STORAGE_KEY = 'muster-color-scheme';

export const colorSchemeManager = localStorageColorSchemeManager({ key: STORAGE_KEY });

/**
 * Sets the stored light/dark choice on <html> before React renders, so a dark-mode user
 * does not see a white flash (the CSP forbids an inline script in index.html).
 */
export function applyStoredColorScheme(): void {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; "auto" below is the right fallback.
  }
  const scheme =
    stored === 'light' || stored === 'dark'
      ? stored
      : window.matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
}
