// /reset-password/<token>: the link in a password reset email. Choosing a new password uses the
// link up, signs the person out everywhere else and signs them in here.
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AccountFrame } from "../components/account/account-frame";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { startSession } from "../lib/session.server";
import { RESET_LINK_GONE, resetPassword, resetView } from "../modules/accounts/passwords.server";
import { resetPasswordSchema } from "../modules/auth/schemas";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Parcel Desk" }, { name: "robots", content: "noindex, nofollow" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await resetView(db(), params.token ?? "");
  if (!view) return data({ gone: true as const, email: null, message: RESET_LINK_GONE }, { status: 410, headers: { "Cache-Control": "no-store" } });
  return data({ gone: false as const, email: view.email, message: null }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = resetPasswordSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const { userId } = await resetPassword(db(), { token: params.token ?? "", password: parsed.data.password });
    throw redirect("/", { headers: { "Set-Cookie": await startSession(db(), userId, null) } });
  } catch (error) {
    if (error instanceof AppError) {
      return data({ message: error.message, errors: (error.details as Record<string, string> | undefined) ?? {} }, { status: error.status });
    }
    throw error;
  }
}

export default function ResetPassword() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  if (page.gone) {
    return (
      <AccountFrame title="This link no longer works">
        <Text>{page.message}</Text>
        <Button component="a" href="/forgot-password">
          Ask for a new link
        </Button>
      </AccountFrame>
    );
  }
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <AccountFrame title="Choose a new password" intro="Setting it signs you out on every other device.">
      {result?.message ? (
        <Alert color="red" role="alert">
          {result.message}
        </Alert>
      ) : null}
      <Form method="post" noValidate>
        <Stack>
          <TextInput label="Email" value={page.email ?? ""} readOnly disabled autoComplete="username" />
          <PasswordInput
            name="password"
            label="New password"
            description="At least 10 characters; a few unrelated words work well."
            autoComplete="new-password"
            required
            autoFocus
            error={errors.password && errors.password === result?.message ? true : errors.password}
          />
          <PasswordInput name="confirm" label="Type it again" autoComplete="new-password" required error={errors.confirm} />
          <Button type="submit" loading={navigation.state === "submitting"} fullWidth>
            Set the new password
          </Button>
          <Text size="sm" ta="center">
            <Anchor href="/login">Back to sign in</Anchor>
          </Text>
        </Stack>
      </Form>
    </AccountFrame>
  );
}
