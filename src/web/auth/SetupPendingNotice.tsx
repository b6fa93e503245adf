import { Code, List, Text } from '@mantine/core';
import { AuthLayout } from './AuthLayout.tsx';

/** Shown instead of the sign-in form while no user exists yet. */
export function SetupPendingNotice() {
  return (
    <AuthLayout title="Finish setting up Muster" subtitle="No account exists yet, so there is nobody to sign in as." width={520}>
      <Text size="sm" mb="sm">
        The first administrator is created through a one-time setup link. For security, the link is only shown to whoever runs the
        server:
      </Text>
      <List size="sm" spacing="xs" type="ordered" mb="md">
        <List.Item>
          Open the server log (the terminal running <Code>npm start</Code>, or <Code>docker logs</Code> / <Code>journalctl</Code>
          ).
        </List.Item>
        <List.Item>
          Find the line with <Code>/setup?token=…</Code> and open that address in this browser.
        </List.Item>
        <List.Item>Create your administrator account; you are signed in straight away.</List.Item>
      </List>
      <Text size="xs" c="dimmed">
        Lost the log? Restart the server: while setup is pending, it prints a fresh link at every start.
      </Text>
    </AuthLayout>
  );
}
