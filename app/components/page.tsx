// Page scaffolding shared by every shop page: a title row with actions, and the empty/coming-soon
// states so each page does not invent its own.
import { Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconTools } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <div>
        <Title order={2}>{title}</Title>
        {description ? (
          <Text c="dimmed" size="sm" mt={2}>
            {description}
          </Text>
        ) : null}
      </div>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/** A titled card of a detail page: an icon, a title, something at the right (optional), its content. */
export function Section({ icon, title, aside, testId, children }: { icon: ReactNode; title: ReactNode; aside?: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" data-testid={testId}>
      <Group gap="xs" mb="sm" justify="space-between">
        <Group gap="xs">
          {icon}
          <Title order={4}>{title}</Title>
        </Group>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs" ta="center">
        {icon ? (
          <ThemeIcon size={48} radius="xl" variant="light">
            {icon}
          </ThemeIcon>
        ) : null}
        <Text fw={600}>{title}</Text>
        {children ? (
          <Text c="dimmed" size="sm" maw={520}>
            {children}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={<IconTools size={26} />} title="Coming soon">
        {what}
      </EmptyState>
    </>
  );
}
