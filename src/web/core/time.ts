import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';

/** The IANA zone of the browser, e.g. "Europe/Oslo": every time shown in the UI is in this zone. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const absoluteFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

const shortFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "23 Nov 2026, 09:41:07 CET" in the user's zone. */
export function formatAbsolute(iso: string): string {
  return absoluteFormat.format(new Date(iso));
}

/** "23 Nov, 09:41" in the user's zone, for dense places. */
export function formatShort(iso: string): string {
  return shortFormat.format(new Date(iso));
}

/** "5 minutes ago", "in 2 hours"; "just now" within a minute either way (clocks are never quite in step). */
export function formatRelative(iso: string, now: number = Date.now()): string {
  if (Math.abs(now - Date.parse(iso)) < 60_000) return 'just now';
  return formatDistanceStrict(Date.parse(iso), now, { addSuffix: true, roundingMethod: 'round' });
}

/** An API time (UTC) as the value of an <input type="datetime-local"> in the user's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  return iso ? format(new Date(iso), "yyyy-MM-dd'T'HH:mm") : '';
}

/** A datetime-local value (the user's wall-clock time) as a UTC RFC 3339 string, or null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value); // no offset in the string: the browser reads it as local time
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "09:41:07" in the user's zone, for events seconds apart (delivery attempts). */
export function formatClock(iso: string): string {
  return clockFormat.format(new Date(iso));
}

const hourMinuteFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "10:02" for a time of the user's today, "23 Nov, 10:02" for another day, in the user's zone. */
export function formatWhen(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  return date.toDateString() === new Date(now).toDateString() ? hourMinuteFormat.format(date) : formatShort(iso);
}
