import { Accordion, Alert, Badge, Group, List, Paper, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import type { EffectAnswerView, EffectsAssessment } from '../../shared/effects.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { EffectAnswerForm } from './EffectAnswerForm.tsx';
import { CHOICE_COLORS, CHOICE_LABELS, CONFIDENCE_LABELS, SCAN_RESULT_LABELS } from './effect-labels.ts';
import { useEffects } from './effects-api.ts';
import { ImpactProposalBanner } from './ImpactProposalBanner.tsx';

/**
 * The effects assessment: the seed's questions (files accessed, data taken or published, malware, defacement,
 * theft, reputation, disruption, personal data), each answered yes, no or unknown with detail and confidence.
 */
export function EffectsPanel({ incident }: { incident: Incident }) {
  const query = useEffects(incident);
  const data = query.data;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="effects-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4" id="effects-title">
          Effects assessment
        </Title>
        {data && (
          <Text size="sm" c="dimmed" id="effects-progress">
            {data.answered} of {data.total} answered
          </Text>
        )}
      </Group>
      {data && (
        <Progress
          value={(data.answered / data.total) * 100}
          size="sm"
          mb="sm"
          aria-label={`${data.answered} of ${data.total} effects questions answered`}
        />
      )}
      <QueryView
        query={query}
        loading={<Skeleton h={120} aria-busy aria-label="Loading the effects assessment" />}
        errorTitle="Could not load the effects assessment"
      >
        {(assessment) => <Assessment incident={incident} assessment={assessment} />}
      </QueryView>
    </Paper>
  );
}

function Assessment({ incident, assessment }: { incident: Incident; assessment: EffectsAssessment }) {
  const frozen = incident.status === 'closed' || incident.status === 'dismissed';
  const editable = assessment.allowed.change && !frozen;
  return (
    <Stack gap="sm">
      {assessment.answered === 0 && (
        <Text size="sm" c="dimmed">
          {editable
            ? 'What did the incident do? Open a question and answer what you know; “Unknown” is an answer too. Each answer goes on the timeline, and personal data “yes” starts the GDPR clocks.'
            : 'No effects have been assessed yet.'}
        </Text>
      )}
      {assessment.allowed.change && frozen && (
        <Text size="sm" c="dimmed">
          The incident is {incident.status}: reopen it to change its effects assessment.
        </Text>
      )}
      <ImpactProposalBanner incident={incident} assessment={assessment} />
      {assessment.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Still to check" p="xs">
          <List size="sm" spacing={2}>
            {assessment.warnings.map((w) => (
              <List.Item key={`${w.question}:${w.message}`}>{w.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Accordion multiple variant="contained" radius="md" chevronPosition="left">
        {assessment.answers.map((answer) => (
          <Accordion.Item key={answer.question} value={answer.question}>
            <Accordion.Control aria-label={answer.text}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {answer.text}
                </Text>
                <AnswerBadge answer={answer} />
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {editable ? (
                // A new saved answer (here or by someone else) starts the form from it.
                <EffectAnswerForm key={answer.answeredAt ?? 'unanswered'} incident={incident} saved={answer} />
              ) : (
                <SavedAnswer answer={answer} />
              )}
              {answer.question === 'personal-data' && <RunningClocks assessment={assessment} />}
              {answer.answeredAt && (
                <Text size="xs" c="dimmed" mt="xs">
                  Answered by {answer.answeredBy} <RelativeTime value={answer.answeredAt} span inherit />
                </Text>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}

function AnswerBadge({ answer }: { answer: EffectAnswerView }) {
  if (!answer.answer) {
    return (
      <Badge variant="default" color="gray" fw={500} style={{ flexShrink: 0 }}>
        Not answered
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={CHOICE_COLORS[answer.answer]} style={{ flexShrink: 0 }}>
      {CHOICE_LABELS[answer.answer]}
    </Badge>
  );
}

/** An answer for someone who may not change it. */
function SavedAnswer({ answer }: { answer: EffectAnswerView }) {
  if (!answer.answer) {
    return (
      <Text size="sm" c="dimmed">
        Not answered yet.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm">
        {CHOICE_LABELS[answer.answer]}
        {answer.confidence && ` (${CONFIDENCE_LABELS[answer.confidence].toLowerCase()} confidence)`}
      </Text>
      {answer.detail && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {answer.detail}
        </Text>
      )}
      {answer.volume && <Text size="sm">Taken: {answer.volume}</Text>}
      {answer.scans?.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: scans are listed in the order recorded and have no id
        <Text key={i} size="sm">
          {s.toolkit}: {SCAN_RESULT_LABELS[s.result]}
          {s.note && ` (${s.note})`}
        </Text>
      ))}
      {answer.recentBackups && answer.question === 'defacement' && (
        <Text size="sm">
          Recent backups: {CHOICE_LABELS[answer.recentBackups]}
          {answer.lastBackupAt && `, the latest ${formatAbsolute(answer.lastBackupAt)}`}
        </Text>
      )}
    </Stack>
  );
}

/** Under the personal-data question: the clocks the incident runs now (the plan panel has them in full). */
function RunningClocks({ assessment }: { assessment: EffectsAssessment }) {
  const running = assessment.clocks.filter((c) => c.status === 'running' || c.status === 'overdue');
  if (running.length === 0) return null;
  return (
    <Stack gap={2} mt="sm" aria-label="Reporting clocks running">
      {running.map((c) => (
        <Text key={`${c.obligationId}/${c.stageId}`} size="xs">
          <Text span fw={600} inherit>
            {c.obligationName} — {c.stageName}:
          </Text>{' '}
          {c.status === 'overdue' ? 'overdue since' : 'due'} {c.dueAt ? formatAbsolute(c.dueAt) : 'when its clock starts'}
        </Text>
      ))}
    </Stack>
  );
}
