import { Accordion, Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconFileCertificate } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { PACE_PURPOSE_LABELS } from '../../shared/prepare-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { PaceLadderTable } from '../pace/PaceLadderTable.tsx';
import { CHANNEL_TYPE_LABELS } from '../pace/pace-labels.ts';
import { IncidentPlaybooks } from '../playbooks/IncidentPlaybooks.tsx';
import { CheckTheseList } from './CheckTheseList.tsx';
import { ObligationsNow } from './ObligationsNow.tsx';
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

function PlanPanel({ incident }: { incident: Incident }) {
  const query = useIncidentPlan(incident.id, incident.version);
  const canAct = incident.allowed.change;
  const now = useTicker(1000);
  const plan = query.data;

  const body = (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading the plan">
          <Skeleton h={18} w="60%" />
          <Skeleton h={90} />
          <Skeleton h={60} />
        </Stack>
      }
      errorTitle="Could not load the plan"
    >
      {(plan) =>
        !plan ? (
          <Text size="sm" c="dimmed">
            No customer is set on this incident.
          </Text>
        ) : (
          <Stack gap="md">
            {plan.draft && (
              <Alert
                color="orange"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                p="xs"
                title="Draft: no published plan"
              >
                <Text size="xs">
                  This customer has no published contingency plan, so this is what the registry says now.{' '}
                  <Anchor component={Link} to={`/customers/${encodeURIComponent(incident.customerId ?? '')}?tab=plans`} size="xs">
                    Publish one
                  </Anchor>{' '}
                  so incidents work from an approved version.
                </Text>
              </Alert>
            )}

            <ObligationsNow incident={incident} plan={plan} now={now} canAct={canAct} />

            <Accordion multiple variant="contained" radius="md" defaultValue={['playbooks', 'check']} chevronPosition="left">
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
                    <IncidentPlaybooks incident={incident} playbooks={plan.playbooks} canAct={canAct} />
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
        )
      }
    </QueryView>
  );

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
