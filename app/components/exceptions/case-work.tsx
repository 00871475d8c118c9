// The working parts of the case page: the internal-note composer, the buyer-message composer
// (template picker with a preview) and the tabs with notes, activity log and messages.
// Drafts are controlled by the page, so a refused submission keeps what the agent typed.
import { Badge, Button, Group, Kbd, NativeSelect, Paper, Stack, Tabs, Text, Textarea, Timeline, Tooltip } from "@mantine/core";
import { IconMail, IconNote } from "@tabler/icons-react";
import { forwardRef, type ReactNode } from "react";
import type { AuditRow } from "../../modules/audit/audit.server";
import { renderTemplate } from "../../modules/notifications/templates";
import { MessagesList, type MessageRow } from "../notifications/messages-list";
import { VIEW_ONLY_REASON } from "./bulk-bar";
import { Card } from "./case-cards";
import { formatDateTime } from "./format";

function ViewOnly({ canAct, children }: { canAct: boolean; children: ReactNode }) {
  return (
    <Tooltip label={VIEW_ONLY_REASON} disabled={canAct}>
      <span style={{ display: "inline-block" }}>{children}</span>
    </Tooltip>
  );
}

export const NoteComposer = forwardRef<HTMLTextAreaElement, { value: string; onChange: (v: string) => void; onSubmit: () => void; busy: boolean; canAct: boolean }>(
  function NoteComposer({ value, onChange, onSubmit, busy, canAct }, ref) {
    const submit = () => {
      if (canAct && value.trim() && !busy) onSubmit();
    };
    return (
      <Stack gap={6}>
        <Textarea
          ref={ref}
          aria-label="Internal note"
          placeholder={canAct ? "Add an internal note (only your team sees it)…  Press n to jump here." : "Your role can read notes but not add them."}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          value={value}
          disabled={!canAct}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> adds the note
          </Text>
          <ViewOnly canAct={canAct}>
            <Button size="xs" leftSection={<IconNote size={14} />} onClick={submit} loading={busy} disabled={!canAct || !value.trim()}>
              Add note
            </Button>
          </ViewOnly>
        </Group>
      </Stack>
    );
  },
);

export interface TemplateOption {
  key: string;
  label: string;
  subject: string;
  body: string;
}

export const MessageComposer = forwardRef<
  HTMLSelectElement,
  {
    templates: TemplateOption[];
    value: string;
    onChange: (v: string) => void;
    onSend: () => void;
    busy: boolean;
    canAct: boolean;
    recipient: string | null;
    values: { firstName: string; orderId: string; carrier: string; trackingNumber: string };
  }
>(function MessageComposer({ templates, value, onChange, onSend, busy, canAct, recipient, values }, ref) {
  const chosen = templates.find((t) => t.key === value);
  return (
    <Card title="Message the buyer">
      <Stack gap="xs">
        <NativeSelect
          ref={ref}
          aria-label="Message template"
          data={[{ value: "", label: "Choose a template…  (m)" }, ...templates.map((t) => ({ value: t.key, label: t.label }))]}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          disabled={!canAct || !recipient}
          onKeyDown={(e) => {
            if (e.key === "Enter" && value && recipient && canAct && !busy) {
              e.preventDefault();
              onSend();
            }
          }}
        />
        {chosen ? (
          <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)">
            <Text size="xs" fw={600}>
              {renderTemplate(chosen.subject, values)}
            </Text>
            <Text size="xs" style={{ whiteSpace: "pre-wrap" }} lineClamp={6}>
              {renderTemplate(chosen.body, values)}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              Standard wording; if the owner edited this template in Settings › Buyer messages, the edited one is sent.
            </Text>
          </Paper>
        ) : null}
        {recipient ? (
          <ViewOnly canAct={canAct}>
            <Button size="xs" leftSection={<IconMail size={14} />} onClick={onSend} disabled={!canAct || !value} loading={busy} fullWidth>
              Send to {recipient}
            </Button>
          </ViewOnly>
        ) : (
          <Text size="sm" c="red">
            The order has no buyer email address, so no message can be sent.
          </Text>
        )}
      </Stack>
    </Card>
  );
});

export function WorkTabs({
  tab,
  onTab,
  notes,
  activity,
  messages,
  composer,
  shopSlug,
  timeZone,
  canAct,
}: {
  tab: string | null;
  onTab: (tab: string | null) => void;
  notes: { id: number; body: string; createdAt: Date; authorName: string | null }[];
  activity: AuditRow[];
  messages: MessageRow[];
  composer: ReactNode;
  shopSlug: string;
  timeZone: string;
  canAct: boolean;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Tabs value={tab} onChange={onTab}>
        <Tabs.List>
          <Tabs.Tab value="notes" rightSection={<Badge size="xs" variant="light">{notes.length}</Badge>}>
            Internal notes
          </Tabs.Tab>
          <Tabs.Tab value="activity" rightSection={<Badge size="xs" variant="light">{activity.length}</Badge>}>
            Activity
          </Tabs.Tab>
          <Tabs.Tab value="messages" rightSection={<Badge size="xs" variant="light">{messages.length}</Badge>}>
            Buyer messages
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="notes" pt="sm">
          <Stack gap="sm">
            {composer}
            {notes.length === 0 ? (
              <Text size="sm" c="dimmed">
                No notes yet.
              </Text>
            ) : (
              <Stack gap="xs" data-testid="notes">
                {[...notes].reverse().map((n) => (
                  <Paper key={n.id} withBorder p="xs" radius="sm">
                    <Text size="xs" c="dimmed">
                      {n.authorName ?? "Former member"} · {formatDateTime(n.createdAt, timeZone)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {n.body}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="sm">
          {activity.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing has been done on this case yet.
            </Text>
          ) : (
            <Timeline bulletSize={10} lineWidth={1} data-testid="activity">
              {activity.map((a) => (
                <Timeline.Item key={a.id} title={<Text size="sm">{typeof a.details.summary === "string" ? a.details.summary : a.action}</Text>}>
                  <Text size="xs" c="dimmed">
                    {a.actorName ?? "Parcel Desk (automatic)"} · {formatDateTime(a.at, timeZone)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="sm">
          <MessagesList messages={messages} shopSlug={shopSlug} timeZone={timeZone} canRetry={canAct} emptyText="No messages to this buyer yet." />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
