import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { SourceWithToken } from './alerts-api.ts';
import { sourceSnippets } from './source-snippets.ts';

function CopyIcon({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label} withArrow>
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function Snippet({ text, copyLabel, label }: { text: string; copyLabel: string; label: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyIcon value={text} label={copyLabel} />
      </Group>
      <Code block fz="xs" aria-label={label}>
        {text}
      </Code>
    </Stack>
  );
}

interface SourceTokenModalProps {
  shown: SourceWithToken | null;
  /** "created" for a new source, "rotated" for a new token of an existing one. */
  reason: 'created' | 'rotated';
  onClose: () => void;
}

/** The source's token, shown this once, with a copy button and how to use it from curl and Alertmanager. */
export function SourceTokenModal({ shown, reason, onClose }: SourceTokenModalProps) {
  const origin = window.location.origin;
  const snippets = shown ? sourceSnippets(origin, shown.token) : null;
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title={shown ? `Token for ${shown.source.name}` : 'Token'}
      size="xl"
      // Shown once: a stray click or Escape must not throw the token away; "I have copied it" or × close it.
      closeOnClickOutside={false}
      closeOnEscape={false}
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {shown && snippets && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Copy it now">
            {reason === 'rotated'
              ? 'The old token no longer works. This new one is shown only once: put it in the monitoring system’s configuration now.'
              : 'The token is shown only once. Put it in the monitoring system’s configuration now; if it is lost, rotate it for a new one.'}
          </Alert>
          <TextInput
            label="Token"
            readOnly
            value={shown.token}
            ff="monospace"
            onFocus={(e) => e.currentTarget.select()}
            rightSection={<CopyIcon value={shown.token} label="Copy the token" />}
            data-autofocus
          />
          <Tabs defaultValue="alertmanager">
            <Tabs.List>
              <Tabs.Tab value="alertmanager">Prometheus Alertmanager</Tabs.Tab>
              <Tabs.Tab value="curl">Any system (curl)</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="alertmanager" pt="sm">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  A complete <Code>alertmanager.yml</Code> that sends every alert to Muster, resolved notifications included. To
                  add Muster to an existing file, copy its receiver under <Code>receivers</Code> and route the customer’s alerts
                  to it.
                </Text>
                <Snippet
                  text={snippets.alertmanager}
                  label="Alertmanager configuration"
                  copyLabel="Copy the Alertmanager configuration"
                />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="curl" pt="sm">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  One alert, or an array of them. Send the same alert with <Code>"status": "resolved"</Code> when it clears; a{' '}
                  <Code>fingerprint</Code> field names the alert, otherwise one is computed from its labels.
                </Text>
                <Snippet text={snippets.curl} label="Example request" copyLabel="Copy the example request" />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
