import { Code, Table, type TableTdProps } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

/** One row of a custody log: the cells as each place words them, and the step's hash (shown shortened). */
export interface CustodyLogRow {
  key: number;
  /** Set as the row's data-custody-action attribute when given. */
  action?: string;
  when: ReactNode;
  whenProps?: TableTdProps;
  who: ReactNode;
  what: ReactNode;
  detail: ReactNode;
  hash: string;
}

interface CustodyLogProps {
  label: string;
  rows: CustodyLogRow[];
  /** The fourth column's header. */
  detailHeader: string;
  detailStyle?: CSSProperties;
  hashChars: number;
  fz: 'sm' | 'xs';
  minWidth: number;
  id?: string;
  headerScope?: 'col';
}

/** A chain-of-custody table: when, who, action, a detail column and the step's short hash. */
export function CustodyLog({
  label,
  rows,
  detailHeader,
  detailStyle,
  hashChars,
  fz,
  minWidth,
  id,
  headerScope,
}: CustodyLogProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} id={id}>
      <Table verticalSpacing={4} fz={fz} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope={headerScope}>When</Table.Th>
            <Table.Th scope={headerScope}>Who</Table.Th>
            <Table.Th scope={headerScope}>Action</Table.Th>
            <Table.Th scope={headerScope}>{detailHeader}</Table.Th>
            <Table.Th scope={headerScope}>Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-custody-action={row.action}>
              <Table.Td {...row.whenProps}>{row.when}</Table.Td>
              <Table.Td>{row.who}</Table.Td>
              <Table.Td>{row.what}</Table.Td>
              <Table.Td style={detailStyle}>{row.detail}</Table.Td>
              <Table.Td>
                <Code fz="xs" title={row.hash}>
                  {row.hash.slice(0, hashChars)}
                </Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
