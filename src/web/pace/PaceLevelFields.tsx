import {
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Contact } from '../../shared/prepare-types.ts';
import { PaceLevelBadge } from './PaceLevelBadge.tsx';
import type { LadderFormValues, LevelMode } from './pace-form-values.ts';
import { CHANNEL_TYPE_LABELS, PACE_LEVEL_LABELS } from './pace-labels.ts';

interface PaceLevelFieldsProps {
  form: UseFormReturnType<LadderFormValues>;
  index: number;
  contacts: readonly Contact[];
  customerId: string | null;
}

const LEVEL_HINTS = {
  primary: 'The usual way to reach them.',
  alternate: 'When the primary fails: on other infrastructure than the primary.',
  contingency: 'When both fail: slower, but independent.',
  emergency: 'The last resort, e.g. in person or a phone tree.',
} as const;

/** One rung of the ladder: who and how, when to move on, and a note. */
export function PaceLevelFields({ form, index, contacts, customerId }: PaceLevelFieldsProps) {
  const path = `levels.${index}` as const;
  const row = form.values.levels[index];
  const contact = contacts.find((c) => c.id === row.contactId);
  const name = PACE_LEVEL_LABELS[row.level];

  const own = contacts.filter((c) => c.customerId !== null);
  const ours = contacts.filter((c) => c.customerId === null);
  const option = (c: Contact) => ({ value: c.id, label: c.role ? `${c.name} (${c.role})` : c.name });
  const contactData = customerId
    ? [
        { group: 'This customer', items: own.map(option) },
        { group: 'Our organisation', items: ours.map(option) },
      ].filter((g) => g.items.length > 0)
    : ours.map(option);
  const channelData = (contact?.channels ?? []).map((ch) => ({
    value: ch.id,
    label: `${CHANNEL_TYPE_LABELS[ch.type]}: ${ch.address}${ch.label ? ` (${ch.label})` : ''}${ch.verified ? '' : ' — not verified'}`,
  }));

  const setMode = (mode: string) => form.setFieldValue(`${path}.mode`, mode as LevelMode);
  const isLast = index === form.values.levels.length - 1;

  return (
    <Paper withBorder radius="md" p="sm" component="fieldset" style={{ margin: 0, minWidth: 0 }} aria-label={`${name} level`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <PaceLevelBadge level={row.level} full size="lg" />
            <Text size="xs" c="dimmed">
              {LEVEL_HINTS[row.level]}
            </Text>
          </Group>
          <SegmentedControl
            size="xs"
            value={row.mode}
            onChange={setMode}
            aria-label={`How the ${name.toLowerCase()} level reaches someone`}
            data={[
              { value: 'channel', label: 'Contact and channel' },
              { value: 'manual', label: 'By hand' },
              { value: 'none', label: 'Not set' },
            ]}
          />
        </Group>

        {row.mode === 'channel' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={`${name}: contact`}
              placeholder={contacts.length ? 'Choose a contact' : 'No contacts yet'}
              data={contactData}
              searchable
              nothingFoundMessage="No contact matches"
              withAsterisk
              {...form.getInputProps(`${path}.contactId`)}
              onChange={(value) => {
                form.setFieldValue(`${path}.contactId`, value);
                const next = contacts.find((c) => c.id === value);
                // Keep the channel only if the new contact has it; with one channel, take it.
                const keep = next?.channels.some((ch) => ch.id === row.channelId);
                form.setFieldValue(
                  `${path}.channelId`,
                  keep ? row.channelId : next?.channels.length === 1 ? next.channels[0].id : null,
                );
              }}
            />
            <Select
              label={`${name}: channel`}
              placeholder={
                contact ? (channelData.length ? 'Choose a channel' : 'This contact has no channels') : 'Choose a contact first'
              }
              data={channelData}
              disabled={!contact}
              withAsterisk
              {...form.getInputProps(`${path}.channelId`)}
            />
          </SimpleGrid>
        )}
        {row.mode === 'manual' && (
          <Textarea
            label={`${name}: what a person must do`}
            placeholder="e.g. Call the duty phone +47 400 00 000; if nobody answers, go to the customer's reception"
            autosize
            minRows={2}
            withAsterisk
            {...form.getInputProps(`${path}.instruction`)}
          />
        )}
        {row.mode === 'none' && (
          <Text size="sm" c="dimmed">
            No {name.toLowerCase()} level: the ladder warns about the gap.
          </Text>
        )}

        {row.mode !== 'none' && (
          <>
            {!isLast && (
              <Group gap="md" align="flex-end" wrap="wrap">
                <NumberInput
                  label="No acknowledgement within (minutes)"
                  description="Then move on. Empty: never by time alone"
                  placeholder="never"
                  min={1}
                  max={10_080}
                  allowDecimal={false}
                  allowNegative={false}
                  w={280}
                  {...form.getInputProps(`${path}.noAckMinutes`)}
                />
                <Checkbox
                  label="Move on when delivery fails"
                  mb={8}
                  {...form.getInputProps(`${path}.onDeliveryFailure`, { type: 'checkbox' })}
                />
                <Checkbox
                  label="Move on when the channel is declared compromised"
                  mb={8}
                  {...form.getInputProps(`${path}.onChannelCompromised`, { type: 'checkbox' })}
                />
              </Group>
            )}
            <TextInput
              label={`${name}: note`}
              placeholder="e.g. Only during office hours; ask for the duty engineer"
              {...form.getInputProps(`${path}.note`)}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
