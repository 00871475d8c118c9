// Settings > Tracking: the carrier webhook's address, how to sign requests, and the secret (owners
// reveal and rotate it; other roles see neither).
import { Alert, Button, Code, CopyButton, Group, List, Modal, Paper, Stack, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { IconCheck, IconCopy, IconEye, IconLock, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";

export interface WebhookCardProps {
  url: string;
  header: string;
  toleranceMinutes: number;
  bodyLimitMb: number;
  canEdit: boolean;
  /** The secret, only right after an owner revealed or rotated it. */
  secret: string | null;
  rotated: boolean;
}

function CopyIcon({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? "Copied" : label} withArrow>
          <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} aria-label={label}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export function WebhookCard({ url, header, toleranceMinutes, bodyLimitMb, canEdit, secret, rotated }: WebhookCardProps) {
  const [confirming, setConfirming] = useState(false);
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <div>
          <Title order={4}>Carrier webhook</Title>
          <Text size="sm" c="dimmed">
            Carriers (or your integration) POST tracking events here, as one JSON event or an array of them.
          </Text>
        </div>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput label="Webhook URL" value={url} readOnly style={{ flex: 1 }} styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} />
          <CopyIcon value={url} label="Copy the webhook URL" />
        </Group>
        <List size="sm" spacing={4}>
          <List.Item>
            Sign every request: <Code>{header}: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</Code> with the shop’s signing secret.
          </List.Item>
          <List.Item>
            Requests older than {toleranceMinutes} minutes, unsigned or wrongly signed get 401; bodies over {bodyLimitMb} MB get 413.
          </List.Item>
          <List.Item>The same event id is stored once, however often it is delivered; unknown tracking numbers are kept and reported as orphans.</List.Item>
        </List>
        {canEdit ? (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Signing secret
            </Text>
            {secret ? (
              <>
                {rotated ? (
                  <Alert color="teal" role="status">
                    New secret created. Requests signed with the old one are refused from now on: update your integration.
                  </Alert>
                ) : null}
                <Group gap="xs" wrap="nowrap">
                  <TextInput value={secret} readOnly aria-label="Webhook secret" data-testid="webhook-secret" style={{ flex: 1 }} styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} />
                  <CopyIcon value={secret} label="Copy the secret" />
                </Group>
              </>
            ) : (
              <Group gap="xs">
                <Code data-testid="webhook-secret-masked">whsec_••••••••••••••••</Code>
                <Form method="post">
                  <input type="hidden" name="intent" value="reveal" />
                  <Button type="submit" variant="default" size="xs" leftSection={<IconEye size={14} />} loading={busy("reveal")}>
                    Reveal secret
                  </Button>
                </Form>
              </Group>
            )}
            <Group>
              <Button variant="light" color="red" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => setConfirming(true)}>
                Rotate secret…
              </Button>
            </Group>
            <Modal opened={confirming} onClose={() => setConfirming(false)} title="Rotate the webhook secret?" centered>
              <Form method="post" onSubmit={() => setConfirming(false)}>
                <input type="hidden" name="intent" value="rotate" />
                <Stack>
                  <Text size="sm">A new secret replaces the current one at once. Until your carrier integration uses the new secret, its requests are refused (401).</Text>
                  <Group justify="flex-end">
                    <Button variant="default" onClick={() => setConfirming(false)}>
                      Cancel
                    </Button>
                    <Button type="submit" color="red" loading={busy("rotate")}>
                      Rotate secret
                    </Button>
                  </Group>
                </Stack>
              </Form>
            </Modal>
          </Stack>
        ) : (
          <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
            Only shop owners can see or rotate the signing secret.
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
