const MINUTE = 60_000;

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 10 && rest) return `${hours} h ${rest} min`;
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** "in 3 h", "in 45 min", "overdue by 20 min", "due now" (within a minute either way). */
export function dueWords(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  if (Math.abs(left) < MINUTE) return 'due now';
  return left > 0 ? `in ${span(left)}` : `overdue by ${span(-left)}`;
}
