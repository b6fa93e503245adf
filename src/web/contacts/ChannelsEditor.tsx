import { Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconClockCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ChannelType } from '../../shared/prepare-types.ts';
import { toLocalInput, userTimeZone } from '../core/time.ts';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';
import { ADDRESS_HINTS, CHANNEL_OPTIONS, channelIcon } from './channel-labels.tsx';
import { type ContactFormValues, newChannelRow } from './contact-form-values.ts';

/** The ways to reach a contact, each with its address, whether it is verified, and when it was last tested. */
export function ChannelsEditor({ form }: { form: UseFormReturnType<ContactFormValues> }) {
  const rows = form.values.channels;
  const add = () => {
    const index = rows.length;
    form.insertListItem('channels', newChannelRow());
    requestAnimationFrame(() => form.getInputNode(`channels.${index}.type`)?.focus());
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text fw={500} size="sm" id="channels-label">
            Channels
          </Text>
          <Text size="xs" c="dimmed">
            How to reach them. PACE plans pick from these; test them regularly (times in {userTimeZone()}).
          </Text>
        </div>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add}>
          Add channel
        </Button>
      </Group>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic" py="sm" ta="center" bd="1px dashed var(--mantine-color-default-border)" bdrs="md">
          No channels: nobody can be notified. Add at least one.
        </Text>
      )}
      <Stack gap="xs" role="list" aria-labelledby="channels-label">
        {rows.map((row, i) => {
          const n = i + 1;
          const hint = ADDRESS_HINTS[row.type];
          return (
            <Paper key={row.rowKey} withBorder p="sm" radius="md" role="listitem" aria-label={`Channel ${n}`}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="xs">
                <Select
                  label="Type"
                  size="xs"
                  data={CHANNEL_OPTIONS}
                  allowDeselect={false}
                  leftSection={channelIcon(row.type, 14)}
                  aria-label={`Type of channel ${n}`}
                  {...form.getInputProps(`channels.${i}.type`)}
                  onChange={(v) => v && form.setFieldValue(`channels.${i}.type`, v as ChannelType)}
                />
                <TextInput
                  label={hint.label}
                  size="xs"
                  required
                  placeholder={hint.placeholder}
                  aria-label={`${hint.label} of channel ${n}`}
                  {...form.getInputProps(`channels.${i}.address`)}
                />
                <TextInput
                  label="Label"
                  size="xs"
                  placeholder="e.g. work mobile, duty phone"
                  aria-label={`Label of channel ${n}`}
                  {...form.getInputProps(`channels.${i}.label`)}
                />
              </SimpleGrid>
              <Group mt="xs" gap="md" align="flex-end" justify="space-between">
                <Group gap="md" align="flex-end">
                  <LocalDateTimeInput
                    label="Last tested"
                    size="xs"
                    w={220}
                    aria-label={`Last tested, channel ${n}`}
                    {...form.getInputProps(`channels.${i}.lastTestedAt`)}
                  />
                  <Tooltip label="Set the last test to now, after you have tried the channel" withArrow>
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconClockCheck size={14} />}
                      aria-label={`Mark channel ${n} as tested now`}
                      onClick={() => form.setFieldValue(`channels.${i}.lastTestedAt`, toLocalInput(new Date().toISOString()))}
                    >
                      Tested now
                    </Button>
                  </Tooltip>
                  <Switch
                    label="Verified"
                    description="The owner confirmed it reaches them"
                    aria-label={`Verified, channel ${n}`}
                    size="sm"
                    mb={2}
                    {...form.getInputProps(`channels.${i}.verified`, { type: 'checkbox' })}
                  />
                </Group>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={`Remove channel ${n}`}
                  onClick={() => form.removeListItem('channels', i)}
                >
                  Remove
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
