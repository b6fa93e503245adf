import { ActionIcon, Alert, CopyButton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconMailCheck, IconMailOff } from '@tabler/icons-react';
import { formatAbsolute } from '../core/time.ts';
import type { Invited } from './users-api.ts';

/** What became of an invitation: sent, or the link to pass on by hand (shown this once) and why. */
export function InviteResult({ invited }: { invited: Invited }) {
  const { invitation, mail, link } = invited;
  const until = formatAbsolute(invitation.expiresAt);
  if (mail.sent) {
    return (
      <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} title={`Invitation sent to ${invitation.email}`}>
        The link in the e-mail works once, until {until}.
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light" icon={<IconMailOff size={18} />} title="The invitation was not e-mailed">
        {mail.reason}. Send {invitation.email} this link yourself; it works once, until {until}, and is shown only now.
      </Alert>
      {link && (
        <TextInput
          label="Invitation link"
          value={link}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          data-autofocus
          rightSection={
            <CopyButton value={link} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
                  <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy link">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          }
        />
      )}
      <Text size="xs" c="dimmed">
        Anyone with the link can create this account: send it only to {invitation.email}.
      </Text>
    </Stack>
  );
}
