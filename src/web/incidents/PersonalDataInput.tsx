import { Input, SegmentedControl } from '@mantine/core';
import type { PersonalDataChoice } from './incident-form-values.ts';

const OPTIONS = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

interface PersonalDataInputProps {
  value: PersonalDataChoice;
  onChange: (value: PersonalDataChoice) => void;
  error?: React.ReactNode;
}

export function PersonalDataInput({ value, onChange, error }: PersonalDataInputProps) {
  return (
    <Input.Wrapper
      label="Personal data involved"
      labelElement="div"
      description="Personal data can start GDPR clocks (72 h to the authority)."
      error={error}
    >
      <div style={{ marginTop: 6 }}>
        <SegmentedControl
          aria-label="Personal data involved"
          data={OPTIONS}
          value={value}
          onChange={(v) => onChange(v as PersonalDataChoice)}
          size="sm"
          color={value === 'yes' ? 'red' : undefined}
        />
      </div>
    </Input.Wrapper>
  );
}
