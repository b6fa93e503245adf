/**
 * A duration as people say it, to two units: "45 s", "12 min", "3 h 12 min", "2 d 4 h". Negative durations (an
 * end recorded before its start, e.g. a milestone backdated before the report) keep their sign.
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 0) return `−${formatDuration(-ms)}`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const totalHours = Math.round(ms / 3_600_000);
  const days = Math.floor(totalHours / 24);
  return totalHours % 24 ? `${days} d ${totalHours % 24} h` : `${days} d`;
}
