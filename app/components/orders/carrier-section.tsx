// The carrier/service/EDD card on the order page, with "Change carrier" (owned by the carriers
// issue). Changes go to /s/:shop/api/assign/:orderId and land in the order's history; a refusal
// (PO box, overweight, already labelled, ...) is shown with its reason and changes nothing.
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useFetcher } from "@remix-run/react";
import { IconTruckDelivery } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { formatDay } from "../../modules/carriers/edd";
import { carrierName, serviceName } from "../../modules/carriers/registry";
import { type AssignmentOptions, parseServiceValue, serviceValue } from "../../modules/carriers/service-options";

export interface OrderCarrierProps {
  shopSlug: string;
  order: {
    id: number;
    externalId: string;
    status: string;
    carrierCode: string | null;
    serviceCode: string | null;
    shipDate: string | null;
    eddMin: string | null;
    eddMax: string | null;
  };
  canAssign: boolean;
}

interface ChangeOutcome {
  ok?: boolean;
  error?: string;
}

export function OrderCarrierSection({ shopSlug, order, canAssign }: OrderCarrierProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const info = useFetcher<AssignmentOptions>();
  const change = useFetcher<ChangeOutcome>();
  const current = order.carrierCode && order.serviceCode ? serviceValue(order.carrierCode, order.serviceCode) : null;
  const [choice, setChoice] = useState<string | null>(current);
  const [submitted, setSubmitted] = useState(false);
  const editable = canAssign && order.status === "to_ship";

  useEffect(() => {
    if (opened && !info.data && info.state === "idle") info.load(`/s/${shopSlug}/api/assign`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  // Close once a change went through; the page's data reloads by itself after the action.
  useEffect(() => {
    if (submitted && change.state === "idle" && change.data?.ok) {
      setSubmitted(false);
      close();
    }
  }, [submitted, change.state, change.data, close]);

  const outcome = submitted && change.state === "idle" ? change.data : null;
  const busy = change.state !== "idle";
  const send = (form: Record<string, string>) => {
    setSubmitted(true);
    change.submit(form, { method: "post", action: `/s/${shopSlug}/api/assign/${order.id}` });
  };
  const picked = parseServiceValue(choice);

  return (
    <Card withBorder padding="lg" radius="md" data-testid="order-carrier">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Group gap="xs">
          <IconTruckDelivery size={20} />
          <Title order={4}>Carrier</Title>
        </Group>
        {editable ? (
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              setChoice(current);
              setSubmitted(false);
              open();
            }}
          >
            {order.carrierCode ? "Change carrier" : "Assign carrier"}
          </Button>
        ) : null}
      </Group>
      {order.carrierCode ? (
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{serviceName(order.carrierCode, order.serviceCode) || carrierName(order.carrierCode)}</Text>
            <Badge variant="light" size="sm">
              {carrierName(order.carrierCode)}
            </Badge>
          </Group>
          {order.shipDate ? <Text size="sm">Ships {formatDay(order.shipDate)}</Text> : null}
          {order.eddMin && order.eddMax ? (
            <Text size="sm">
              Expected {order.eddMin === order.eddMax ? formatDay(order.eddMax) : `${formatDay(order.eddMin)} – ${formatDay(order.eddMax)}`}
            </Text>
          ) : null}
          {order.eddMax ? (
            <Text size="xs" c="dimmed">
              Buyers are told: arrives by {formatDay(order.eddMax)}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No carrier yet. {editable ? "Assign one here, or in bulk from the orders table by the shop's rules." : ""}
        </Text>
      )}
      <Modal opened={opened} onClose={close} title={`Carrier for order ${order.externalId}`} size="md">
        <Stack>
          <Select
            label="Carrier and service"
            placeholder="Choose a service"
            data={info.data?.services ?? []}
            value={choice}
            onChange={setChoice}
            searchable
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="xs" c="dimmed">
            The ship date and delivery estimate are worked out again from the service's transit days, the carrier's handling time
            and cut-off, and the shop's holidays. The change is recorded in the order's history.
          </Text>
          {outcome?.error ? (
            <Alert color="red" role="alert">
              {outcome.error}
            </Alert>
          ) : null}
          <Group justify="space-between">
            {order.carrierCode ? (
              <Button variant="subtle" color="red" onClick={() => send({ intent: "clear" })} disabled={busy}>
                Remove carrier
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button loading={busy} disabled={!picked || choice === current} onClick={() => picked && send({ intent: "change", ...picked })}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
