// The label card on the order page: the address check with its override (who and why), the live
// label with preview, print (the label's own file, identical on every reprint), void and hand-over,
// a new label when there is none, and the label history. It loads its own data, so the order page
// only places it.
import { Alert, Badge, Button, Group, Loader, Modal, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { IconAlertTriangle, IconBan, IconCircleCheck, IconEye, IconPrinter, IconTruckDelivery } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { OrderLabelView } from "../../modules/labels/order-label.server";
import { batchFileUrl, postDownload, BatchOutcome, type LabelOptions, LabelOptionsFields, PdfFrame, useLabelBatch } from "../labels/label-batch";
import { LabelHistory } from "../labels/label-history";
import { ShipmentStatusBadge } from "../labels/status";
import { VoidDialog } from "../labels/void-dialog";

export interface OrderLabelProps {
  shopSlug: string;
  orderId: number;
  canPrint: boolean;
}

type View = OrderLabelView;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

export function OrderLabelSection({ shopSlug, orderId, canPrint }: OrderLabelProps) {
  const base = `/s/${shopSlug}/api/labels`;
  const loader = useFetcher<{ view?: View; error?: string }>();
  const reload = () => loader.load(`${base}/orders/${orderId}`);
  useEffect(() => {
    reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);
  const view = loader.data?.view;

  return (
    <Paper withBorder p="lg" radius="md" aria-labelledby="label-section-title">
      <Stack gap="md">
        <Title order={4} id="label-section-title">
          Label
        </Title>
        {loader.data?.error ? (
          <Alert color="red" role="alert">
            {loader.data.error}
          </Alert>
        ) : !view ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Loading the label...
            </Text>
          </Group>
        ) : (
          <>
            <AddressCheck shopSlug={shopSlug} view={view} canPrint={canPrint} onChange={reload} />
            <LiveLabel shopSlug={shopSlug} view={view} canPrint={canPrint} onChange={reload} />
            <LabelHistory view={view} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function AddressCheck({ shopSlug, view, canPrint, onChange }: { shopSlug: string; view: View; canPrint: boolean; onChange: () => void }) {
  const action = useFetcher<{ ok?: boolean; error?: string }>();
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (action.state === "idle" && action.data?.ok) {
      setOverriding(false);
      setReason("");
      onChange();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action.state, action.data]);
  const url = `/s/${shopSlug}/api/labels/orders/${view.order.id}`;
  const hasLive = view.labels.some((l) => l.status !== "voided");
  if (view.problems.length === 0) {
    return (
      <Group gap="xs">
        <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
        <Text size="sm">Address check passed{view.order.serviceName ? ` for ${view.order.serviceName}` : ""}.</Text>
      </Group>
    );
  }
  return (
    <Alert
      color={view.override ? "yellow" : "orange"}
      icon={<IconAlertTriangle size={18} />}
      title={view.override ? "Address check overridden" : hasLive ? "Address check" : "Address check failed: no label until this is fixed or overridden"}
    >
      <Stack gap="xs">
        <ul style={{ margin: 0, paddingLeft: 18 }} aria-label="Address problems">
          {view.problems.map((p) => (
            <li key={`${p.code}-${p.field}`}>
              <Text size="sm">{p.message}</Text>
            </li>
          ))}
        </ul>
        {view.override ? (
          <Text size="sm">
            Overridden by <b>{view.override.byName}</b> on {when(view.override.at)}: "{view.override.reason}"
          </Text>
        ) : null}
        {action.data?.error ? (
          <Text size="sm" c="red" role="alert">
            {action.data.error}
          </Text>
        ) : null}
        {canPrint && view.order.status === "to_ship" && !hasLive ? (
          overriding ? (
            <action.Form method="post" action={url}>
              <input type="hidden" name="intent" value="override" />
              <Stack gap="xs">
                <Textarea
                  name="reason"
                  label="Why is the address fine as it is?"
                  description="Recorded with your name in the order's history."
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  required
                  data-autofocus
                />
                <Group gap="xs">
                  <Button type="submit" size="xs" color="orange" loading={action.state !== "idle"} disabled={reason.trim().length < 3}>
                    Override the check
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setOverriding(false)}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            </action.Form>
          ) : (
            <Group gap="xs">
              {view.override ? (
                <action.Form method="post" action={url}>
                  <input type="hidden" name="intent" value="clearOverride" />
                  <Button type="submit" size="xs" variant="default" loading={action.state !== "idle"}>
                    Remove override
                  </Button>
                </action.Form>
              ) : (
                <Button size="xs" variant="default" onClick={() => setOverriding(true)}>
                  Override...
                </Button>
              )}
            </Group>
          )
        ) : null}
      </Stack>
    </Alert>
  );
}

function LiveLabel({ shopSlug, view, canPrint, onChange }: { shopSlug: string; view: View; canPrint: boolean; onChange: () => void }) {
  const live = view.labels.find((l) => l.status !== "voided" && !l.imported);
  const [preview, setPreview] = useState<string | null>(null);
  const [voiding, voidModal] = useDisclosure(false);
  const act = useFetcher<{ voided?: unknown; handOver?: { refused: { reason: string }[] }; batchId?: number; error?: string }>();
  const [options, setOptions] = useState<LabelOptions>(view.defaults);
  const batch = useLabelBatch(shopSlug);
  const shipmentsUrl = `/s/${shopSlug}/api/labels/shipments`;

  useEffect(() => {
    if (act.state !== "idle" || !act.data) return;
    if (act.data.batchId) postDownload(batchFileUrl(shopSlug, act.data.batchId));
    if (act.data.voided) voidModal.close();
    if (!act.data.error) onChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [act.state, act.data]);
  useEffect(() => {
    if (batch.batch && batch.batch.status !== "running") onChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [batch.batch?.status]);

  const submit = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    act.submit(form, { method: "post", action: shipmentsUrl });
  };

  if (!live) {
    const imported = view.labels.find((l) => l.status !== "voided" && l.imported);
    if (imported) {
      return (
        <Text size="sm" c="dimmed">
          Shipped outside Parcel Desk with {imported.carrierName} {imported.trackingNumber}; there is no label to print here.
        </Text>
      );
    }
    if (view.order.status !== "to_ship") {
      return (
        <Text size="sm" c="dimmed">
          This order is {view.order.status}; it does not get a new label.
        </Text>
      );
    }
    if (!view.order.carrierCode) {
      return (
        <Text size="sm" c="dimmed">
          No carrier assigned yet. Assign a carrier and service, then create the label.
        </Text>
      );
    }
    const blocked = view.problems.length > 0 && !view.override;
    return (
      <Stack gap="sm">
        <Text size="sm">
          No label yet. It will be a <b>{view.order.serviceName}</b> label.
        </Text>
        {canPrint ? (
          <>
            <LabelOptionsFields value={options} onChange={setOptions} />
            {batch.error ? (
              <Text size="sm" c="red" role="alert">
                {batch.error}
              </Text>
            ) : null}
            {batch.batch ? <BatchOutcome shopSlug={shopSlug} batch={batch.batch} onPreview={setPreview} /> : null}
            <Group>
              <Button
                leftSection={<IconPrinter size={16} />}
                loading={batch.running}
                disabled={blocked}
                onClick={() => batch.start(options, { orderIds: [view.order.id] })}
              >
                Create label
              </Button>
              {blocked ? (
                <Text size="sm" c="dimmed">
                  Fix the address or override the check first.
                </Text>
              ) : null}
            </Group>
          </>
        ) : null}
        <Modal opened={preview !== null} onClose={() => setPreview(null)} title="Label preview" size="xl">
          {preview ? <PdfFrame url={preview} title="Label preview" /> : null}
        </Modal>
      </Stack>
    );
  }

  const handedOver = Boolean(live.shippedAt) || view.order.status !== "to_ship";
  return (
    <Stack gap="sm">
      <Paper withBorder p="md" radius="sm" bg="var(--mantine-color-default-hover)">
        <Stack gap={6}>
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs">
              <Text fw={600}>{live.serviceName || live.carrierName}</Text>
              <ShipmentStatusBadge status={live.status} />
              {handedOver ? (
                <Badge color="teal" variant="light">
                  Handed over
                </Badge>
              ) : null}
            </Group>
            <Text ff="monospace" fw={600} data-testid="live-tracking-number">
              {live.trackingNumber}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Created {when(live.labelCreatedAt)}
            {live.createdByName ? ` by ${live.createdByName}` : ""}
            {live.printedAt ? ` · last printed ${when(live.printedAt)}` : " · not printed yet"}
            {live.shippedAt ? ` · handed over ${when(live.shippedAt)}` : ""}
          </Text>
        </Stack>
      </Paper>
      {act.data?.error ? (
        <Text size="sm" c="red" role="alert">
          {act.data.error}
        </Text>
      ) : null}
      {canPrint ? (
        <Group gap="xs">
          <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => setPreview(`${shipmentsUrl}/${live.id}/preview`)}>
            Preview
          </Button>
          <Button leftSection={<IconPrinter size={16} />} loading={act.state !== "idle" && act.formData?.get("intent") === "reprint"} onClick={() => submit({ intent: "reprint", shipmentId: String(live.id) })}>
            {live.printedAt ? "Reprint" : "Print"}
          </Button>
          {!handedOver ? (
            <>
              <Button
                variant="light"
                color="teal"
                leftSection={<IconTruckDelivery size={16} />}
                loading={act.state !== "idle" && act.formData?.get("intent") === "handover"}
                onClick={() => submit({ intent: "handover", shipmentIds: String(live.id) })}
              >
                Mark handed over
              </Button>
              <Button variant="subtle" color="red" leftSection={<IconBan size={16} />} onClick={voidModal.open}>
                Void label
              </Button>
            </>
          ) : null}
        </Group>
      ) : null}
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={`Label ${live.trackingNumber}`} size="xl">
        {preview ? <PdfFrame url={preview} title={`Label ${live.trackingNumber}`} /> : null}
      </Modal>
      <VoidDialog
        target={voiding ? { id: live.id, trackingNumber: live.trackingNumber } : null}
        onClose={voidModal.close}
        busy={act.state !== "idle" && act.formData?.get("intent") === "void"}
        error={act.data?.error}
        onVoid={(reason) => submit({ intent: "void", shipmentId: String(live.id), reason })}
      />
    </Stack>
  );
}
