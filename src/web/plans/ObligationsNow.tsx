import { Badge, Collapse, Group, List, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { IncidentPlan, ObligationDefinition } from '../../shared/prepare-types.ts';
import { triggerWords } from '../obligations/obligation-words.ts';
import { ApplyingObligation } from './ApplyingObligation.tsx';
import { DeterminationButton } from './DeterminationButton.tsx';

/** The determinations an obligation's trigger waits for that have not been made on the incident yet. */
function awaitedDeterminations(definition: ObligationDefinition, made: Incident['determinations']): string[] {
  return definition.trigger.flatMap((c) => (c.field === 'determination' && !(c.made in made) ? [c.made] : []));
}

interface ObligationsNowProps {
  incident: Incident;
  plan: IncidentPlan;
  now: number;
  /** May record determinations, submissions and waivers (a responder of the customer). */
  canAct: boolean;
}

/**
 * The obligations that apply to the incident now with their live clocks, those waiting for a determination (with
 * the button to make it), and a fold with the ones that do not apply (yet).
 */
export function ObligationsNow({ incident, plan, now, canAct }: ObligationsNowProps) {
  const [showOthers, setShowOthers] = useState(false);
  const applying = plan.obligations.filter((o) => o.applies);
  const made = incident.determinations ?? {};
  // Obligations that wait for a determination nobody has made yet, by determination: one button for each.
  const awaiting = new Map<string, ObligationDefinition[]>();
  for (const o of plan.obligations) {
    if (o.applies) continue;
    for (const name of awaitedDeterminations(o.obligation.definition, made)) {
      awaiting.set(name, [...(awaiting.get(name) ?? []), o.obligation.definition]);
    }
  }
  const others = plan.obligations.filter((o) => !o.applies && awaitedDeterminations(o.obligation.definition, made).length === 0);
  const overdue = applying.filter((o) =>
    o.stages.some((s) => s.status === 'overdue' || (s.status === 'running' && s.dueAt && Date.parse(s.dueAt) < now)),
  ).length;

  return (
    <Stack gap="xs" component="section" aria-labelledby="obligations-now-title">
      <Group gap="xs">
        <Title order={3} fz="sm" id="obligations-now-title">
          Obligations that apply now
        </Title>
        <Badge size="sm" variant="light" color={overdue ? 'red' : applying.length ? 'blue' : 'gray'}>
          {applying.length}
        </Badge>
        {overdue > 0 && (
          <Badge size="sm" color="red" variant="filled">
            {overdue} overdue
          </Badge>
        )}
      </Group>
      {applying.length === 0 && (
        <Text size="sm" c="dimmed">
          {plan.obligations.length === 0
            ? 'No reporting obligations are switched on for this customer.'
            : 'None of the customer’s obligations apply with the incident as it is now. Classifying it (category, severity, personal data) may change that.'}
        </Text>
      )}
      {applying.map((verdict) => (
        <ApplyingObligation
          key={verdict.obligationId}
          verdict={verdict}
          contacts={plan.contacts}
          now={now}
          incident={incident}
          canAct={canAct}
        />
      ))}
      {awaiting.size > 0 && (
        <Stack gap={6} component="section" aria-labelledby="obligations-awaiting-title">
          <Title order={4} fz="xs" c="dimmed" id="obligations-awaiting-title">
            Waiting for a determination
          </Title>
          {[...awaiting].map(([name, definitions]) => (
            <Paper key={name} withBorder radius="md" p="xs" style={{ borderLeft: '4px solid var(--mantine-color-gray-4)' }}>
              <Stack gap={6} align="flex-start">
                {definitions.map((d) => (
                  <div key={d.id}>
                    <Text size="sm" fw={600}>
                      {d.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Applies when: {triggerWords(d.trigger).join('; ')}
                    </Text>
                  </div>
                ))}
                {canAct ? (
                  <DeterminationButton incident={incident} name={name} waiting={definitions} />
                ) : (
                  <Text size="xs" c="dimmed">
                    A responder of this customer records the determination.
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {others.length > 0 && (
        <>
          <UnstyledButton
            onClick={() => setShowOthers((v) => !v)}
            aria-expanded={showOthers}
            aria-controls="obligations-not-applying"
          >
            <Group gap={4}>
              {showOthers ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              <Text size="xs" c="dimmed">
                {others.length} other obligation{others.length === 1 ? '' : 's'} do{others.length === 1 ? 'es' : ''} not apply
                (yet)
              </Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={showOthers} id="obligations-not-applying">
            <List size="xs" spacing={4}>
              {others.map((o) => (
                <List.Item key={o.obligationId}>
                  <Text size="xs" fw={600} span>
                    {o.obligation.definition.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Applies when: {triggerWords(o.obligation.definition.trigger).join('; ')}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Collapse>
        </>
      )}
    </Stack>
  );
}
