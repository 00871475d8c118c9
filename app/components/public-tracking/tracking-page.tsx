// The buyer's tracking page, shared by /track/<number> and /track/<shop>/<number>: without the
// destination postal code it shows carrier-level tracking only; with it, the buyer's name, address
// and how to reach the seller. With nothing to show it asks for the postal code, or the order
// number and email, which is also what a number two shops hold gets.
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IconAlertTriangle, IconExternalLink, IconLock, IconMapPin } from "@tabler/icons-react";
import type { PublicTracking } from "../../modules/public-tracking/lookup.server";
import { BUTTON_COLOR, LINK_COLOR } from "./frame";
import { ScanHistory } from "./history";
import { TrackingProgress } from "./progress";

export function TrackingPageView() {
  const page = useLoaderData() as PublicTracking;
  return page.kind === "none" ? <NoInformation trackingNumber={page.trackingNumber} /> : <Tracking page={page} />;
}

const SECONDARY = "light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))";

function NoInformation({ trackingNumber }: { trackingNumber: string }) {
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Text size="sm" c={SECONDARY}>
          Tracking number <TrackingNumber value={trackingNumber} />
        </Text>
        <Title order={1} fz="h2" mt={4}>
          No tracking information yet
        </Title>
        <Text mt="xs">
          We have nothing to show for this number yet. If your order shipped in the last day, check again later. To find your parcel, enter the
          postal code it is going to below, or look it up with your order number and email address.
        </Text>
      </Paper>
      <VerifyPostalCode />
      <Anchor href="/track" size="sm" c={LINK_COLOR}>
        Find your parcel by order number and email, or look up a different one
      </Anchor>
    </Stack>
  );
}

function Tracking({ page }: { page: Extract<PublicTracking, { kind: "tracking" }> }) {
  const delivered = page.status === "delivered";
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <div>
            <Text size="sm" c={SECONDARY}>
              {[page.carrier, page.service].filter(Boolean).join(" · ")} · <TrackingNumber value={page.trackingNumber} />
            </Text>
            <Title order={1} fz="h2" mt={4} c={page.tone === "good" ? "light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-4))" : undefined}>
              {page.headline}
            </Title>
          </div>
          <TrackingProgress progress={page.progress} delivered={delivered} />
          <DeliveryLine page={page} />
        </Stack>
      </Paper>

      {page.issue ? (
        <Alert
          variant="light"
          color={page.tone === "problem" ? "red" : "orange"}
          icon={<IconAlertTriangle size={20} aria-hidden />}
          title={
            <Text span fw={700} c={`light-dark(var(--mantine-color-${page.tone === "problem" ? "red" : "orange"}-9), var(--mantine-color-${page.tone === "problem" ? "red" : "orange"}-3))`}>
              {page.issue.title}
            </Text>
          }
        >
          <Stack gap={6}>
            <Text size="sm">
              <strong>What happened:</strong> {page.issue.whatHappened}
            </Text>
            <Text size="sm">
              <strong>What happens next:</strong> {page.issue.whatNext}
            </Text>
            <Text size="sm">
              <strong>Questions?</strong> <SellerContact page={page} />
            </Text>
          </Stack>
        </Alert>
      ) : null}

      {page.details ? <DeliveryDetails page={page} /> : <VerifyPostalCode />}

      {page.events.length > 0 ? (
        <Paper withBorder radius="md" p="lg">
          <ScanHistory events={page.events} />
        </Paper>
      ) : null}

      <Group gap="lg">
        {page.carrierUrl ? (
          <Anchor href={page.carrierUrl} target="_blank" rel="noopener noreferrer" size="sm" c={LINK_COLOR}>
            <Group gap={4} component="span">
              See this parcel on the {page.carrier} website <IconExternalLink size={14} aria-hidden />
              <VisuallyHidden>(opens in a new tab)</VisuallyHidden>
            </Group>
          </Anchor>
        ) : null}
        <Anchor href="/track" size="sm" c={LINK_COLOR}>
          Look up a different parcel
        </Anchor>
      </Group>
    </Stack>
  );
}

