import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';

export interface ActionBasics {
  title: string;
  ownerId: string | null;
  /** The due time as a local date-time input value ('' for none). */
  due: string;
}

interface ActionBasicsFieldsProps {
  value: ActionBasics;
  onChange: (value: ActionBasics) => void;
  /** Who may own it. */
  owners: { id: string; name: string }[];
  errors: Record<string, string>;
  /** What the due date means for the reminder, in this form. */
  dueDescription: string;
}

/** What every action form asks first: what is to be done, by whom and by when (in the user's zone). */
export function ActionBasicsFields({ value, onChange, owners, errors, dueDescription }: ActionBasicsFieldsProps) {
  return (
    <>
      <TextInput
        label="What is to be done"
        placeholder="e.g. Add the VPN logs to the ransomware playbook"
        withAsterisk
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.currentTarget.value })}
        error={errors.title}
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Owner"
          placeholder="Nobody yet"
          data={owners.map((c) => ({ value: c.id, label: c.name }))}
          value={value.ownerId}
          onChange={(ownerId) => onChange({ ...value, ownerId })}
          error={errors.ownerId}
          clearable
          searchable
          nothingFoundMessage="Nobody by that name may work on this incident"
        />
        <LocalDateTimeInput
          label="Due"
          description={dueDescription}
          value={value.due}
          onChange={(e) => onChange({ ...value, due: e.currentTarget.value })}
          error={errors.dueAt}
        />
      </SimpleGrid>
    </>
  );
}
