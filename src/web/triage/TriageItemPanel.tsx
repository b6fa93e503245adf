import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  Group,
  Kbd,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowRight, IconCircleCheck, IconCircleX, IconLink, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Alert as AlertRecord, TriageItemDetail } from '../../shared/triage-types.ts';
import { useAlertSilences } from '../alerts/alerts-api.ts';
import { SilenceModal, type SilenceTarget } from '../alerts/SilenceModal.tsx';
import { pageHotkeys } from '../core/page-hotkeys.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { EvidenceList } from '../evidence/EvidenceList.tsx';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { useServices } from '../services/services-api.ts';
import { AttachIncidentModal } from './AttachIncidentModal.tsx';
import { DismissTriageModal } from './DismissTriageModal.tsx';
import { OpenIncidentModal } from './OpenIncidentModal.tsx';
import { TriageAlertsTable } from './TriageAlertsTable.tsx';
import { TriageCounts } from './TriageCounts.tsx';
import { TriageReport } from './TriageReport.tsx';
import { useTriageActions, useTriageItem } from './triage-api.ts';
import { KIND_COLORS, KIND_LABELS, kindIcon, TRIAGE_STATUS_LABELS } from './triage-labels.tsx';

interface TriageItemPanelProps {
  itemId: string;
  customerName: (id: string | null) => string | null;
}

/** One item of the queue: what it is, its alerts or report and evidence, and the DP1 decision to take on it. */
export function TriageItemPanel({ itemId, customerName }: TriageItemPanelProps) {
  const query = useTriageItem(itemId);
  return (
    <QueryView
      query={query}
      loading={
        <Stack gap="sm" aria-busy aria-label="Loading the item">
          <Skeleton h={140} />
          <Skeleton h={220} />
        </Stack>
      }
      errorTitle="Could not load this item"
    >
      {(detail) => <ItemView detail={detail} customerName={customerName} />}
    </QueryView>
  );
}

type Dialog = 'open' | 'attach' | 'dismiss' | null;

