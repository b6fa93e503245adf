import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { authKeys } from '../auth/auth-api.ts';
import { registryKeys } from '../customers/registry-api.ts';
import { applyLiveEvent, DEADLINES_KEY, incidentKeys } from '../incidents/incidents-api.ts';
import { triageKeys } from '../triage/triage-api.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const RETRY_MS = 5_000;

/**
 * Keeps one Server-Sent Events connection to /api/v1/stream and folds every timeline message
 * into the query cache. The browser resumes by itself after a blip (Last-Event-ID); when it gives
 * up (server restart, 5xx) we open a new stream from the last position we saw.
 */
export function useLiveUpdates(): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lastEventId = '';
    let hadError = false;
    let stopped = false;

    const connect = () => {
      const url = lastEventId ? `/api/v1/stream?lastEventId=${encodeURIComponent(lastEventId)}` : '/api/v1/stream';
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => {
        setStatus('live');
        if (hadError) {
          // Anything we could have missed is refetched; replayed events are de-duplicated by seq.
          void client.invalidateQueries({ queryKey: incidentKeys.all });
          void client.invalidateQueries({ queryKey: DEADLINES_KEY });
          void client.invalidateQueries({ queryKey: registryKeys.all });
          void client.invalidateQueries({ queryKey: triageKeys.all });
          hadError = false;
        }
      };
      source.addEventListener('timeline', (message) => {
        const { data, lastEventId: id } = message as MessageEvent<string>;
        if (id) lastEventId = id;
        try {
          applyLiveEvent(client, JSON.parse(data) as TimelineEvent);
        } catch {
          // A malformed message must not break the stream; the next refetch repairs the view.
        }
      });
      // A registry or plan change ({position, type, id, customerId, actor}): whatever is shown of the registry is
      // refetched (every registry query key starts with 'registry').
      source.addEventListener('registry', (message) => {
        const { lastEventId: id } = message as MessageEvent<string>;
        if (id) lastEventId = id;
        void client.invalidateQueries({ queryKey: registryKeys.all });
      });
      // A triage item was created or decided ({position, type, id, customerId}): the queue and its counts are refetched.
      source.addEventListener('triage', (message) => {
        const { lastEventId: id } = message as MessageEvent<string>;
        if (id) lastEventId = id;
        void client.invalidateQueries({ queryKey: triageKeys.all });
      });
      source.onerror = () => {
        hadError = true;
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          // The browser gave up: maybe the session ended. If so, the auth guard sends the user to sign in.
          void client.invalidateQueries({ queryKey: authKeys.me });
          retry = setTimeout(connect, RETRY_MS);
        }
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [client]);

  return status;
}
