import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident, IncidentPage } from '../../shared/api-types.ts';
import { INCIDENT_STATUSES } from '../../shared/incident-vocabulary.ts';
import { api } from '../core/api.ts';
import { STATUS_LABELS } from '../incidents/incident-labels.ts';

/** Incidents still being worked: everything but closed and dismissed. */
const OPEN_STATUSES = INCIDENT_STATUSES.filter((s) => s !== 'closed' && s !== 'dismissed');

function useOpenIncidents(q: string, customerId: string | null) {
  return useQuery({
    queryKey: ['incidents', 'list', 'picker', q, customerId],
    queryFn: ({ signal }) =>
      api<IncidentPage>('/incidents', {
        signal,
        query: { status: OPEN_STATUSES, q: q.trim(), customerId, limit: 20 },
      }).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

const labelOf = (incident: Incident) => `${incident.key} · ${incident.title}`;

interface IncidentPickerProps {
  label: string;
  description?: string;
  /** The chosen incident's id. */
  value: string | null;
  onChange: (incident: Incident | null) => void;
  /** Only this customer's incidents (null: every customer's). */
  customerId: string | null;
  error?: React.ReactNode;
  required?: boolean;
  autoFocus?: boolean;
}

/** Choose an open incident by key or words of its title; the server searches as you type. */
export function IncidentPicker({
  label,
  description,
  value,
  onChange,
  customerId,
  error,
  required,
  autoFocus,
}: IncidentPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<Incident | null>(null);
  // Once one is chosen the box shows its label: that is not a search.
  const query = useOpenIncidents(chosen && debounced === labelOf(chosen) ? '' : debounced, customerId);
  const found = query.data ?? [];
  // The chosen incident stays an option while the search shows others.
  const options = chosen && !found.some((i) => i.id === chosen.id) ? [chosen, ...found] : found;
  const byId = new Map(options.map((i) => [i.id, i]));

  return (
    <Select
      label={label}
      description={description}
      placeholder="Type a key or words of the title"
      required={required}
      searchable
      clearable
      data-autofocus={autoFocus || undefined}
      data={options.map((i) => ({ value: i.id, label: labelOf(i) }))}
      value={value}
      onChange={(id) => {
        const incident = id ? (byId.get(id) ?? null) : null;
        setChosen(incident);
        onChange(incident);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already searched title, description and key: show what it found.
      filter={({ options: all }) => all}
      nothingFoundMessage={query.isFetching ? 'Searching…' : 'No open incident matches'}
      leftSection={<IconSearch size={16} aria-hidden />}
      error={error}
      renderOption={({ option }) => {
        const incident = byId.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <Text size="sm" truncate="end">
              {option.label}
            </Text>
            {incident && (
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {STATUS_LABELS[incident.status]}
              </Text>
            )}
          </Group>
        );
      }}
    />
  );
}
