import { Alert, List, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { Incident, OpenClock } from '../../shared/api-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { ApplyingObligation } from './ApplyingObligation.tsx';
import { useIncidentPlan } from './plans-api.ts';
import { useTicker } from './use-ticker.ts';

/** The obligation clocks that keep the incident open, as the server last said (the incident's close move). */
export function openClocksOf(incident: Incident): OpenClock[] {
  return incident.allowedTransitions.find((t) => t.to === 'closed')?.openClocks ?? [];
}

function clockWords(clock: OpenClock): string {
  const state =
    clock.status === 'waiting' || !clock.dueAt ? 'not started' : `${clock.status}, due ${formatAbsolute(clock.dueAt)}`;
  return `${clock.obligation} — ${clock.stage} (${state})`;
}

/**
 * In the close dialog: every obligation clock still open, with its actions — record the submission, or waive it
 * with a reason. The incident can close once none is left.
 */
export function OpenClocksBeforeClose({ incident }: { incident: Incident }) {
  const open = openClocksOf(incident);
  const plan = useIncidentPlan(incident.id, incident.version, open.length > 0);
  const now = useTicker(1000);
  if (open.length === 0) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} p="xs">
        Every obligation that applies is met or waived with a reason.
      </Alert>
    );
  }
  const refs = new Set(open.map((c) => `${c.obligationId}/${c.stageId}`));
  const holding = (plan.data?.obligations ?? []).filter(
    (o) => o.applies && o.stages.some((s) => refs.has(`${o.obligationId}/${s.stageId}`)),
  );
  return (
    <Stack gap="xs" aria-label="Obligation clocks still open">
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title={`${open.length} obligation clock${open.length === 1 ? ' is' : 's are'} still open`}
        role="status"
      >
        <Text size="sm">
          An incident closes when every obligation that applies is met or waived with a reason. Record the submission of each, or
          waive it and say why; then close.
        </Text>
        {holding.length === 0 && (
          <List size="sm" mt={4}>
            {open.map((c) => (
              <List.Item key={`${c.obligationId}/${c.stageId}`}>{clockWords(c)}</List.Item>
            ))}
          </List>
        )}
      </Alert>
      {plan.isPending && <Skeleton h={90} aria-label="Loading the clocks" />}
      {holding.map((verdict) => (
        <ApplyingObligation
          key={verdict.obligationId}
          verdict={verdict}
          contacts={plan.data?.contacts ?? []}
          now={now}
          incident={incident}
          canAct={incident.allowed.change}
        />
      ))}
    </Stack>
  );
}
