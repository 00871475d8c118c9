// The recent label batches on the Shipments page: who made each, its file, labels and skipped
// orders, live progress while one runs, and the download (a reprint returns the same bytes).
import { ActionIcon, Anchor, Badge, Button, Group, Modal, Paper, Progress, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { useRevalidator } from "@remix-run/react";
import { IconDownload, IconEye } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { batchFileUrl, type BatchView, DownloadButton, fileSize, SkippedList } from "./label-batch";

const when = (iso: string | Date | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }) : "";

export function LabelBatchesCard({ slug, batches, onPreview }: { slug: string; batches: BatchView[]; onPreview: (url: string) => void }) {
  const revalidator = useRevalidator();
  const [skipped, setSkipped] = useState<BatchView | null>(null);
  const running = batches.some((b) => b.status === "running");
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(t);
  }, [running, revalidator]);
  return (
    <Paper withBorder p="lg" radius="md" aria-labelledby="batches-title">
      <Title order={4} id="batches-title" mb="sm">
        Label batches
      </Title>
      {batches.length === 0 ? (
        <Text size="sm" c="dimmed">
          No labels printed yet. Create labels here for every ready order, or select orders on the Orders page.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" fz="sm" aria-label="Label batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Batch</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th>Labels</Table.Th>
                <Table.Th>Skipped</Table.Th>
                <Table.Th w={220}>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>#{b.id}</Table.Td>
                  <Table.Td>
                    {when(b.createdAt)}
                    <Text size="xs" c="dimmed">
                      {b.createdByName ?? "CLI"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {b.format === "zpl" ? "ZPL" : b.layout === "letter" ? "PDF, letter" : "PDF, 4x6"}
                    {b.packingSlips ? " + slips" : ""}
                    <Text size="xs" c="dimmed">
                      {fileSize(b.fileBytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{b.generated.length}</Table.Td>
                  <Table.Td>
                    {b.skipped.length > 0 ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => setSkipped(b)}>
                        {b.skipped.length} skipped
                      </Anchor>
                    ) : (
                      "0"
                    )}
                  </Table.Td>
                  <Table.Td>
                    {b.status === "running" ? (
                      <Stack gap={2}>
                        <Progress value={b.total ? (b.done / b.total) * 100 : 0} animated aria-label={`Batch ${b.id} progress`} />
                        <Text size="xs" c="dimmed">
                          {b.done} of {b.total}
                        </Text>
                      </Stack>
                    ) : b.status === "failed" ? (
                      <Tooltip label={b.failure ?? ""} multiline w={320}>
                        <Badge color="red" variant="light">
                          Failed
                        </Badge>
                      </Tooltip>
                    ) : (
                      <Badge color="teal" variant="light">
                        Done
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {b.status === "completed" && b.fileName ? (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {b.format === "pdf" ? (
                          <Tooltip label="Preview">
                            <ActionIcon variant="subtle" aria-label={`Preview batch ${b.id}`} onClick={() => onPreview(batchFileUrl(slug, b.id, true))}>
                              <IconEye size={18} />
                            </ActionIcon>
                          </Tooltip>
                        ) : null}
                        <DownloadButton url={batchFileUrl(slug, b.id)} size="xs" variant="light" leftSection={<IconDownload size={14} />} aria-label={`Download batch ${b.id}`}>
                          Download
                        </DownloadButton>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={skipped !== null} onClose={() => setSkipped(null)} title={`Batch #${skipped?.id}: orders skipped`} size="lg">
        {skipped ? <SkippedList skipped={skipped.skipped} /> : null}
      </Modal>
    </Paper>
  );
}

