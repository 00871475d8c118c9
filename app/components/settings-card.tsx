// A titled card holding one settings form, with its save button and outcome message, so every
// settings page reads the same.
import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

export interface SettingsOutcome {
  intent: string;
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

export function SettingsCard({
  title,
  description,
  intent,
  canEdit,
  outcome,
  children,
  submitLabel = "Save",
}: {
  title: string;
  description?: ReactNode;
  intent: string;
  canEdit: boolean;
  outcome?: SettingsOutcome | null;
  children: ReactNode;
  submitLabel?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const mine = outcome?.intent === intent ? outcome : null;
  return (
    <Paper withBorder p="lg" radius="md">
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <Stack gap="sm">
          <div>
            <Title order={4}>{title}</Title>
            {description ? (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            ) : null}
          </div>
          {mine && !mine.ok && mine.message ? (
            <Alert color="red" role="alert">
              {mine.message}
            </Alert>
          ) : null}
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="sm">{children}</Stack>
          </fieldset>
          <Group justify="space-between">
            <Text size="sm" c={mine?.ok ? "teal" : "dimmed"} role={mine?.ok ? "status" : undefined}>
              {mine?.ok ? (mine.message ?? "Saved.") : canEdit ? "" : "Only owners can change these settings."}
            </Text>
            {canEdit ? (
              <Button type="submit" loading={busy}>
                {submitLabel}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Form>
    </Paper>
  );
}
