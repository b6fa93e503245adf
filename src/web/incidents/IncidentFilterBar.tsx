import { Button, Chip, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { INCIDENT_STATUSES, type IncidentStatus, SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { SEVERITY_LABELS, STATUS_LABELS } from './incident-labels.ts';
import type { IncidentFilters } from './incidents-api.ts';
import { NO_FILTERS } from './use-incident-filters.ts';

const STATUS_OPTIONS = INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));
const EXERCISE_OPTIONS = [
  { value: 'all', label: 'Real and exercises' },
  { value: 'real', label: 'Real incidents only' },
  { value: 'exercise', label: 'Exercises only' },
];

interface IncidentFilterBarProps {
  filters: IncidentFilters;
  onChange: (next: Partial<IncidentFilters>) => void;
  active: boolean;
}

export function IncidentFilterBar({ filters, onChange, active }: IncidentFilterBarProps) {
  const [q, setQ] = useState(filters.q);
  const customers = useCustomers();
  const [debouncedQ] = useDebouncedValue(q, 300);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // Typing settles for 300 ms before the search reaches the address bar (and the server).
  useEffect(() => {
    if (debouncedQ !== latest.current.filters.q) latest.current.onChange({ q: debouncedQ });
  }, [debouncedQ]);

  // The address changed from elsewhere (Back, "Clear filters"): show that search, unless it is our own echo.
  const [seenQ, setSeenQ] = useState(filters.q);
  if (filters.q !== seenQ) {
    setSeenQ(filters.q);
    if (filters.q !== debouncedQ) setQ(filters.q);
  }

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Key, title or description"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange({ q });
        }}
        type="search"
        w={{ base: '100%', sm: 280 }}
      />
      <MultiSelect
        label="Status"
        placeholder={filters.status.length ? undefined : 'Any status'}
        data={STATUS_OPTIONS}
        value={filters.status}
        onChange={(v) => onChange({ status: v as IncidentStatus[] })}
        clearable
        w={{ base: '100%', sm: 260 }}
      />
      <MultiSelect
        label="Severity"
        placeholder={filters.severity.length ? undefined : 'Any severity'}
        data={SEVERITY_OPTIONS}
        value={filters.severity}
        onChange={(v) => onChange({ severity: v as Severity[] })}
        clearable
        w={{ base: '100%', sm: 220 }}
      />
      <Select
        label="Exercise"
        data={EXERCISE_OPTIONS}
        value={filters.exercise}
        onChange={(v) => onChange({ exercise: (v ?? 'all') as IncidentFilters['exercise'] })}
        allowDeselect={false}
        w={{ base: '100%', sm: 200 }}
      />
      {(customers.data?.length || filters.customerId) && (
        <Select
          label="Customer"
          placeholder="Every customer"
          data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.code ? `${c.name} (${c.code})` : c.name }))}
          value={filters.customerId}
          onChange={(v) => onChange({ customerId: v })}
          searchable
          clearable
          nothingFoundMessage="No customer matches"
          w={{ base: '100%', sm: 240 }}
        />
      )}
      <Chip
        checked={filters.mine}
        onChange={(mine) => onChange({ mine })}
        variant="outline"
        mb={4}
        title="Only incidents where you hold a role or have an open task"
      >
        Mine
      </Chip>
      {active && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setQ('');
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
