// The buyer messages of an order, a case or the whole shop: status, channel, recipient, subject,
// when, the reason when it failed or was not sent, a link to open the .eml when emails are written
// to disk (no SMTP configured), and a retry button for failed ones. Presentational: the page loads
// the rows with messagesForOrder / messagesForCase / recentMessages.
import { Anchor, Badge, Box, Button, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import { IconMail, IconMessage2, IconRefresh } from "@tabler/icons-react";
import type { OutboxStatus } from "../../../db/types";
import type { recentMessages } from "../../modules/notifications/outbox.server";

/** A message as the pages' loaders return it (messagesForOrder, messagesForCase, recentMessages). */
export type MessageRow = SerializeFrom<typeof recentMessages>[number];

const STATUS: Record<OutboxStatus, { label: string; color: string }> = {
  queued: { label: "Queued", color: "blue" },
  sending: { label: "Sending", color: "blue" },
  sent: { label: "Sent", color: "teal" },
  failed: { label: "Failed", color: "red" },
  skipped: { label: "Not sent", color: "gray" },
};

export interface MessagesListProps {
  messages: MessageRow[];
  shopSlug: string;
  /** The shop's time zone, so server and browser print the same times. */
  timeZone: string;
  /** Show the retry button on failed messages (support agents and owners). */
  canRetry?: boolean;
  /** Show which order each message is about (shop-wide lists). */
  showOrder?: boolean;
  emptyText?: string;
}

export function MessagesList({ messages, shopSlug, timeZone, canRetry = false, showOrder = false, emptyText }: MessagesListProps) {
  if (messages.length === 0) {
    return (
      <Text size="sm" c="light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))" data-testid="messages-empty">
        {emptyText ?? "No buyer messages yet."}
      </Text>
    );
  }
  const when = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="messages-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={116}>Status</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th w={120}>When</Table.Th>
            <Table.Th w={220}>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => {
            const status = STATUS[m.status];
            const base = `/s/${shopSlug}/api/outbox/${m.id}`;
            return (
              <Table.Tr key={m.id} data-message-id={m.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge color={status.color} variant={m.status === "sent" ? "filled" : "light"} miw="fit-content" styles={{ label: { overflow: "visible" } }}>
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Box pt={2} style={{ flex: "none" }}>
                      {m.channel === "email" ? <IconMail size={16} aria-label="Email" /> : <IconMessage2 size={16} aria-label="Text message" />}
                    </Box>
                    <Box miw={0} style={{ overflowWrap: "anywhere" }}>
                      <Text size="sm" fw={600}>
                        {m.triggerLabel}
                        {showOrder && m.orderExternalId ? ` · order ${m.orderExternalId}` : ""}
                      </Text>
                      <Text size="xs" lineClamp={2}>
                        {m.channel === "email" ? m.subject : m.body}
                      </Text>
                      <Text size="xs" c="light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))">
                        to {m.recipient}
                      </Text>
                    </Box>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{when.format(new Date(m.sentAt ?? m.createdAt))}</Text>
                  {m.createdByName ? <Text size="xs">by {m.createdByName}</Text> : null}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} style={{ overflowWrap: "anywhere" }}>
                    {m.lastError ? (
                      <Text size="xs" c={m.status === "failed" ? "red.8" : undefined}>
                        {m.lastError}
                      </Text>
                    ) : null}
                    {m.status === "queued" && m.attempts > 0 ? (
                      <Text size="xs">
                        Retry {m.attempts + 1} of {m.maxAttempts} at {when.format(new Date(m.nextAttemptAt))}
                      </Text>
                    ) : null}
                    <Group gap="xs">
                      {m.hasFile ? (
                        <Anchor href={`${base}/eml`} target="_blank" rel="noopener" size="xs">
                          Open email
                        </Anchor>
                      ) : null}
                      {m.hasFile ? (
                        <Anchor href={`${base}/eml?download=1`} size="xs">
                          Download .eml
                        </Anchor>
                      ) : null}
                      {canRetry && m.status === "failed" ? <RetryButton action={`${base}/retry`} /> : null}
                    </Group>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RetryButton({ action }: { action: string }) {
  const fetcher = useFetcher<{ error?: string }>();
  return (
    <fetcher.Form method="post" action={action}>
      <Tooltip label={fetcher.data?.error ?? "Send it again, with a fresh set of attempts"}>
        <Button type="submit" size="compact-xs" variant="light" leftSection={<IconRefresh size={12} />} loading={fetcher.state !== "idle"}>
          Retry
        </Button>
      </Tooltip>
    </fetcher.Form>
  );
}
