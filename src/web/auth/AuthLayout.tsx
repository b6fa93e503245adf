import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldHalfFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from '../app/ColorSchemeToggle.tsx';

interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  width?: number;
}

/** The centred card used by the pages shown before anyone is signed in. */
export function AuthLayout({ title, subtitle, children, width = 420 }: AuthLayoutProps) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)" pos="relative">
      <Box pos="absolute" top={16} right={16}>
        <ColorSchemeToggle />
      </Box>
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={width} gap="lg">
          <Group gap={10} justify="center">
            <IconShieldHalfFilled size={34} color="var(--mantine-primary-color-filled)" aria-hidden />
            <Text fw={750} fz={28} lts={-0.5}>
              Muster
            </Text>
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="lg">
            <Stack gap={4} mb="lg">
              <Title order={1} fz="h3">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
