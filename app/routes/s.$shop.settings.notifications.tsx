// Settings > Buyer messages: the shop-wide switch and support email, each trigger's email and text
// message templates with a live preview (owners edit, everyone else reads), and the latest messages.
import { Accordion, Alert, Badge, Button, Group, Paper, Stack, Switch, Tabs, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { IconMail, IconMessage2 } from "@tabler/icons-react";
import { MessagesList } from "../components/notifications/messages-list";
import { TemplateEditor } from "../components/notifications/template-editor";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { buyerMessagesFormSchema } from "../modules/notifications/schemas";
import { buyerMessagesSettings, saveBuyerMessagesGeneral } from "../modules/notifications/settings.server";
import { resetTemplate, saveTemplate } from "../modules/notifications/templates.server";
import { sampleValues } from "../modules/notifications/templates";
import { ALL_TRIGGERS, isSupportTrigger, TRIGGERS } from "../modules/notifications/triggers";

export const meta: MetaFunction = () => [{ title: "Buyer messages · Settings · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  return {
    slug: ctx.shop.slug,
    canEdit: ctx.can("settings.edit"),
    canRetry: ctx.can("cases.act"),
    ...(await buyerMessagesSettings(ctx.scope)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const parsed = buyerMessagesFormSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return data({ ok: false, error: Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(" "), fields }, { status: 400 });
  }
  const input = parsed.data;
  try {
    if (input.intent === "save-general") {
      await saveBuyerMessagesGeneral(ctx.scope, { enabled: input.enabled, supportEmail: input.supportEmail, actorUserId: ctx.user.userId });
    } else if (input.intent === "reset-template") {
      await resetTemplate(ctx.scope, { trigger: input.trigger, channel: input.channel, actorUserId: ctx.user.userId });
    } else {
      await saveTemplate(ctx.scope, {
        trigger: input.trigger,
        channel: input.channel,
        enabled: input.enabled,
        subject: input.subject,
        body: input.body,
        actorUserId: ctx.user.userId,
      });
    }
    return data({ ok: true, error: undefined, fields: undefined });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      return data({ ok: false, error: error.message, fields: error.details as Record<string, string | undefined> | undefined }, { status: error.status });
    }
    throw error;
  }
}

export default function BuyerMessages() {
  const page = useLoaderData<typeof loader>();
  const sample = sampleValues(page.shopName, page.supportEmail, page.publicUrl, page.slug);
  const usesSupportEmail = page.templates.some((t) => t.enabled && t.body.includes("{{supportEmail}}"));
  return (
    <Stack gap="lg">
      <div>
        <Title order={3}>Buyer messages</Title>
        <Text size="sm">
          Emails and text messages Parcel Desk sends your buyers: one per status change, never one per scan. Every message links to the public
          tracking page and lets the buyer choose what they get.
        </Text>
      </div>
      <GeneralCard enabled={page.enabled} supportEmail={page.supportEmail} canEdit={page.canEdit} />
      {usesSupportEmail && !page.supportEmail ? (
        <Alert color="orange" variant="light" title="No support email yet">
          Some templates tell buyers to write to {"{{supportEmail}}"}. Until you set one above, they say “our support team” and emails have no reply
          address.
        </Alert>
      ) : null}
      {!page.canEdit ? (
        <Alert variant="light" color="gray">
          Only shop owners can change buyer messages. You can read them here.
        </Alert>
      ) : null}

      <Paper withBorder radius="md">
        <Accordion variant="default" chevronPosition="right">
          {ALL_TRIGGERS.map((trigger) => {
            const def = TRIGGERS[trigger];
            const templates = page.templates.filter((t) => t.trigger === trigger);
            return (
              <Accordion.Item key={trigger} value={trigger}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" pr="sm">
                    <div>
                      <Text fw={600}>{def.label}</Text>
                      <Text size="xs">{def.description}</Text>
                    </div>
                    <Group gap={4} wrap="nowrap" style={{ flex: "none" }}>
                      {templates.map((t) => (
                        <Badge key={t.channel} variant={t.enabled ? "light" : "outline"} color={t.enabled ? "indigo" : "gray"} style={{ overflow: "visible" }}>
                          {t.channel === "email" ? "Email" : "SMS"} {t.enabled ? "on" : "off"}
                        </Badge>
                      ))}
                      {templates.some((t) => t.customized) ? <Badge color="grape" variant="light">Edited</Badge> : null}
                    </Group>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Tabs defaultValue="email" keepMounted={false}>
                    <Tabs.List mb="md">
                      {templates.map((t) => (
                        <Tabs.Tab
                          key={t.channel}
                          value={t.channel}
                          leftSection={t.channel === "email" ? <IconMail size={14} /> : <IconMessage2 size={14} />}
                        >
                          {t.channel === "email" ? "Email" : "Text message"}
                        </Tabs.Tab>
                      ))}
                    </Tabs.List>
                    {templates.map((t) => (
                      <Tabs.Panel key={t.channel} value={t.channel}>
                        <TemplateEditor
                          trigger={t.trigger}
                          channel={t.channel}
                          enabled={t.enabled}
                          subject={t.subject}
                          body={t.body}
                          customized={t.customized}
                          canEdit={page.canEdit}
                          switchable={!isSupportTrigger(t.trigger)}
                          sample={sample}
                        />
                      </Tabs.Panel>
                    ))}
                  </Tabs>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="recent-messages">
        <Group justify="space-between" mb="sm">
          <Title order={4} id="recent-messages">
            Latest messages
          </Title>
          <Group gap={6}>
            <Text size="xs">Last 7 days:</Text>
            <Badge color="teal" variant="light">{page.counts.sent} sent</Badge>
            <Badge color="blue" variant="light">{page.counts.queued + page.counts.sending} waiting</Badge>
            <Badge color="red" variant="light">{page.counts.failed} failed</Badge>
            <Badge color="gray" variant="light">{page.counts.skipped} not sent</Badge>
          </Group>
        </Group>
        <MessagesList
          messages={page.recent}
          shopSlug={page.slug}
          timeZone={page.timeZone}
          canRetry={page.canRetry}
          showOrder
          emptyText="No buyer messages yet. They start when parcels ship."
        />
      </Paper>
    </Stack>
  );
}

function GeneralCard({ enabled, supportEmail, canEdit }: { enabled: boolean; supportEmail: string; canEdit: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const fields = (fetcher.data?.fields ?? {}) as Record<string, string | undefined>;
  return (
    <Paper withBorder radius="md" p="md">
      <fetcher.Form method="post">
        <Stack gap="sm">
          <Switch
            name="enabled"
            defaultChecked={enabled}
            disabled={!canEdit}
            label="Send automatic messages to buyers"
            description="Shipped, out for delivery, delivered, failed attempt, delayed and address problems. Support agents can still write from a case."
          />
          <TextInput
            name="supportEmail"
            type="email"
            label="Support email"
            description="Shown to buyers on the tracking page and used as the reply address of every email."
            defaultValue={supportEmail}
            disabled={!canEdit}
            error={fields.supportEmail}
            maw={420}
          />
          {canEdit ? (
            <Group gap="sm">
              <Button type="submit" name="intent" value="save-general" loading={fetcher.state !== "idle"}>
                Save
              </Button>
              {fetcher.state === "idle" && fetcher.data?.ok ? (
                <Text size="sm" c="teal.8" role="status">
                  Saved.
                </Text>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}
