import { Input, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { IMPACT_LEVELS } from '../../shared/incident-vocabulary.ts';
import type { ImpactChoice, IncidentFormValues } from './incident-form-values.ts';
import { IMPACT_DIMENSIONS, IMPACT_LABELS } from './incident-labels.ts';

const OPTIONS = [
  { value: 'unknown', label: '?' },
  ...IMPACT_LEVELS.map((level) => ({ value: level, label: IMPACT_LABELS[level] })),
];

type ImpactValue = IncidentFormValues['impact'];

interface ImpactInputProps {
  value: ImpactValue;
  onChange: (value: ImpactValue) => void;
  error?: React.ReactNode;
}

/** C/I/A impact: three segmented controls; "?" means not assessed yet. Severity is derived from them. */
export function ImpactInput({ value, onChange, error }: ImpactInputProps) {
  return (
    <Input.Wrapper
      label="Impact"
      labelElement="div"
      description="Loss of confidentiality, integrity and availability. “?” = not assessed yet; severity is derived from these."
      error={error}
    >
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" mt={6}>
        {IMPACT_DIMENSIONS.map(({ key, label }) => (
          <Stack key={key} gap={4}>
            <Text size="sm" fw={500} id={`impact-${key}-label`}>
              {label}
            </Text>
            <SegmentedControl
              aria-labelledby={`impact-${key}-label`}
              data={OPTIONS}
              value={value[key]}
              onChange={(v) => onChange({ ...value, [key]: v as ImpactChoice })}
              size="xs"
              fullWidth
              color={value[key] === 'high' ? 'red' : value[key] === 'medium' ? 'orange' : undefined}
            />
          </Stack>
        ))}
      </SimpleGrid>
    </Input.Wrapper>
  );
}
