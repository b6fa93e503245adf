import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCustomerOpenActions } from './actions-api.ts';

/**
 * On the editor of a customer's playbook: the review actions being worked on here (drafted, targeting this playbook),
 * naming each action and the review it came from, and saying that publishing the customer's plan completes them.
 */
export function PlaybookActionBanner({ customerId, slug }: { customerId: string | null; slug: string | null }) {
  const query = useCustomerOpenActions(customerId && slug ? customerId : null);
  const here = (query.data?.items ?? []).filter(
    (a) => a.draft && a.target?.type === 'playbook' && a.target.playbookId === slug && a.target.customerId === customerId,
  );
  if (!customerId || here.length === 0) return null;
  return (
    <Alert color="indigo" variant="light" icon={<IconBulb size={18} />} title="This draft carries out a review action">
      <List size="sm" spacing={2}>
        {here.map((a) => (
          <List.Item key={a.id}>
            “{a.title}”, from the review of{' '}
            <Anchor component={Link} to={`/incidents/${a.incidentKey}`} size="sm">
              {a.incidentKey}
            </Anchor>
            {a.ownerName ? ` (owner: ${a.ownerName})` : ''}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        Save your changes here, then publish the customer’s plan (
        <Anchor component={Link} to={`/customers/${encodeURIComponent(customerId)}?tab=plans`} size="sm">
          Plans tab
        </Anchor>
        ): publishing it with this playbook changed marks {here.length === 1 ? 'the action' : 'these actions'} done.
      </Text>
    </Alert>
  );
}
