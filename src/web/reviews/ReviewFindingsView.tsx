import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import type { ReviewFindings } from '../../shared/review-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { TASK_STATUS_LABELS } from '../tasks/task-labels.ts';

const CHANNEL_WORDS = { failed: 'Delivery failed', exhausted: 'Ladder ran out', compromised: 'Declared compromised' } as const;

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h} h${m ? ` ${m} min` : ''}`;
}

function Finding({ title, empty, children, count }: { title: string; empty: string; count: number; children: React.ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={3} fz="sm">
        {title}
        {count > 0 ? ` (${count})` : ''}
      </Title>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {children}
        </List>
      )}
    </Stack>
  );
}

const at = (iso: string | null) => (iso ? formatAbsolute(iso) : '—');

/** What the record says, each part a list with its times in the reader's zone and a word when there is nothing. */
export function ReviewFindingsView({ findings, frozen }: { findings: ReviewFindings; frozen: boolean }) {
  const first = findings.firstCustomerReport;
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">
        {frozen
          ? `From the record as it stood when the review was completed (${at(findings.asOf)}).`
          : `From the record as it stands now (${at(findings.asOf)}); completing the review keeps them as they are then.`}
      </Text>
      <Stack gap={4} component="section" aria-label="First report to the customer">
        <Title order={3} fz="sm">
          First report to the customer
        </Title>
        <Text size="sm">
          {first.sentAt && first.minutes !== null ? (
            <>
              Sent {at(first.sentAt)}, <strong>{duration(first.minutes)}</strong> after the incident was reported (
              {at(first.reportedAt)}).{' '}
              {first.notificationId && (
                <Anchor href="#notifications-title" size="sm">
                  See the notifications
                </Anchor>
              )}
            </>
          ) : (
            <Text span c="dimmed" size="sm">
              No report reached the customer: none was sent, or none was accepted by a channel.
            </Text>
          )}
        </Text>
      </Stack>
      <Finding title="Obligation clocks missed or met late" empty="No clock was missed." count={findings.missedClocks.length}>
        {findings.missedClocks.map((c) => (
          <List.Item key={`${c.obligationId}/${c.stageId}`}>
            <strong>
              {c.obligation} — {c.stage}
            </strong>{' '}
            (to {c.recipient}): due {at(c.dueAt)}
            {c.submittedAt ? `, met ${at(c.submittedAt)}` : c.status === 'waived' ? ', waived after the miss' : ', still not met'}
          </List.Item>
        ))}
      </Finding>
      <Finding
        title="Instruction gates overridden"
        empty="No gate was overridden: every step that needed the customer’s instruction waited for it."
        count={findings.overriddenGates.length}
      >
        {findings.overriddenGates.map((g) => (
          <List.Item key={g.seq}>
            {g.taskId ? (
              <Anchor href="#tasks" size="sm">
                {g.title}
              </Anchor>
            ) : (
              <strong>{g.title}</strong>
            )}{' '}
            — done by {g.by} at {at(g.at)} without the instruction: “{g.reason}”
          </List.Item>
        ))}
      </Finding>
      <Finding
        title="Channels that failed"
        empty="No delivery failed and no channel was declared compromised."
        count={findings.channels.length}
      >
        {findings.channels.map((c) => (
          <List.Item key={c.seq}>
            {CHANNEL_WORDS[c.kind]} at {at(c.at)}
            {c.channel ? `: ${c.channel}` : ''}
            {c.reason ? ` — ${c.reason}` : ''}
          </List.Item>
        ))}
      </Finding>
      <Finding title="Tasks not done" empty="Every task was done." count={findings.tasksLeft.length}>
        {findings.tasksLeft.map((t) => (
          <List.Item key={t.taskId}>
            <Anchor href="#tasks" size="sm">
              {t.title}
            </Anchor>{' '}
            — {TASK_STATUS_LABELS[t.status].toLowerCase()}
            {t.assignee ? `, ${t.assignee}` : ''}
            {t.dueAt ? `, due ${at(t.dueAt)}` : ''}
          </List.Item>
        ))}
      </Finding>
      <Finding title="Key decisions and milestones" empty="Nothing decided yet." count={findings.timeline.length}>
        {findings.timeline.map((t) => (
          <List.Item key={t.seq}>
            {at(t.at)} — {t.what} ({t.by}){t.reason ? `: ${t.reason}` : ''}
          </List.Item>
        ))}
      </Finding>
    </Stack>
  );
}
