import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import type { EffectsAssessment } from '../../shared/effects.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { IMPACT_DIMENSIONS, IMPACT_LABELS } from '../incidents/incident-labels.ts';
import { useIncidentActions } from '../incidents/incidents-api.ts';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { questionText } from './effect-labels.ts';

const DIMENSION_LABELS = Object.fromEntries(IMPACT_DIMENSIONS.map((d) => [d.key, d.label])) as Record<string, string>;

/**
 * What the answers suggest for C/I/A, and why. A person confirms it: applying is an ordinary edit of the impact,
 * and the severity follows from it by the documented rule (the server derived the one shown here).
 */
export function ImpactProposalBanner({ incident, assessment }: { incident: Incident; assessment: EffectsAssessment }) {
  const { update } = useIncidentActions(incident);
  const proposed = assessment.proposedImpact;
  if (!proposed) return null;
  const canApply = assessment.allowed.change && incident.status !== 'closed' && incident.status !== 'dismissed';

  const apply = () =>
    update.mutate(
      { impact: proposed, expectedVersion: assessment.version },
      {
        onSuccess: () => notifySuccess('The proposed C/I/A impact is applied'),
        onError: (err) => notifyError('Impact not changed', err),
      },
    );

  return (
    <Alert color="orange" variant="light" icon={<IconTargetArrow size={18} />} title="The answers suggest a higher impact">
      <List size="sm" spacing={2} mb="xs">
        {assessment.raises.map((r) => (
          <List.Item key={r.dimension}>
            <Text span fw={600} inherit>
              {DIMENSION_LABELS[r.dimension]}
            </Text>{' '}
            {r.from ? IMPACT_LABELS[r.from] : 'not assessed'} → {IMPACT_LABELS[r.to]}, because of{' '}
            {r.because.map((q) => `“${questionText(q)}”`).join(' and ')}
          </List.Item>
        ))}
      </List>
      <Group gap="xs" mb={canApply ? 'sm' : 0}>
        <Text size="sm">
          Proposed: C {IMPACT_LABELS[proposed.confidentiality]} · I {IMPACT_LABELS[proposed.integrity]} · A{' '}
          {IMPACT_LABELS[proposed.availability]}, which derives to severity
        </Text>
        <SeverityBadge severity={assessment.proposedSeverity} size="sm" />
      </Group>
      {assessment.severityOverridden && (
        <Text size="xs" c="dimmed" mb={canApply ? 'sm' : 0}>
          The severity is overridden; the override stays until someone removes it.
        </Text>
      )}
      {canApply && (
        <Button size="xs" color="orange" onClick={apply} loading={update.isPending}>
          Apply proposed C/I/A
        </Button>
      )}
    </Alert>
  );
}
