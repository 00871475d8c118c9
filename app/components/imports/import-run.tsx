// An import on its way and its outcome: the upload's progress, then the batch's (polled), then the
// summary with counts, the first reported rows and the error report.
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconFileImport, IconListDetails, IconPlayerPause } from "@tabler/icons-react";
import type { BatchView } from "../../modules/imports/batches.server";
import type { ListedIssue } from "../../modules/imports/report.server";
import { count, formatBytes, formatDuration, plural } from "../../modules/orders/format";

/** BatchView as it arrives in JSON. */
export type BatchJson = Omit<BatchView, "startedAt" | "finishedAt" | "heartbeatAt"> & { startedAt: string; finishedAt: string | null; heartbeatAt: string };

export function UploadProgress({ fileName, loaded, total }: { fileName: string; loaded: number; total: number }) {
  const pct = total ? Math.round((loaded / total) * 100) : 0;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="xs">
        <Title order={4}>Uploading {fileName}</Title>
        <Progress value={pct} size="lg" striped animated aria-label="Upload progress" />
        <Text size="sm" c="dimmed">
          {formatBytes(loaded)} of {formatBytes(total)} ({pct}%)
        </Text>
      </Stack>
    </Paper>
  );
}

export function BatchProgress({ batch }: { batch: BatchJson }) {
  const pct = batch.fileBytes ? Math.min(100, Math.round((batch.bytesDone / batch.fileBytes) * 100)) : 0;
  return (
    <Paper withBorder p="lg" radius="md" data-testid="import-progress">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>Importing {batch.fileName}</Title>
          <Badge variant="light">{pct}%</Badge>
        </Group>
        <Progress value={Math.max(pct, 2)} size="lg" striped animated aria-label="Import progress" />
        <Text size="sm" data-testid="import-progress-text">
          {plural(batch.records, "row")} processed · {plural(batch.errors, "error")} so far
          {batch.warnings ? ` · ${plural(batch.warnings, "warning")}` : ""}
        </Text>
        <Text size="xs" c="dimmed">
          You can leave this page: the import keeps running, and its result appears in the import history.
        </Text>
      </Stack>
    </Paper>
  );
}

export function BatchSummary({
  shopSlug,
  batch,
  issues,
  onAgain,
}: {
  shopSlug: string;
  batch: BatchJson;
  issues: ListedIssue[];
  onAgain: () => void;
}) {
  const base = `/s/${shopSlug}`;
  const ms = batch.finishedAt ? new Date(batch.finishedAt).getTime() - new Date(batch.startedAt).getTime() : 0;
  const completed = batch.status === "completed";
  const stats = [
    { label: "Created", value: batch.created, color: "green" },
    { label: "Updated", value: batch.updated, color: "blue" },
    { label: "Unchanged", value: batch.unchanged, color: "gray" },
    { label: "Rejected", value: batch.rejected, color: batch.rejected ? "red" : "gray" },
  ];
  return (
    <Paper withBorder p="lg" radius="md" data-testid="import-summary">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              {completed ? <IconCircleCheck color="var(--mantine-color-green-6)" /> : <IconAlertTriangle color="var(--mantine-color-red-6)" />}
              <Title order={4}>{completed ? `Imported ${batch.fileName}` : `The import of ${batch.fileName} did not finish`}</Title>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {plural(batch.records, "row")} read{completed ? ` in ${formatDuration(ms)}` : ""} · import #{batch.id}
            </Text>
          </div>
          <StatusBadge status={batch.status} />
        </Group>
        {batch.failure ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Why it stopped">
            {batch.failure}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {stats.map((s) => (
            <Paper key={s.label} withBorder p="sm" radius="md">
              <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                {s.label} orders
              </Text>
              <Text fz={26} fw={700} c={s.value ? s.color : undefined} data-testid={`summary-${s.label.toLowerCase()}`}>
                {count(s.value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Text size="sm">
          {batch.errors || batch.warnings
            ? `${plural(batch.errors, "row error")} and ${plural(batch.warnings, "warning")}. An order is imported only when all of its rows are valid.`
            : "No problems found in the file."}
        </Text>
        {issues.length ? <IssueTable issues={issues} more={batch.errors + batch.warnings - issues.length} /> : null}
        <Group gap="sm">
          {batch.errors || batch.warnings ? (
            <Button component="a" href={`${base}/api/imports/${batch.id}/errors`} leftSection={<IconDownload size={16} />} variant="light" download>
              Download error report
            </Button>
          ) : null}
          {batch.created || batch.updated ? (
            <Button component={Link} to={`${base}/orders?batch=${batch.id}`} leftSection={<IconListDetails size={16} />} variant="light">
              View imported orders
            </Button>
          ) : null}
          <Button onClick={onAgain} leftSection={<IconFileImport size={16} />} variant="default">
            Import another file
          </Button>
          <Anchor component={Link} to={`${base}/import/history`} size="sm">
            Import history
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

export function IssueTable({ issues, more }: { issues: ListedIssue[]; more: number }) {
  return (
    <div>
      <Table striped withTableBorder fz="sm" data-testid="import-issues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Line</Table.Th>
            <Table.Th w={110}>Severity</Table.Th>
            <Table.Th w={180}>Column</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.line}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={i.severity === "error" ? "red" : "yellow"}>
                  {i.severity}
                </Badge>
              </Table.Td>
              <Table.Td>{i.column ?? "—"}</Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          and {plural(more, "more row")} in the error report.
        </Text>
      ) : null}
    </div>
  );
}

const STATUS: Record<string, { color: string; label: string }> = {
  running: { color: "blue", label: "Running" },
  completed: { color: "green", label: "Completed" },
  interrupted: { color: "orange", label: "Interrupted" },
  failed: { color: "red", label: "Failed" },
};

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { color: "gray", label: status };
  return (
    <Badge color={s.color} variant="light" style={{ overflow: "visible" }} leftSection={status === "interrupted" ? <IconPlayerPause size={12} /> : undefined}>
      {s.label}
    </Badge>
  );
}
