import { Select, type SelectProps } from '@mantine/core';
import { RSIT } from '../../shared/incident-vocabulary.ts';

/** RSIT classes as groups, their types as options; values are "class/type". */
const CATEGORY_DATA = Object.entries(RSIT).map(([cls, { label, types }]) => ({
  group: label,
  items: Object.entries(types).map(([type, typeLabel]) => ({ value: `${cls}/${type}`, label: typeLabel })),
}));

export function CategorySelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      label="Category"
      description="ENISA reference taxonomy (RSIT): class › type"
      placeholder="Not classified yet"
      data={CATEGORY_DATA}
      searchable
      clearable
      nothingFoundMessage="No category matches"
      maxDropdownHeight={320}
      {...props}
    />
  );
}
