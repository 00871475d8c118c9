// Editing one message template (a trigger on one channel) with a live preview rendered by the same
// code the outbox uses, the variables one click away, and the switch that turns it on or off.
import { Alert, Badge, Box, Button, Code, Grid, Group, Paper, Stack, Switch, Text, Textarea, TextInput, Title, UnstyledButton } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { emailFooter, renderMessage, smsFooter, TEMPLATE_LIMITS, TEMPLATE_VARIABLES, type TemplateValues, templateProblems } from "../../modules/notifications/templates";
import type { Channel } from "../../modules/notifications/triggers";

export interface TemplateEditorProps {
  trigger: string;
  channel: Channel;
  enabled: boolean;
  subject: string | null;
  body: string;
  customized: boolean;
  canEdit: boolean;
  /** Support messages cannot be switched off: an agent chooses to send them. */
  switchable: boolean;
  sample: TemplateValues;
}

type SaveResult = { ok?: boolean; error?: string; fields?: Record<string, string | undefined> };

export function TemplateEditor(props: TemplateEditorProps) {
  const fetcher = useFetcher<SaveResult>();
  const [subject, setSubject] = useState(props.subject ?? "");
  const [body, setBody] = useState(props.body);
  const [enabled, setEnabled] = useState(props.enabled);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // After a save or reset the loader sends the stored text back: start from it.
  useEffect(() => {
    setSubject(props.subject ?? "");
    setBody(props.body);
    setEnabled(props.enabled);
  }, [props.subject, props.body, props.enabled]);

  const isEmail = props.channel === "email";
  const problems = templateProblems(props.channel, { subject: isEmail ? subject : null, body });
  const preview = useMemo(() => renderMessage({ subject: isEmail ? subject : null, body }, props.sample), [isEmail, subject, body, props.sample]);
  const exampleUnsubscribe = `${props.sample.trackingLink.replace(/\/track\/.*$/, "")}/unsubscribe/…`;
  const dirty = subject !== (props.subject ?? "") || body !== props.body || enabled !== props.enabled;
  const serverFields = fetcher.data?.fields ?? {};
  const id = `${props.trigger}-${props.channel}`;

  const insert = (name: string) => {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    if (!el) return setBody((b) => b + token);
    const start = el.selectionStart ?? body.length;
    const end = el.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <fetcher.Form method="post">
          <input type="hidden" name="trigger" value={props.trigger} />
          <input type="hidden" name="channel" value={props.channel} />
          <Stack gap="sm">
            {props.switchable ? (
              <Switch
                name="enabled"
                checked={enabled}
                onChange={(e) => setEnabled(e.currentTarget.checked)}
                disabled={!props.canEdit}
                label={isEmail ? "Send this email" : "Send this text message"}
              />
            ) : (
              <input type="hidden" name="enabled" value="on" />
            )}
            {isEmail ? (
              <TextInput
                label="Subject"
                name="subject"
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                disabled={!props.canEdit}
                error={serverFields.subject ?? (subject ? problems.subject : undefined)}
                id={`${id}-subject`}
              />
            ) : null}
            <Textarea
              label={isEmail ? "Message" : "Text message"}
              description={
                isEmail
                  ? "Plain text. The unsubscribe footer is added to every email."
                  : `${body.length} of ${TEMPLATE_LIMITS.smsBody} characters; a "Stop texts" link is added.`
              }
              name="body"
              ref={bodyRef}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              disabled={!props.canEdit}
              autosize
              minRows={isEmail ? 6 : 3}
              maxRows={16}
              error={serverFields.body ?? problems.body}
              id={`${id}-body`}
            />
            {props.canEdit ? (
              <Box>
                <Text size="xs" fw={600} mb={4}>
                  Insert a variable
                </Text>
                <Group gap={6}>
                  {Object.entries(TEMPLATE_VARIABLES).map(([name, help]) => (
                    <UnstyledButton key={name} onClick={() => insert(name)} title={help} aria-label={`Insert {{${name}}}: ${help}`}>
                      <Code>{`{{${name}}}`}</Code>
                    </UnstyledButton>
                  ))}
                </Group>
              </Box>
            ) : null}
            {fetcher.data?.error && !fetcher.data.fields ? (
              <Alert color="red" variant="light" role="alert">
                {fetcher.data.error}
              </Alert>
            ) : null}
            {props.canEdit ? (
              <Group gap="sm">
                <Button
                  type="submit"
                  name="intent"
                  value="save-template"
                  disabled={!dirty || Boolean(problems.subject || problems.body)}
                  loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "save-template"}
                >
                  Save
                </Button>
                {props.customized ? (
                  <Button
                    type="submit"
                    name="intent"
                    value="reset-template"
                    variant="default"
                    loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "reset-template"}
                  >
                    Reset to built-in text
                  </Button>
                ) : null}
                {fetcher.state === "idle" && fetcher.data?.ok && !dirty ? (
                  <Text size="sm" c="teal.8" role="status">
                    Saved.
                  </Text>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        </fetcher.Form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" radius="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))" aria-live="polite">
          <Group justify="space-between" mb="xs">
            <Title order={5}>Preview</Title>
            {!enabled ? <Badge color="gray">Switched off</Badge> : null}
          </Group>
          {isEmail ? (
            <Text size="sm" fw={700} mb="xs" data-testid={`${id}-preview-subject`}>
              {preview.subject || "(no subject)"}
            </Text>
          ) : null}
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} data-testid={`${id}-preview-body`}>
            {preview.body}
            {isEmail ? emailFooter(props.sample.shopName, exampleUnsubscribe) : smsFooter(exampleUnsubscribe)}
          </Text>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
