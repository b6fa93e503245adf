import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Collapse,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconBook, IconChevronDown, IconChevronRight, IconFileCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { type ObligationDefinition, PACE_PURPOSE_LABELS } from '../../shared/prepare-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { useAccess } from '../customers/customers-api.ts';
import { canReportFor } from '../customers/permissions.ts';
import { triggerWords } from '../obligations/obligation-words.ts';
import { PaceLadderTable } from '../pace/PaceLadderTable.tsx';
import { CHANNEL_TYPE_LABELS } from '../pace/pace-labels.ts';
import { playbookHref } from '../playbooks/playbook-labels.ts';
import { ApplyingObligation } from './ApplyingObligation.tsx';
import { CheckTheseList } from './CheckTheseList.tsx';
import { DeterminationButton } from './DeterminationButton.tsx';
import { useIncidentPlan } from './plans-api.ts';
import { useTicker } from './use-ticker.ts';

/**
 * The customer's contingency plan as it bears on this incident: the reporting clocks running now, who to call
 * and how, playbooks for its category, and the connections the customer's IT should check.
 */
export function IncidentPlanPanel({ incident }: { incident: Incident }) {
  if (!incident.customerId) {
    return (
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="incident-plan-title">
        <Title order={2} fz="h4" mb={4} id="incident-plan-title">
          Contingency plan
        </Title>
        <Text size="sm" c="dimmed">
          No customer is set. Set the customer in Details to see its reporting clocks, whom to call and which playbooks apply.
        </Text>
      </Paper>
    );
  }
  return <PlanPanel incident={incident} />;
}

/** The determinations an obligation's trigger waits for that have not been made on the incident yet. */
function awaitedDeterminations(definition: ObligationDefinition, made: Incident['determinations']): string[] {
  return definition.trigger.flatMap((c) => (c.field === 'determination' && !(c.made in made) ? [c.made] : []));
}

function PlanPanel({ incident }: { incident: Incident }) {
  const query = useIncidentPlan(incident.id, incident.version);
  const { data: access } = useAccess();
  const canDetermine = canReportFor(access, incident.customerId);
  const now = useTicker(1000);
  const [showOthers, setShowOthers] = useState(false);
  const plan = query.data;

  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <Stack gap="xs" aria-busy aria-label="Loading the plan">
        <Skeleton h={18} w="60%" />
        <Skeleton h={90} />
        <Skeleton h={60} />
      </Stack>
    );
  } else if (query.isError) {
    body = (
      <ErrorState
        title="Could not load the plan"
        error={query.error}
        onRetry={() => query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else if (!plan) {
    body = (
      <Text size="sm" c="dimmed">
        No customer is set on this incident.
      </Text>
    );
  } else {
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
    const others = plan.obligations.filter(
      (o) => !o.applies && awaitedDeterminations(o.obligation.definition, made).length === 0,
    );
    const overdue = applying.filter((o) =>
      o.stages.some((s) => s.status === 'overdue' || (s.status === 'running' && s.dueAt && Date.parse(s.dueAt) < now)),
    ).length;
    body = (
      <Stack gap="md">
        {plan.draft && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" title="Draft: no published plan">
            <Text size="xs">
              This customer has no published contingency plan, so this is what the registry says now.{' '}
              <Anchor component={Link} to={`/customers/${encodeURIComponent(incident.customerId ?? '')}?tab=plans`} size="xs">
                Publish one
              </Anchor>{' '}
              so incidents work from an approved version.
            </Text>
          </Alert>
        )}

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
            <ApplyingObligation key={verdict.obligationId} verdict={verdict} contacts={plan.contacts} now={now} />
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
                    {canDetermine ? (
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

        <Accordion multiple variant="contained" radius="md" defaultValue={['check']} chevronPosition="left">
          <Accordion.Item value="ladders">
            <Accordion.Control>
              <Text size="sm" fw={600}>
                Who to call: PACE ladders
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {plan.pacePlans.length === 0 && (
                  <Text size="sm" c="dimmed">
                    No PACE ladders in the plan.
                  </Text>
                )}
                {plan.pacePlans.map((p) => (
                  <Stack key={p.purpose} gap={2}>
                    <Group gap={6}>
                      <Text size="xs" fw={700}>
                        {PACE_PURPOSE_LABELS[p.purpose]}
                      </Text>
                      {p.warnings.length > 0 && (
                        <Tooltip label={p.warnings.map((w) => w.message).join('\n')} multiline maw={320} withArrow>
                          <Badge size="xs" color="orange" variant="light">
                            {p.warnings.length} warning{p.warnings.length === 1 ? '' : 's'}
                          </Badge>
                        </Tooltip>
                      )}
                    </Group>
                    <PaceLadderTable
                      levels={p.levels}
                      contacts={plan.contacts}
                      compact
                      label={`${PACE_PURPOSE_LABELS[p.purpose]}: ladder`}
                    />
                  </Stack>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="contacts">
            <Accordion.Control>
              <Text size="sm" fw={600}>
                Contacts ({plan.contacts.length})
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                {plan.contacts.map((c) => (
                  <div key={c.id}>
                    <Text size="sm" fw={600}>
                      {c.name}
                      {c.role && (
                        <Text span size="xs" c="dimmed" fw={400}>
                          {' '}
                          · {c.role}
                        </Text>
                      )}
                    </Text>
                    {c.channels.map((ch) => (
                      <Text key={ch.id} size="xs" style={{ overflowWrap: 'anywhere' }}>
                        <Text span c="dimmed" inherit>
                          {CHANNEL_TYPE_LABELS[ch.type]}:
                        </Text>{' '}
                        {ch.address}
                      </Text>
                    ))}
                  </div>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="playbooks">
            <Accordion.Control>
              <Text size="sm" fw={600}>
                Suggested playbooks ({plan.playbooks.length})
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              {plan.playbooks.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {incident.category ? 'No playbook fits this category.' : 'Set the category to get playbook suggestions.'}
                </Text>
              ) : (
                <Stack gap={6}>
                  {plan.playbooks.map((p) => (
                    <Group key={p.slug} gap={6} wrap="nowrap" align="flex-start">
                      <IconBook size={15} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
                      <div>
                        <Anchor component={Link} to={playbookHref(p, incident.customerId)} size="sm" fw={600}>
                          {p.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {p.steps.length} steps, {p.steps.filter((s) => s.needsCustomerInstruction).length} wait for the customer
                        </Text>
                      </div>
                    </Group>
                  ))}
                </Stack>
              )}
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="check">
            <Accordion.Control>
              <Text size="sm" fw={600}>
                Check these: connections of affected services
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <CheckTheseList incidentKey={incident.key} checkList={plan.checkList} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="incident-plan-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} fz="h4" id="incident-plan-title">
          Contingency plan
        </Title>
        {plan?.plan && (
          <Tooltip label={`SHA-256 ${plan.plan.sha256}`} withArrow multiline maw={300}>
            <Badge
              component={Link}
              to={`/plans/${plan.plan.id}`}
              variant="light"
              color={plan.plan.reviewOverdue ? 'red' : 'teal'}
              leftSection={<IconFileCertificate size={12} />}
              style={{ cursor: 'pointer' }}
            >
              Plan v{plan.plan.version}
              {plan.plan.reviewOverdue ? ' · review overdue' : ''}
            </Badge>
          </Tooltip>
        )}
        {plan?.draft && (
          <Badge variant="light" color="orange">
            Draft
          </Badge>
        )}
      </Group>
      {body}
    </Paper>
  );
}
