import { RelativeTime } from '../core/RelativeTime.tsx';
import { useNow } from '../core/use-now.ts';
import { firstSeenSaysMore } from './seen.ts';

/** "Last 2 minutes ago · first an hour ago"; only "Last …" when both read the same. */
export function SeenSpan({ firstSeen, lastSeen }: { firstSeen: string; lastSeen: string }) {
  const now = useNow();
  return (
    <>
      Last <RelativeTime value={lastSeen} span />
      {firstSeenSaysMore(firstSeen, lastSeen, now) && (
        <>
          {' · first '}
          <RelativeTime value={firstSeen} span />
        </>
      )}
    </>
  );
}