function DeliveryLine({ page }: { page: Extract<PublicTracking, { kind: "tracking" }> }) {
  if (page.status === "delivered") {
    const proof =
      page.proof === "signature"
        ? page.details?.signedBy
          ? `Signed for by ${page.details.signedBy}.`
          : "Signed for on delivery."
        : page.proof === "photo"
          ? "The driver took a photo at delivery."
          : null;
    return (
      <div>
        <Text fw={600}>{page.deliveredOn ? `Delivered ${page.deliveredOn}` : "Delivered"}</Text>
        {proof ? <Text size="sm">{proof}</Text> : null}
        {page.details?.photoUrl ? (
          <Anchor href={page.details.photoUrl} target="_blank" rel="noopener noreferrer" size="sm" c={LINK_COLOR}>
            View the delivery photo
          </Anchor>
        ) : null}
      </div>
    );
  }
  if (!page.edd) return null;
  return (
    <Text>
      Estimated delivery: <strong>{page.edd}</strong>
      {page.originalEdd ? <Text span c={SECONDARY}>{` (was ${page.originalEdd})`}</Text> : null}
    </Text>
  );
}

function SellerContact({ page }: { page: Extract<PublicTracking, { kind: "tracking" }> }) {
  if (!page.details) return <>Confirm your postal code below to see how to reach the seller.</>;
  const { shopName, supportEmail } = page.details;
  return supportEmail ? (
    <>
      Contact {shopName} at{" "}
      <Anchor href={`mailto:${supportEmail}`} c={LINK_COLOR}>
        {supportEmail}
      </Anchor>
      .
    </>
  ) : (
    <>Contact {shopName} through the marketplace or shop where you placed the order.</>
  );
}

function DeliveryDetails({ page }: { page: Extract<PublicTracking, { kind: "tracking" }> }) {
  const details = page.details!;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="details-heading">
      <Group gap={8} mb="xs">
        <IconMapPin size={20} aria-hidden />
        <Title order={2} fz="h4" id="details-heading">
          Delivery details
        </Title>
      </Group>
      <Text fw={600} data-testid="buyer-name">
        {details.buyerName}
      </Text>
      <Text component="address" style={{ fontStyle: "normal" }} data-testid="buyer-address">
        {details.addressLines.map((line) => (
          <span key={line} style={{ display: "block" }}>
            {line}
          </span>
        ))}
      </Text>
      <Text size="sm" mt="sm">
        Order {details.orderId} from {details.shopName}. <SellerContact page={page} />
      </Text>
    </Paper>
  );
}

function VerifyPostalCode() {
  const result = useActionData() as { error?: string } | undefined;
  const navigation = useNavigation();
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="verify-heading">
      <Group gap={8} mb={4}>
        <IconLock size={20} aria-hidden />
        <Title order={2} fz="h4" id="verify-heading">
          See delivery details
        </Title>
      </Group>
      <Text size="sm" mb="sm">
        To see the name, the delivery address and how to contact the seller, enter the postal code the parcel is going to.
      </Text>
      <Form method="post" noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            name="postalCode"
            label="Delivery postal code"
            autoComplete="postal-code"
            required
            maxLength={12}
            error={Boolean(result?.error)}
            aria-describedby={result?.error ? "postal-error" : undefined}
            style={{ flex: "1 1 160px", maxWidth: 260 }}
          />
          <Button type="submit" color={BUTTON_COLOR} loading={navigation.state === "submitting"}>
            Show details
          </Button>
        </Group>
        {result?.error ? (
          <Text id="postal-error" role="alert" size="sm" mt={6} c="light-dark(var(--mantine-color-red-8), var(--mantine-color-red-4))">
            {result.error}
          </Text>
        ) : null}
      </Form>
    </Paper>
  );
}

function TrackingNumber({ value }: { value: string }) {
  return (
    <Text span ff="monospace" fw={600} c="var(--mantine-color-text)" data-testid="tracking-number">
      {value}
    </Text>
  );
}
