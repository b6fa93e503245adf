import { formatRelative } from '../core/time.ts';

/** Whether "first …" adds anything after "last …": not when both read the same ("just now", "5 minutes ago"). */
export function firstSeenSaysMore(firstSeen: string, lastSeen: string, now: number): boolean {
  return formatRelative(firstSeen, now) !== formatRelative(lastSeen, now);
}
