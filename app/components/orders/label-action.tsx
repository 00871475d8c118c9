// Bulk "Create labels" action on the orders table: which orders (the selection, or every order
// ready for a label), print options (the shop's defaults first), one batch with a progress bar,
// then the download and the orders skipped with their reasons.
import { Button, Group, Modal, Radio, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { IconPrinter } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { BatchOutcome, type LabelOptions, LabelOptionsFields, PdfFrame, useLabelBatch } from "../labels/label-batch";
import type { OrderSelection } from "./assign-action";

interface Defaults {
  defaults?: LabelOptions;
  ready?: number;
  withProblems?: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function CreateLabelsAction(props: OrderSelection & { canPrint: boolean }) {
  const { shopSlug, orderIds, allMatching, query, canPrint } = props;
  const [opened, { open, close }] = useDisclosure(false);
  const info = useFetcher<Defaults>();
  const [options, setOptions] = useState<LabelOptions | null>(null);
  const [which, setWhich] = useState<"selected" | "matching" | "all_ready">("selected");
  const [preview, setPreview] = useState<string | null>(null);
  const batch = useLabelBatch(shopSlug);

  useEffect(() => {
    if (opened && info.state === "idle") info.load(`/s/${shopSlug}/api/labels/defaults`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  useEffect(() => {
    if (info.data?.defaults && !options) setOptions(info.data.defaults);
  }, [info.data, options]);

  if (!canPrint) return null;
  const selected = orderIds.length;
  const finished = batch.batch !== null && batch.batch.status !== "running";

  const openDialog = () => {
    setWhich(allMatching ? "matching" : selected === 0 ? "all_ready" : "selected");
    batch.reset();
    setPreview(null);
    open();
  };
  const onClose = () => {
    close();
    batch.reset();
    setPreview(null);
  };

  return (
    <>
      <Button leftSection={<IconPrinter size={16} />} variant="default" onClick={openDialog} data-testid="create-labels">
        Create labels
      </Button>
      <Modal opened={opened} onClose={onClose} title="Create labels" size={preview ? "xl" : "lg"}>
        {preview ? (
          <Stack>
            <PdfFrame url={preview} title="Label preview" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPreview(null)}>
                Back
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack>
            <Radio.Group label="Which orders" value={which} onChange={(v) => setWhich(v as typeof which)}>
              <Stack gap={6} mt={6}>
                {allMatching ? (
                  <Radio
                    value="matching"
                    disabled={batch.running}
                    label="All orders matching the table's filters"
                    description="Cancelled orders are left out; orders that already have a label get it again."
                  />
                ) : (
                  <Radio value="selected" disabled={selected === 0 || batch.running} label={`The ${plural(selected, "selected order")}`} />
                )}
                <Radio
                  value="all_ready"
                  disabled={batch.running}
                  label={`Every order ready for a label${info.data?.ready === undefined ? "" : ` (${info.data.ready.toLocaleString("en-US")})`}`}
                  description="Assigned a carrier, still to ship, and no label yet."
                />
              </Stack>
            </Radio.Group>
            {options ? (
              <LabelOptionsFields value={options} onChange={setOptions} />
            ) : (
              <Text size="sm" c="dimmed">
                Loading the shop's label settings...
              </Text>
            )}
            <Text size="sm" c="dimmed">
              Orders without a carrier, cancelled, or whose address fails the check (unless overridden) are skipped and listed with the reason.
              Orders that already have a label get that same label again (same tracking number).
            </Text>
            {batch.error ? (
              <Text c="red" size="sm" role="alert">
                {batch.error}
              </Text>
            ) : null}
            {batch.batch ? <BatchOutcome shopSlug={shopSlug} batch={batch.batch} onPreview={setPreview} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {finished ? "Close" : "Cancel"}
              </Button>
              {!finished ? (
                <Button
                  loading={batch.running}
                  disabled={!options || (which === "selected" && selected === 0)}
                  onClick={() =>
                    options && batch.start(options, which === "selected" ? { orderIds } : which === "matching" ? { matching: query } : { allReady: true })
                  }
                >
                  Create labels
                </Button>
              ) : null}
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
