import { NativeSelect } from '@mantine/core';
import type { IncidentSort, SortOrder } from '../../shared/incident-list.ts';

const ORDERS: { value: `${IncidentSort}:${SortOrder}`; label: string }[] = [
  { value: 'reported:desc', label: 'Newest first' },
  { value: 'reported:asc', label: 'Oldest first' },
  { value: 'updated:desc', label: 'Recently updated' },
  { value: 'severity:desc', label: 'Most severe first' },
  { value: 'severity:asc', label: 'Least severe first' },
  { value: 'status:asc', label: 'Earliest stage first' },
  { value: 'status:desc', label: 'Latest stage first' },
];

/** On phones the list has no column headers to sort by: the same orders in one native select. */
export function PhoneSortSelect({
  sort,
  order,
  onSort,
}: {
  sort: IncidentSort;
  order: SortOrder;
  onSort: (sort: IncidentSort, order: SortOrder) => void;
}) {
  return (
    <NativeSelect
      hiddenFrom="sm"
      label="Order"
      data={ORDERS}
      value={`${sort}:${order}`}
      onChange={(event) => {
        const [nextSort, nextOrder] = event.currentTarget.value.split(':') as [IncidentSort, SortOrder];
        onSort(nextSort, nextOrder);
      }}
    />
  );
}
