import { Badge, Group, Paper, Title } from '@mantine/core';

interface PlanSectionProps {
  id: string;
  title: string;
  count?: number;
  children: React.ReactNode;
  padded?: boolean;
}

/** One section of a plan version, linkable by its id. */
export function PlanSection({ id, title, count, children, padded = true }: PlanSectionProps) {
  return (
    <Paper
      withBorder
      radius="md"
      p={padded ? 'md' : 0}
      component="section"
      aria-labelledby={`${id}-title`}
      id={id}
      style={{ scrollMarginTop: 72 }}
    >
      <Group gap="xs" mb="sm" p={padded ? 0 : 'md'} pb={0}>
        <Title order={2} fz="h4" id={`${id}-title`}>
          {title}
        </Title>
        {count !== undefined && (
          <Badge variant="light" color="gray" size="sm">
            {count}
          </Badge>
        )}
      </Group>
      {children}
    </Paper>
  );
}
