// The label batch workflow shared by the orders toolbar, the Shipments page and the order page:
// the print options, starting a batch, polling its progress, and the outcome (download, preview,
// and the orders skipped with their reasons).
import { Alert, Badge, Button, type ButtonProps, Checkbox, Group, Progress, ScrollArea, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { IconAlertTriangle, IconDownload, IconEye } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import type { LabelBatchRequest, labelBatch } from "../../modules/labels/batches.server";
import type { LabelFormat, LabelLayout } from "../../modules/labels/render";

/** The print options a batch is started with. */
export type LabelOptions = Pick<LabelBatchRequest, "format" | "layout" | "packingSlips">;

/** A batch as the status route and the Shipments page's loader return it. */
export type BatchView = SerializeFrom<typeof labelBatch>;

export function batchFileUrl(shopSlug: string, batchId: number, preview = false) {
  return `/s/${shopSlug}/api/labels/${batchId}/file${preview ? "?preview=1" : ""}`;
}

/**
 * Downloading a print file records the print, so it is a POST (a plain form, which the browser
 * answers with the file and stays on the page), never a GET another site could link to.
 */
export function postDownload(url: string) {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  form.style.display = "none";
  document.body.appendChild(form);
  form.submit();
  form.remove();
}

export function DownloadButton({ url, children, ...button }: { url: string; children: React.ReactNode } & Omit<ButtonProps, "type"> & { "aria-label"?: string }) {
  return (
    <form method="post" action={url} style={{ display: "inline" }}>
      <Button type="submit" leftSection={<IconDownload size={16} />} {...button}>
        {children}
      </Button>
    </form>
  );
}

export function LabelOptionsFields({ value, onChange }: { value: LabelOptions; onChange: (v: LabelOptions) => void }) {
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500} mb={4} id="label-format-label">
          Format
        </Text>
        <SegmentedControl
          aria-labelledby="label-format-label"
          value={value.format}
          onChange={(format) => onChange({ ...value, format: format as LabelFormat })}
          data={[
            { value: "pdf", label: "PDF (laser / desktop)" },
            { value: "zpl", label: "ZPL (thermal printer)" },
          ]}
        />
      </div>
      <div>
        <Text size="sm" fw={500} mb={4} id="label-layout-label">
          Layout
        </Text>
        <SegmentedControl
          aria-labelledby="label-layout-label"
          value={value.format === "zpl" ? "4x6" : value.layout}
          disabled={value.format === "zpl"}
          onChange={(layout) => onChange({ ...value, layout: layout as LabelLayout })}
          data={[
            { value: "4x6", label: "4 x 6 in, one per page" },
            { value: "letter", label: "Letter, two per page" },
          ]}
        />
        {value.format === "zpl" ? (
          <Text size="xs" c="dimmed" mt={4}>
            Thermal printers print one 4 x 6 label at a time.
          </Text>
        ) : null}
      </div>
      <Checkbox
        label="Add a packing slip (items and quantities) after each label"
        checked={value.packingSlips}
        onChange={(e) => onChange({ ...value, packingSlips: e.currentTarget.checked })}
      />
    </Stack>
  );
}

