/** How long a silence lasts: the choices offered, in minutes. */
export const SILENCE_DURATIONS = [
  { value: '60', label: '1 hour' },
  { value: '240', label: '4 hours' },
  { value: '720', label: '12 hours' },
  { value: '1440', label: '24 hours' },
  { value: '4320', label: '3 days' },
  { value: '10080', label: '7 days' },
];

export const DEFAULT_SILENCE_MINUTES = '240';
