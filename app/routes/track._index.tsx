// /track: find a parcel by its tracking number, or by order number and the email it was ordered with.
import { Alert, Button, Divider, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { IconInfoCircle } from "@tabler/icons-react";
import { BUTTON_COLOR } from "../components/public-tracking/frame";
import { db } from "../lib/db.server";
import { fieldErrors, formObject } from "../lib/forms";
import { clientIp } from "../lib/http.server";
import { findParcel } from "../modules/public-tracking/page.server";
import { findParcelSchema } from "../modules/public-tracking/schemas";

export async function action({ request }: ActionFunctionArgs) {
  const parsed = findParcelSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), message: null }, { status: 400 });
  const result = await findParcel(db(), { ip: clientIp(request), ...parsed.data });
  if (result.kind === "redirect") throw redirect(result.to, { status: 303 });
  if (result.kind === "rate_limited") {
    throw data(
      { message: "Too many lookups.", retryAfterSeconds: result.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return data({ errors: {} as Record<string, string>, message: result.message }, { status: 200 });
}

export default function FindParcel() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = result?.errors ?? {};
  const busy = navigation.state === "submitting";
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={1} fz="h2">
        Track your parcel
      </Title>
      <Text mt={4} mb="md">
        Enter the tracking number from your shipping email. No account needed.
      </Text>
      <Form method="post" noValidate>
        <Stack gap="sm">
          <TextInput
            name="trackingNumber"
            label="Tracking number"
            placeholder="e.g. 1Z999AA10123456784"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            error={errors.trackingNumber}
          />
          <Button type="submit" color={BUTTON_COLOR} loading={busy} style={{ alignSelf: "flex-start" }}>
            Track
          </Button>
          <Divider
            my="sm"
            labelPosition="center"
            label={
              <Text size="sm" c="light-dark(var(--mantine-color-gray-8), var(--mantine-color-dark-0))">
                or find it by your order
              </Text>
            }
          />
          <TextInput name="orderId" label="Order number" autoComplete="off" error={errors.orderId} />
          <TextInput name="email" type="email" label="Email address you ordered with" autoComplete="email" error={errors.email} />
          {result?.message ? (
            <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />} role="status">
              {result.message}
            </Alert>
          ) : null}
          <Button type="submit" variant="default" loading={busy} style={{ alignSelf: "flex-start" }}>
            Find my parcel
          </Button>
        </Stack>
      </Form>
    </Paper>
  );
}