/** Starts batches and follows the current one until it finishes. */
export function useLabelBatch(shopSlug: string) {
  const starter = useFetcher<{ batchId?: number; error?: string }>();
  const poller = useFetcher<{ batch?: BatchView; error?: string }>();
  const [batchId, setBatchId] = useState<number | null>(null);
  const [batch, setBatch] = useState<BatchView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (starter.state === "idle" && starter.data?.batchId && starter.data.batchId !== batchId) {
      setBatchId(starter.data.batchId);
      setBatch(null);
      poller.load(`/s/${shopSlug}/api/labels/${starter.data.batchId}`);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [starter.state, starter.data]);

  useEffect(() => {
    const next = poller.data?.batch;
    if (poller.state !== "idle" || !next || next.id !== batchId) return;
    setBatch(next);
    if (next.status === "running") {
      timer.current = setTimeout(() => poller.load(`/s/${shopSlug}/api/labels/${next.id}`), 600);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poller.state, poller.data]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const start = (options: LabelOptions, target: { orderIds?: number[]; allReady?: boolean; matching?: string }) => {
    const form = new FormData();
    form.set("format", options.format);
    form.set("layout", options.format === "zpl" ? "4x6" : options.layout);
    if (options.packingSlips) form.set("packingSlips", "on");
    if (target.allReady) form.set("allReady", "on");
    if (target.matching !== undefined) form.set("matching", target.matching);
    for (const id of target.orderIds ?? []) form.append("orderIds", String(id));
    setBatchId(null);
    setBatch(null);
    starter.submit(form, { method: "post", action: `/s/${shopSlug}/api/labels` });
  };

  const reset = () => {
    if (timer.current) clearTimeout(timer.current);
    setBatchId(null);
    setBatch(null);
  };

  const error = starter.state === "idle" ? (starter.data?.error ?? null) : null;
  const starting = starter.state !== "idle" || (batchId !== null && batch === null);
  return { start, reset, batch, error, starting, running: starting || batch?.status === "running" };
}

export function BatchOutcome({ shopSlug, batch, onPreview }: { shopSlug: string; batch: BatchView; onPreview?: (url: string) => void }) {
  const pct = batch.total > 0 ? Math.round((batch.done / batch.total) * 100) : 0;
  if (batch.status === "running") {
    return (
      <Stack gap={4} aria-live="polite">
        <Group justify="space-between">
          <Text size="sm">Generating labels...</Text>
          <Text size="sm" c="dimmed">
            {batch.done} of {batch.total} orders
          </Text>
        </Group>
        <Progress value={pct} animated aria-label="Label batch progress" />
      </Stack>
    );
  }
  return (
    <Stack gap="sm" aria-live="polite">
      {batch.status === "failed" ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The batch failed" role="alert">
          {batch.failure}
        </Alert>
      ) : batch.generated.length > 0 ? (
        <Alert color="teal" title={`${batch.generated.length} ${batch.generated.length === 1 ? "label" : "labels"} ready`}>
          <Stack gap="xs">
            <Text size="sm">
              One {batch.format === "zpl" ? "ZPL file for the thermal printer" : `PDF (${batch.layout === "letter" ? "letter, two per page" : "4 x 6"})`}
              {batch.packingSlips ? " with a packing slip after each label" : ""}.
            </Text>
            <Group gap="xs">
              <DownloadButton url={batchFileUrl(shopSlug, batch.id)}>Download {batch.format.toUpperCase()}</DownloadButton>
              {batch.format === "pdf" && onPreview ? (
                <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => onPreview(batchFileUrl(shopSlug, batch.id, true))}>
                  Preview
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Alert color="yellow" title="No labels were generated" role="alert">
          Every order was skipped; the reasons are below.
        </Alert>
      )}
      {batch.skipped.length > 0 ? <SkippedList skipped={batch.skipped} /> : null}
    </Stack>
  );
}

export function SkippedList({ skipped }: { skipped: BatchView["skipped"] }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Skipped
        </Text>
        <Badge color="orange" variant="light">
          {skipped.length}
        </Badge>
      </Group>
      <ScrollArea.Autosize mah={240} type="auto">
        <Table striped withTableBorder fz="sm" aria-label="Skipped orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>Order</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {skipped.map((s, i) => (
              <Table.Tr key={`${s.orderId}-${i}`}>
                <Table.Td ff="monospace">{s.orderId}</Table.Td>
                <Table.Td>{s.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** A PDF shown in the page (the CSP allows same-origin frames). */
export function PdfFrame({ url, title }: { url: string; title: string }) {
  return <iframe src={url} title={title} style={{ width: "100%", height: "70vh", border: 0, borderRadius: 4, background: "#eee" }} />;
}

export function fileSize(bytes: number | null): string {
  if (!bytes) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
