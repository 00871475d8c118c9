// /account: the signed-in person's own account: who they are, their shops, and changing the
// password (the current one is required; every other session ends).
import { Alert, Anchor, Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AccountFrame } from "../components/account/account-frame";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireUser } from "../lib/guard.server";
import { membershipsOf } from "../lib/session.server";
import { changePassword } from "../modules/accounts/passwords.server";
import { ROLE_LABELS } from "../modules/auth/permissions";
import { changePasswordSchema } from "../modules/auth/schemas";

export const meta: MetaFunction = () => [{ title: "Your account · Parcel Desk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const shops = await membershipsOf(db(), user.userId);
  return { name: user.name, email: user.email, shops: shops.map((s) => ({ slug: s.slug, name: s.name, role: s.role })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = changePasswordSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ ok: false, message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const { endedSessions } = await changePassword(db(), { userId: user.userId, sessionId: user.sessionId, current: parsed.data.current, next: parsed.data.password });
    const elsewhere = endedSessions === 0 ? "" : ` You were signed out of ${endedSessions} other ${endedSessions === 1 ? "session" : "sessions"}.`;
    return data({ ok: true, message: `Password changed.${elsewhere}`, errors: {} as Record<string, string> });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const details = (error.details as Record<string, string> | undefined) ?? {};
      // The policy names the new password's field "next"; the form calls it "password".
      const errors = { ...details, ...(details.next ? { password: details.next } : {}) };
      return data({ ok: false, message: error.message, errors }, { status: error.status });
    }
    throw error;
  }
}

export default function Account() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <AccountFrame title="Your account" intro={`${page.name} · ${page.email}`}>
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">
          Your shops
        </Title>
        {page.shops.length === 0 ? (
          <Text size="sm" c="dimmed">You are not in a shop yet. A shop owner can invite you.</Text>
        ) : (
          <Table aria-label="Your shops">
            <Table.Tbody>
              {page.shops.map((s) => (
                <Table.Tr key={s.slug}>
                  <Table.Td>
                    <Anchor href={`/s/${s.slug}`}>{s.name}</Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{ROLE_LABELS[s.role]}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Form method="post" noValidate>
        <Stack>
          <Title order={4}>Change your password</Title>
          {result?.message ? (
            <Alert color={result.ok ? "teal" : "red"} role={result.ok ? "status" : "alert"}>
              {result.message}
            </Alert>
          ) : null}
          <PasswordInput name="current" label="Current password" autoComplete="current-password" required error={errors.current && errors.current === result?.message ? true : errors.current} />
          <PasswordInput
            name="password"
            label="New password"
            description="At least 10 characters; a few unrelated words work well. Other devices are signed out."
            autoComplete="new-password"
            required
            error={errors.password && errors.password === result?.message ? true : errors.password}
          />
          <PasswordInput name="confirm" label="Type the new password again" autoComplete="new-password" required error={errors.confirm} />
          <Group justify="space-between">
            <Anchor href="/" size="sm">
              Back to your shop
            </Anchor>
            <Button type="submit" loading={navigation.state === "submitting"}>
              Change password
            </Button>
          </Group>
        </Stack>
      </Form>
    </AccountFrame>
  );
}
