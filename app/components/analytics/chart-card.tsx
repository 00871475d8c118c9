// One analytics chart: title, what it shows, a CSV download of its data, the chart, and the table
// with the same numbers underneath (for reading exact values, screen readers and keyboard users).
import { Button, Group, Paper, ScrollArea, Table, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function ChartCard({
  id,
  title,
  description,
  csvHref,
  chart,
  table,
  empty,
}: {
  id: string;
  title: string;
  description: ReactNode;
  csvHref: string;
  chart: ReactNode;
  table: ReactNode;
  /** Shown instead of the chart and table when there is nothing to draw. */
  empty?: string | null;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md" gap="sm">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Title order={3} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {description}
          </Text>
        </div>
        <Button
          component="a"
          href={csvHref}
          download
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          style={{ flexShrink: 0 }}
          aria-label={`Download the data of "${title}" as CSV`}
        >
          CSV
        </Button>
      </Group>
      {empty ? (
        <Text c="dimmed" size="sm" ta="center" py="xl" data-testid={`chart-${id}-empty`}>
          {empty}
        </Text>
      ) : (
        <>
          {chart}
          <ScrollArea mt="md" type="auto">
            <Table striped withTableBorder fz="sm" data-testid={`table-${id}`}>
              {table}
            </Table>
          </ScrollArea>
        </>
      )}
    </Paper>
  );
}

/** A numeric table cell, right-aligned with tabular figures so columns line up. */
export function Num({ children, strong }: { children: ReactNode; strong?: boolean }) {
  return (
    <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }} fw={strong ? 600 : undefined}>
      {children}
    </Table.Td>
  );
}

export function NumTh({ children }: { children: ReactNode }) {
  return <Table.Th ta="right">{children}</Table.Th>;
}
