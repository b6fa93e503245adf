import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../shared/api-types.ts';
import type { IncidentNotifications, InstructionAnswer, Notification } from '../../shared/notification-types.ts';
import type { PaceLevelName, PacePurpose } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround, storeIncident } from '../incidents/incidents-api.ts';

/** Body of POST /incidents/:id/notifications. */
export interface NotificationRequest {
  purpose: PacePurpose;
  subject?: string;
  body?: string;
  obligationId?: string;
  stageId?: string;
  draft?: boolean;
}

export const notificationKeys = {
  /** One notification outside an incident (a channel test), polled until it is acknowledged. */
  one: (id: string) => ['notifications', id] as const,
};

/** The incident's notifications, oldest first, with the channels declared compromised for it or its customer. */
export function useIncidentNotifications(incidentId: string) {
  return useQuery({
    queryKey: incidentKeys.notifications(incidentId),
    queryFn: ({ signal }) => api<IncidentNotifications>(`/incidents/${encodeURIComponent(incidentId)}/notifications`, { signal }),
    // Live timeline messages refresh it (see applyLiveEvent); the poll only covers a stream that is down.
    refetchInterval: 60_000,
  });
}

const FINISHED = new Set<Notification['status']>(['acknowledged', 'answered', 'exhausted', 'failed']);

/** One notification, fetched again every few seconds until it is finished (a channel test waiting for its ack). */
export function useNotification(id: string | null) {
  return useQuery({
    queryKey: notificationKeys.one(id ?? ''),
    queryFn: ({ signal }) => api<Notification>(`/notifications/${encodeURIComponent(id as string)}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 3000),
  });
}

/** Body of POST /notifications/:id/answers: the customer's answer as they gave it by phone or in person. */
export interface RecordedAnswer {
  decision: InstructionAnswer['decision'];
  text?: string;
  /** Who answered, and how ("Kari Nordmann, by phone"); the server adds "(recorded by <user>)". */
  by: string;
}

/** What a responder does with an incident's notifications; each refreshes the panel, the timeline and the incident. */
export function useNotificationActions(incident: Incident) {
  const client = useQueryClient();
  const base = `/incidents/${encodeURIComponent(incident.id)}`;
  const refreshNotifications = () => {
    void client.invalidateQueries({ queryKey: incidentKeys.notifications(incident.id) });
    refreshAround(client, incident.id);
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
  };
  const onIncident = (next: Incident) => {
    storeIncident(client, next);
    refreshAround(client, next.id);
    void client.invalidateQueries({ queryKey: incidentKeys.notifications(incident.id) });
  };

  const send = useMutation({
    mutationFn: (body: NotificationRequest) => api<Notification>(`${base}/notifications`, { method: 'POST', body }),
    onSuccess: refreshNotifications,
  });
  const sendDraft = useMutation({
    mutationFn: (id: string) => api<Notification>(`/notifications/${encodeURIComponent(id)}/send`, { method: 'POST' }),
    onSettled: refreshNotifications,
  });
  const acknowledge = useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api<Notification>(`/notifications/${encodeURIComponent(id)}/acknowledgements`, { method: 'POST', body: { note } }),
    onSettled: refreshNotifications,
  });
  const setLevel = useMutation({
    mutationFn: (body: { level: PaceLevelName; reason: string }) =>
      api<Incident>(`${base}/communication-level`, { method: 'POST', body }),
    onSuccess: onIncident,
  });
  const declareCompromised = useMutation({
    mutationFn: (body: { channelId: string; scope: 'incident' | 'customer'; reason: string }) =>
      api<void>(`${base}/compromised-channels`, { method: 'POST', body }),
    onSuccess: refreshNotifications,
  });
  const askInstruction = useMutation({
    mutationFn: (body: { question: string; stepRef?: string }) =>
      api<Notification>(`${base}/instructions`, { method: 'POST', body }),
    onSuccess: refreshNotifications,
  });
  // Refreshing the notifications and the incident unblocks the playbook step the request was about.
  const recordAnswer = useMutation({
    mutationFn: ({ id, ...body }: RecordedAnswer & { id: string }) =>
      api<Notification>(`/notifications/${encodeURIComponent(id)}/answers`, { method: 'POST', body }),
    onSuccess: refreshNotifications,
  });
  const completeStep = useMutation({
    mutationFn: (body: { stepRef: string; overrideReason?: string }) => api<Incident>(`${base}/steps`, { method: 'POST', body }),
    onSuccess: onIncident,
  });
  return { send, sendDraft, acknowledge, setLevel, declareCompromised, askInstruction, recordAnswer, completeStep };
}

export type NotificationActions = ReturnType<typeof useNotificationActions>;

/** "Test this channel": sends a test message whose acknowledgement marks the channel tested. */
export function useTestChannel() {
  return useMutation({
    mutationFn: ({ contactId, channelId }: { contactId: string; channelId: string }) =>
      api<Notification>(`/contacts/${encodeURIComponent(contactId)}/channels/${encodeURIComponent(channelId)}/test`, {
        method: 'POST',
      }),
  });
}
