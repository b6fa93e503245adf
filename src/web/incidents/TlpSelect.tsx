import { Box, Group, Select, type SelectProps, Text } from '@mantine/core';
import { TLP_LABELS, type Tlp } from '../../shared/incident-vocabulary.ts';
import { TLP_COLORS, TLP_DESCRIPTIONS } from './incident-labels.ts';

const DATA = [...TLP_LABELS].reverse().map((tlp) => ({ value: tlp, label: tlp }));

function Swatch({ tlp }: { tlp: Tlp }) {
  return (
    <Box
      w={12}
      h={12}
      style={{ borderRadius: 3, background: TLP_COLORS[tlp], border: '1px solid #868e96', flexShrink: 0 }}
      aria-hidden
    />
  );
}

/** TLP 2.0 marking, most restrictive first, each with what it allows. */
export function TlpSelect(props: Omit<SelectProps, 'data'>) {
  const value = props.value as Tlp | undefined;
  return (
    <Select
      label="TLP"
      description={value ? TLP_DESCRIPTIONS[value] : 'Traffic Light Protocol: who may see this'}
      data={DATA}
      allowDeselect={false}
      leftSection={value ? <Swatch tlp={value} /> : null}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <Swatch tlp={option.value as Tlp} />
          <div>
            <Text size="sm" ff="monospace" fw={600}>
              {option.value}
            </Text>
            <Text size="xs" c="dimmed">
              {TLP_DESCRIPTIONS[option.value as Tlp]}
            </Text>
          </div>
        </Group>
      )}
      {...props}
    />
  );
}