function ItemView({ detail, customerName }: { detail: TriageItemDetail; customerName: (id: string | null) => string | null }) {
  const { item, alerts, evidence } = detail;
  const actions = useTriageActions(item.id);
  const services = useServices(item.customerId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [silencing, setSilencing] = useState<SilenceTarget | null>(null);
  const canAct = item.allowed.decide;
  const waiting = item.status === 'triage';
  const customer = customerName(item.customerId);
  const service = item.serviceId ? services.data?.find((s) => s.id === item.serviceId) : undefined;

  const silences = useAlertSilences(item.kind === 'alerts');
  const silenced = new Map(
    (silences.data ?? [])
      .filter((s) => s.active && s.customerId === item.customerId && Date.parse(s.expiresAt) > Date.now())
      .map((s) => [s.fingerprint, s]),
  );

  // After a decision the buttons that took it are gone: put the keyboard where the outcome is (the incident's link, or
  // the item's heading), not on the page's body.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const incidentLinkRef = useRef<HTMLAnchorElement>(null);
  const shownStatus = useRef(item.status);
  useEffect(() => {
    if (shownStatus.current === item.status) return;
    shownStatus.current = item.status;
    const timer = window.setTimeout(() => (incidentLinkRef.current ?? headingRef.current)?.focus(), 30);
    return () => window.clearTimeout(timer);
  }, [item.status]);

  const idle = dialog === null && silencing === null;
  useHotkeys(
    waiting && canAct && idle
      ? pageHotkeys([
          ['o', () => setDialog('open')],
          ['a', () => setDialog('attach')],
          ['d', () => setDialog('dismiss')],
        ])
      : [],
    [],
  );

  const silence = (alert: AlertRecord) =>
    setSilencing({ customerId: alert.customerId, fingerprint: alert.fingerprint, title: alert.title });

  return (
    <Stack gap="md" data-triage-detail={item.id} data-status={item.status}>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triage-item-title">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color={KIND_COLORS[item.kind]} size="lg" radius="md">
              {kindIcon(item.kind, 20)}
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Title
                order={2}
                fz="h3"
                id="triage-item-title"
                ref={headingRef}
                tabIndex={-1}
                style={{ overflowWrap: 'anywhere', outlineOffset: 2 }}
              >
                {item.title}
              </Title>
              <Group gap={6} mt={4}>
                <Badge variant="light" color={KIND_COLORS[item.kind]}>
                  {KIND_LABELS[item.kind]}
                </Badge>
                <Badge
                  variant={waiting ? 'filled' : 'outline'}
                  color={waiting ? 'blue' : 'gray'}
                  data-triage-status={item.status}
                >
                  {TRIAGE_STATUS_LABELS[item.status]}
                </Badge>
                {item.severity && <SeverityBadge severity={item.severity} />}
              </Group>
            </div>
          </Group>

          <TriageCounts item={item} size="md" />

          <DataList size="sm" labelWidth={110}>
            <DataList.Item>
              <DataList.ItemLabel>Customer</DataList.ItemLabel>
              <DataList.ItemValue>
                {item.customerId ? (
                  <Anchor component={Link} to={`/customers/${encodeURIComponent(item.customerId)}`} size="sm">
                    {customer ?? 'Not available'}
                  </Anchor>
                ) : (
                  <Text span size="sm" c="dimmed">
                    Not known yet: choose it when opening an incident
                  </Text>
                )}
              </DataList.ItemValue>
            </DataList.Item>
            {item.serviceId && (
              <DataList.Item>
                <DataList.ItemLabel>Service</DataList.ItemLabel>
                <DataList.ItemValue>{service?.name ?? 'Not available'}</DataList.ItemValue>
              </DataList.Item>
            )}
            <DataList.Item>
              <DataList.ItemLabel>First seen</DataList.ItemLabel>
              <DataList.ItemValue>
                <time dateTime={item.firstSeen}>{formatAbsolute(item.firstSeen)}</time>{' '}
                <Text span size="xs" c="dimmed">
                  (<RelativeTime value={item.firstSeen} span />)
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Last seen</DataList.ItemLabel>
              <DataList.ItemValue>
                <time dateTime={item.lastSeen}>{formatAbsolute(item.lastSeen)}</time>{' '}
                <Text span size="xs" c="dimmed">
                  (<RelativeTime value={item.lastSeen} span />)
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>

          {item.status === 'incident' && item.incidentKey && (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={`Part of ${item.incidentKey}`}>
              <Stack gap="xs">
                <Text size="sm">
                  {item.decidedBy ? `${item.decidedBy} decided it` : 'Decided'}
                  {item.decidedAt && (
                    <>
                      {' '}
                      <RelativeTime value={item.decidedAt} span />
                    </>
                  )}
                  .
                </Text>
                {/* Opening and attaching take no reason: one here is the dismissal this decision overturned. */}
                {item.decisionReason && (
                  <Text size="sm" c="dimmed">
                    Dismissed before that: “{item.decisionReason}”
                  </Text>
                )}
                <Group>
                  <Button
                    component={Link}
                    ref={incidentLinkRef}
                    to={`/incidents/${encodeURIComponent(item.incidentKey)}`}
                    size="xs"
                    variant="light"
                    color="teal"
                    rightSection={<IconArrowRight size={14} />}
                  >
                    Go to {item.incidentKey}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {item.status === 'dismissed' && (
            <Alert color="gray" variant="light" icon={<IconCircleX size={18} />} title="Dismissed" data-dismissed>
              <Stack gap="xs">
                <Text size="sm">
                  {item.decidedBy ?? 'Someone'}
                  {item.decidedAt && (
                    <>
                      {' '}
                      <RelativeTime value={item.decidedAt} span />
                    </>
                  )}
                  : {item.decisionReason ?? 'no reason recorded'}
                </Text>
                {canAct && (
                  // Second thoughts: the dismissal stays on the item's record next to the new decision.
                  <Group gap="xs" role="group" aria-label="Second thoughts">
                    <Text size="xs" c="dimmed">
                      Second thoughts?
                    </Text>
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setDialog('open')}
                    >
                      Open incident anyway
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconLink size={14} />}
                      onClick={() => setDialog('attach')}
                    >
                      Attach to incident
                    </Button>
                  </Group>
                )}
              </Stack>
            </Alert>
          )}

          {waiting && canAct && (
            <Group justify="space-between" align="center">
              <Group gap="xs">
                <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('open')}>
                  Open incident
                </Button>
                <Button variant="default" leftSection={<IconLink size={16} />} onClick={() => setDialog('attach')}>
                  Attach to incident
                </Button>
                <Button variant="light" color="red" leftSection={<IconCircleX size={16} />} onClick={() => setDialog('dismiss')}>
                  Dismiss
                </Button>
              </Group>
              <Text size="xs" c="dimmed" visibleFrom="md">
                <Kbd size="xs">o</Kbd> open · <Kbd size="xs">a</Kbd> attach · <Kbd size="xs">d</Kbd> dismiss
              </Text>
            </Group>
          )}
        </Stack>
      </Paper>

      {item.kind === 'alerts' ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triage-alerts-title">
          <Title order={3} fz="h4" mb="sm" id="triage-alerts-title">
            Alerts
          </Title>
          {alerts.length ? (
            <TriageAlertsTable alerts={alerts} silenced={silenced} onSilence={canAct ? silence : null} />
          ) : (
            <Text size="sm" c="dimmed">
              No alerts are stored for this group.
            </Text>
          )}
        </Paper>
      ) : (
        <TriageReport detail={detail} />
      )}

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triage-evidence-title">
        <Title order={3} fz="h4" mb="sm" id="triage-evidence-title">
          Evidence
        </Title>
        {evidence.length ? (
          <EvidenceList items={evidence} label="Evidence of this item" />
        ) : (
          <Text size="sm" c="dimmed">
            Nothing kept as evidence with this item{item.kind === 'email' ? ' (attachments of the e-mail are listed here)' : ''}.
          </Text>
        )}
      </Paper>

      <OpenIncidentModal opened={dialog === 'open'} onClose={() => setDialog(null)} item={item} actions={actions} />
      <AttachIncidentModal
        opened={dialog === 'attach'}
        onClose={() => setDialog(null)}
        item={item}
        customerName={customer}
        actions={actions}
      />
      <DismissTriageModal opened={dialog === 'dismiss'} onClose={() => setDialog(null)} item={item} actions={actions} />
      <SilenceModal opened={silencing !== null} onClose={() => setSilencing(null)} target={silencing} />
    </Stack>
  );
}
