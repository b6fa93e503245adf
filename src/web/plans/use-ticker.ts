import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` while the component is shown (for countdowns that must move). */
export function useTicker(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** "2 d 4 h", "3 h 12 min", "7 min 05 s": a span of time for a countdown. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes >= 10) return `${minutes} min`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
