// /forgot-password: asks for an email and answers the same words whether or not it has an account;
// an account gets a single-use link, valid for an hour, to choose a new password.
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { AccountFrame } from "../components/account/account-frame";
import { db } from "../lib/db.server";
import { fieldErrors, formObject } from "../lib/forms";
import { clientIp } from "../lib/http.server";
import { requestPasswordReset } from "../modules/accounts/passwords.server";
import { forgotPasswordSchema } from "../modules/auth/schemas";
import { waitWords } from "../modules/auth/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password · Parcel Desk" }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = forgotPasswordSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ sent: false, message: null, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await requestPasswordReset(db(), { email: parsed.data.email, ip: clientIp(request) });
  if (result.kind === "rate_limited") {
    return data(
      { sent: false, message: `Too many requests from your network. Try again in ${waitWords(result.retryAfterSeconds)}.`, errors: {} },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return data({ sent: true, message: result.message, errors: {} as Record<string, string> });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <AccountFrame title="Forgot your password?" intro="We will email you a link to choose a new one.">
      {result?.message ? (
        <Alert color={result.sent ? "teal" : "red"} role={result.sent ? "status" : "alert"}>
          {result.message}
        </Alert>
      ) : null}
      <Form method="post" noValidate>
        <Stack>
          <TextInput name="email" type="email" label="Email" autoComplete="email" required autoFocus error={(result?.errors as Record<string, string> | undefined)?.email} />
          <Button type="submit" loading={navigation.state === "submitting"} fullWidth>
            Email me a link
          </Button>
          <Text size="sm" ta="center">
            <Anchor href="/login">Back to sign in</Anchor>
          </Text>
        </Stack>
      </Form>
    </AccountFrame>
  );
}
