import { Alert, Badge, Blockquote, Button, Collapse, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHandStop, IconRobot } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { Notification } from '../../shared/notification-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatWhen } from '../core/time.ts';
import { PaceLevelBadge } from '../pace/PaceLevelBadge.tsx';
import { DeliveryAttempts } from './DeliveryAttempts.tsx';
import { firstReportLine } from './first-report-line.ts';
import { DECISION_STYLE, fillIncidentTemplate, isOpen, KIND_LABELS, purposeLabel, statusStyle } from './notification-labels.ts';

interface NotificationCardProps {
  notification: Notification;
  incident: Incident;
  canAct: boolean;
  onAcknowledge: (n: Notification) => void;
  /** "Record their answer…" on an instruction request the customer answered outside their link. */
  onRecordAnswer: (n: Notification) => void;
  /** "GDPR: notify … — Notification" for an "obligationId/stageId", when the plan knows it. */
  stageName: (ref: string) => string | null;
  /** It went by itself (the first report, as the customer's plan says), with no click. */
  automatic?: boolean;
}

/** One notification: what it is for, where on its ladder it is, every delivery try, and who has it. */
export function NotificationCard({
  notification: n,
  incident,
  canAct,
  onAcknowledge,
  onRecordAnswer,
  stageName,
  automatic = false,
}: NotificationCardProps) {
  const [showMessage, setShowMessage] = useState(false);
  const status = statusStyle(n);
  const step = n.ladder[n.level];
  const subject = fillIncidentTemplate(n.subject, incident);
  const task = n.status === 'awaiting-person';
  const awaitsAnswer = n.kind === 'instruction' && !n.response && n.status !== 'draft';
  const messageId = `notification-message-${n.id}`;

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={`${purposeLabel(n.purpose)}: ${subject}`}
      data-notification-status={n.status}
      style={{ borderLeft: `4px solid var(--mantine-color-${status.color}-6)` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Group gap={6} wrap="wrap">
            {step && <PaceLevelBadge level={step.level} size="sm" />}
            <Text size="sm" fw={700}>
              {purposeLabel(n.purpose)}
            </Text>
            {n.kind !== 'message' && (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {KIND_LABELS[n.kind]}
              </Badge>
            )}
          </Group>
          <Badge size="sm" color={status.color} variant={n.status === 'exhausted' ? 'filled' : 'light'} tt="none">
            {status.label}
          </Badge>
        </Group>
        {automatic && (
          <Group gap={6} wrap="nowrap" align="flex-start" data-testid="first-report-line">
            <IconRobot size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" fw={600}>
              {firstReportLine(n, (iso) => formatWhen(iso))}
            </Text>
          </Group>
        )}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {subject}
        </Text>
        <Text size="xs" c="dimmed">
          {automatic ? 'Sent by itself, as the customer’s plan says,' : `Requested by ${n.createdBy}`}{' '}
          <RelativeTime value={n.createdAt} span />
          {step &&
            ` · ${isOpen(n) ? 'now on' : 'ended on'} the ${step.level} level${step.manual ? '' : `: ${step.contactName || step.address}`}`}
          {n.obligationRef && ` · submits ${stageName(n.obligationRef) ?? n.obligationRef}`}
        </Text>

        {task && (
          <Alert color="orange" variant="light" p="xs" icon={<IconHandStop size={16} />} title="A person must do this now">
            <Text size="sm">{step?.instruction}</Text>
          </Alert>
        )}
        {n.response && (
          <Blockquote p="xs" pl="sm" color={DECISION_STYLE[n.response.decision].color} iconSize={0}>
            <Text size="sm">
              <Badge size="xs" color={DECISION_STYLE[n.response.decision].color} mr={6}>
                {DECISION_STYLE[n.response.decision].label}
              </Badge>
              by {n.response.by}, <RelativeTime value={n.response.at} span />
            </Text>
            {n.response.text && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {n.response.text}
              </Text>
            )}
          </Blockquote>
        )}

        <DeliveryAttempts attempts={n.attempts} label={`Delivery attempts: ${subject}`} />

        <Group gap="md" wrap="wrap">
          {n.sentAt && (
            <Text size="xs">
              <Text span c="dimmed" inherit>
                Delivered
              </Text>{' '}
              <RelativeTime value={n.sentAt} span />
            </Text>
          )}
          {n.acknowledgedAt && (
            <Text size="xs" c="teal" fw={600}>
              Acknowledged <RelativeTime value={n.acknowledgedAt} span /> by {n.acknowledgedBy}
            </Text>
          )}
        </Group>

        <Group justify="space-between" gap="xs">
          <UnstyledButton onClick={() => setShowMessage((v) => !v)} aria-expanded={showMessage} aria-controls={messageId}>
            <Group gap={4}>
              {showMessage ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              <Text size="xs" c="dimmed">
                {showMessage ? 'Hide the message' : 'Show the message'}
              </Text>
            </Group>
          </UnstyledButton>
          <Group gap="xs">
            {canAct && awaitsAnswer && (
              <Button size="compact-sm" variant="light" onClick={() => onRecordAnswer(n)}>
                Record their answer…
              </Button>
            )}
            {canAct && isOpen(n) && (
              <Button size="compact-sm" variant={task ? 'filled' : 'light'} onClick={() => onAcknowledge(n)}>
                {task ? 'Record it was done' : 'Record acknowledgement'}
              </Button>
            )}
          </Group>
        </Group>
        <Collapse expanded={showMessage} id={messageId}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {fillIncidentTemplate(n.body, incident)}
          </Text>
        </Collapse>
      </Stack>
    </Paper>
  );
}
