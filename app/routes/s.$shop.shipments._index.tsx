// The Shipments page: label batches (with progress and downloads), labels for every ready order,
// hand-over to the carriers, and the shipments table.
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { IconPrinter, IconTruckDelivery } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { LabelBatchesCard } from "../components/labels/batches-card";
import { BatchOutcome, type LabelOptions, LabelOptionsFields, PdfFrame, useLabelBatch } from "../components/labels/label-batch";
import { ShipmentsTable } from "../components/labels/shipments-table";
import { PageHeader } from "../components/page";
import { AppError } from "../lib/errors";
import { requireShop } from "../lib/guard.server";
import { httpError } from "../lib/http.server";
import { countReadyOrders, MAX_BATCH_ORDERS, recentLabelBatches } from "../modules/labels/batches.server";
import { shopLabelContext } from "../modules/labels/label-data.server";
import { shipmentsQuerySchema } from "../modules/labels/schemas";
import { countAwaitingHandover, listShipments } from "../modules/labels/shipments.server";

export const meta: MetaFunction = () => [{ title: "Shipments · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const url = new URL(request.url);
  const parsed = shipmentsQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw httpError(new AppError(400, parsed.error.issues[0].message));
  const query = parsed.data;
  const canPrint = ctx.can("labels.print");
  const shipments = await listShipments(ctx.scope, { ...query, limit: 50 });
  return {
    slug: ctx.shop.slug,
    canPrint,
    query,
    shipments,
    awaitingHandover: await countAwaitingHandover(ctx.scope),
    batches: canPrint ? await recentLabelBatches(ctx.scope, 8) : [],
    ...(canPrint ? await countReadyOrders(ctx.scope) : { ready: 0, withProblems: 0 }),
    maxBatch: MAX_BATCH_ORDERS,
    defaults: (await shopLabelContext(ctx.scope)).settings.labels,
  };
}


export default function ShipmentsPage() {
  const data = useLoaderData<typeof loader>();
  const { slug, canPrint, ready } = data;
  const [creating, createModal] = useDisclosure(false);
  const [preview, setPreview] = useState<string | null>(null);
  const handOver = useFetcher<{ handOver?: { handedOver: unknown[]; refused: { orderId: string | null; reason: string }[] }; error?: string }>();

  return (
    <>
      <PageHeader
        title="Shipments"
        description="Labels, print batches, and parcels handed over to the carriers."
        actions={
          canPrint ? (
            <>
              <handOver.Form method="post" action={`/s/${slug}/api/labels/shipments`}>
                <input type="hidden" name="intent" value="handover" />
                <input type="hidden" name="allPending" value="on" />
                <Button
                  type="submit"
                  variant="default"
                  leftSection={<IconTruckDelivery size={16} />}
                  disabled={data.awaitingHandover === 0}
                  loading={handOver.state !== "idle"}
                >
                  Mark all handed over ({data.awaitingHandover})
                </Button>
              </handOver.Form>
              <Button leftSection={<IconPrinter size={16} />} onClick={createModal.open} disabled={ready === 0}>
                Create labels for all ready ({ready.toLocaleString("en-US")})
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        {handOver.data?.handOver ? (
          <Text size="sm" role="status">
            {handOver.data.handOver.handedOver.length} {handOver.data.handOver.handedOver.length === 1 ? "parcel" : "parcels"} marked as handed over
            {handOver.data.handOver.refused.length ? `; ${handOver.data.handOver.refused.length} refused (${handOver.data.handOver.refused[0].reason})` : ""}.
          </Text>
        ) : null}
        {handOver.data?.error ? (
          <Text size="sm" c="red" role="alert">
            {handOver.data.error}
          </Text>
        ) : null}
        {canPrint ? <LabelBatchesCard slug={slug} batches={data.batches} onPreview={setPreview} /> : null}
        <ShipmentsTable data={data} onPreview={setPreview} />
      </Stack>
      <CreateForReady slug={slug} opened={creating} onClose={createModal.close} defaults={data.defaults} ready={ready} withProblems={data.withProblems} maxBatch={data.maxBatch} onPreview={setPreview} />
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title="Preview" size="xl">
        {preview ? <PdfFrame url={preview} title="Label preview" /> : null}
      </Modal>
    </>
  );
}

function CreateForReady({
  slug,
  opened,
  onClose,
  defaults,
  ready,
  withProblems,
  maxBatch,
  onPreview,
}: {
  slug: string;
  opened: boolean;
  onClose: () => void;
  defaults: LabelOptions;
  ready: number;
  withProblems: number;
  maxBatch: number;
  onPreview: (url: string) => void;
}) {
  const [options, setOptions] = useState<LabelOptions>(defaults);
  const batch = useLabelBatch(slug);
  const revalidator = useRevalidator();
  const finished = batch.batch && batch.batch.status !== "running";
  useEffect(() => {
    if (finished) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);
  const close = () => {
    onClose();
    batch.reset();
  };
  return (
    <Modal opened={opened} onClose={close} title="Create labels for all ready orders" size="lg">
      <Stack>
        <Text size="sm">
          Every order that is assigned a carrier, still to ship, and has no label yet: <b>{ready.toLocaleString("en-US")}</b>
          {ready > maxBatch ? ` (this batch takes the oldest ${maxBatch.toLocaleString("en-US")}; run it again for the rest)` : ""}.
          {withProblems > 0
            ? ` ${withProblems} of them failed the address check and will be skipped (with the reason) unless overridden on the order page.`
            : " Orders whose address fails the check are skipped and listed with the reason."}
        </Text>
        <LabelOptionsFields value={options} onChange={setOptions} />
        {batch.error ? (
          <Text c="red" size="sm" role="alert">
            {batch.error}
          </Text>
        ) : null}
        {batch.batch ? <BatchOutcome shopSlug={slug} batch={batch.batch} onPreview={(url) => (close(), onPreview(url))} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {finished ? "Close" : "Cancel"}
          </Button>
          {!finished ? (
            <Button loading={batch.running} onClick={() => batch.start(options, { allReady: true })}>
              Create labels
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
