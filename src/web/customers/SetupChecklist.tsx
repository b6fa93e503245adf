import { Anchor, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { Link } from 'react-router';
import { type Readiness, useReadiness } from './customers-api.ts';

interface Step {
  tab: string;
  label: string;
  done: (r: Readiness) => boolean;
  status: (r: Readiness) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const STEPS: Step[] = [
  {
    tab: 'services',
    label: 'Services and their connections',
    done: (r) => r.services > 0,
    status: (r) => (r.services ? plural(r.services, 'service') : 'None yet: what do we run for them?'),
  },
  {
    tab: 'contacts',
    label: 'Contact points',
    done: (r) => r.contacts > 0,
    status: (r) => (r.contacts ? plural(r.contacts, 'contact') : 'None yet: who do we call?'),
  },
  {
    tab: 'roster',
    label: 'CSIRT roster',
    done: (r) => r.roster,
    status: (r) => (r.roster ? 'Own roster' : 'Uses our default roster, if there is one'),
  },
  {
    tab: 'obligations',
    label: 'Reporting obligations',
    done: (r) => r.obligations > 0,
    status: (r) => (r.obligations ? `${plural(r.obligations, 'obligation')} switched on` : 'None switched on'),
  },
  {
    tab: 'pace',
    label: 'PACE communication plans',
    done: (r) => r.pacePlans > 0,
    status: (r) => (r.pacePlans ? plural(r.pacePlans, 'ladder') : 'Uses our default ladders, if any'),
  },
  {
    tab: 'plans',
    label: 'Published contingency plan',
    done: (r) => r.plans > 0,
    status: (r) => (r.plans ? plural(r.plans, 'version') : 'Not published yet'),
  },
];

/** What is ready for an incident at this customer, each line a link to the tab that sets it up. */
export function SetupChecklist({ customerId }: { customerId: string }) {
  const readiness = useReadiness(customerId);
  const r = readiness.data;
  const done = r ? STEPS.filter((s) => s.done(r)).length : 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="setup-title">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h4" id="setup-title">
          Preparation
        </Title>
        {r && (
          <Text size="sm" c="dimmed">
            {done} of {STEPS.length} done
          </Text>
        )}
      </Group>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {STEPS.map((step) => (
          <Group key={step.tab} component="li" gap="sm" wrap="nowrap" align="flex-start">
            {r ? (
              <ThemeIcon size={22} radius="xl" variant="light" color={step.done(r) ? 'teal' : 'gray'} aria-hidden>
                {step.done(r) ? <IconCircleCheck size={15} /> : <IconCircleDashed size={15} />}
              </ThemeIcon>
            ) : (
              <Skeleton h={22} w={22} circle />
            )}
            <div>
              <Anchor component={Link} to={`?tab=${step.tab}`} fz="sm" fw={500}>
                {step.label}
              </Anchor>
              {r ? (
                <Text size="xs" c="dimmed">
                  {step.status(r)}
                </Text>
              ) : (
                <Skeleton h={10} w={140} mt={4} />
              )}
            </div>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
