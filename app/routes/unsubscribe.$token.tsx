// /unsubscribe/<token>: the link in every buyer message. No account: the signed token names the shop
// and the contact. The buyer can stop everything in one click, or choose which messages and how.
// Mail clients' one-click unsubscribe (RFC 8058) POSTs "List-Unsubscribe=One-Click" here too.
import { Alert, Button, Checkbox, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IconCircleCheck } from "@tabler/icons-react";
import { BUTTON_COLOR, PublicErrorPage, PublicFrame } from "../components/public-tracking/frame";
import { db } from "../lib/db.server";
import { fieldErrors } from "../lib/forms";
import { orHttpError } from "../lib/http.server";
import { topicLabel } from "../modules/notifications/preferences";
import { unsubscribeFormSchema } from "../modules/notifications/schemas";
import { PREFERENCE_TOPICS } from "../modules/notifications/triggers";
import { applyUnsubscribeChoice, unsubscribeView } from "../modules/notifications/unsubscribe.server";

export const meta: MetaFunction = () => [
  { title: "Your message choices" },
  { name: "robots", content: "noindex, nofollow" },
  // The token is in the address: links on this page must not pass it on.
  { name: "referrer", content: "no-referrer" },
];

const NO_STORE = { "Cache-Control": "private, no-store" };

// The token is in the address: never cache the page.
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ params }: LoaderFunctionArgs) {
  return data(await orHttpError(unsubscribeView(db(), params.token ?? "")), { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  const parsed = unsubscribeFormSchema.safeParse(
    oneClick ? { intent: "everything" } : { intent: form.get("intent"), topicsOn: form.getAll("topic"), channelsOn: form.getAll("channel") },
  );
  if (!parsed.success) {
    return data({ saved: false, error: Object.values(fieldErrors(parsed.error))[0] as string | null, unsubscribed: false }, { status: 400, headers: NO_STORE });
  }
  const view = await orHttpError(applyUnsubscribeChoice(db(), params.token ?? "", parsed.data));
  return data({ saved: true, error: null, unsubscribed: view.preference.unsubscribed }, { headers: NO_STORE });
}

export default function Unsubscribe() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const p = view.preference;
  const phone = view.contactKind === "phone";
  return (
    <PublicFrame>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <div>
            <Title order={1} fz="h2">
              Messages from {view.shopName}
            </Title>
            <Text mt={4}>
              Choose which updates about your orders {view.shopName} sends to <strong>{view.maskedContact}</strong>.
            </Text>
          </div>
          {result?.saved ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} role="status">
              {result.unsubscribed ? "Done: you will not get any more messages about your orders." : "Saved: you will only get the messages you chose."}
            </Alert>
          ) : null}
          {result?.error ? (
            <Alert color="red" variant="light" role="alert">
              {result.error}
            </Alert>
          ) : null}
          {p.unsubscribed ? (
            <Form method="post">
              <Stack gap="xs">
                <Text>You are unsubscribed from all messages about your orders.</Text>
                <Button type="submit" name="intent" value="resubscribe" variant="default" loading={busy} style={{ alignSelf: "flex-start" }}>
                  Subscribe again
                </Button>
              </Stack>
            </Form>
          ) : (
            <>
              <Form method="post">
                <Button type="submit" name="intent" value="everything" color="red.9" loading={busy}>
                  Unsubscribe from everything
                </Button>
              </Form>
              <Divider
                labelPosition="left"
                label={
                  <Text size="sm" c="light-dark(var(--mantine-color-gray-8), var(--mantine-color-dark-0))">
                    or choose
                  </Text>
                }
              />
              <Form method="post">
                <Stack gap="sm">
                  <Checkbox.Group label="Send me these updates" defaultValue={PREFERENCE_TOPICS.filter((t) => !p.topicsOff.includes(t))}>
                    <Stack gap={6} mt={6}>
                      {PREFERENCE_TOPICS.map((t) => (
                        <Checkbox key={t} name="topic" value={t} label={topicLabel(t)} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                  <Checkbox.Group label="Send them by" defaultValue={(["email", "sms"] as const).filter((c) => !p.channelsOff.includes(c))}>
                    <Stack gap={6} mt={6}>
                      <Checkbox name="channel" value="email" label={phone ? "Email (to the address on my orders)" : "Email"} />
                      <Checkbox name="channel" value="sms" label={phone ? "Text message" : "Text message (to the phone number on my orders)"} />
                    </Stack>
                  </Checkbox.Group>
                  <Group>
                    <Button type="submit" name="intent" value="choose" color={BUTTON_COLOR} loading={busy}>
                      Save my choices
                    </Button>
                  </Group>
                </Stack>
              </Form>
            </>
          )}
        </Stack>
      </Paper>
    </PublicFrame>
  );
}

export function ErrorBoundary() {
  return (
    <PublicFrame>
      <PublicErrorPage />
    </PublicFrame>
  );
}
