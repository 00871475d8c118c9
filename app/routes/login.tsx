import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { IconAlertCircle } from "@tabler/icons-react";
import { db } from "../lib/db.server";
import { fieldErrors, formObject } from "../lib/forms";
import { safeRedirect } from "../lib/guard.server";
import { clientIp } from "../lib/http.server";
import { getSessionUser, startSession } from "../lib/session.server";
import { signInSchema } from "../modules/auth/schemas";
import { signIn } from "../modules/auth/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Parcel Desk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(db(), request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = signInSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), message: null }, { status: 400 });
  const result = await signIn(db(), { email: parsed.data.email, password: parsed.data.password, ip: clientIp(request) });
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      return data({ errors: {}, message: result.message }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    }
    return data({ errors: {}, message: result.message }, { status: 401 });
  }
  const cookie = await startSession(db(), result.userId, null);
  throw redirect(safeRedirect(parsed.data.redirectTo, "/"), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={400} maw="100%">
        <Form method="post" noValidate>
          <Stack>
            <div>
              <Text fw={800} c="indigo" fz="lg">
                Parcel Desk
              </Text>
              <Title order={2} mt={4}>
                Sign in
              </Title>
              <Text c="dimmed" size="sm">
                Orders, labels, tracking and exceptions for your shop.
              </Text>
            </div>
            {result?.message ? (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {result.message}
              </Alert>
            ) : null}
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextInput
              name="email"
              type="email"
              label="Email"
              autoComplete="email"
              required
              autoFocus
              error={errors.email}
            />
            <PasswordInput
              name="password"
              label="Password"
              autoComplete="current-password"
              required
              error={errors.password}
            />
            <Button type="submit" loading={navigation.state === "submitting"} fullWidth>
              Sign in
            </Button>
            <Text size="sm" ta="center">
              <Anchor href="/forgot-password" size="sm">
                Forgot your password?
              </Anchor>
            </Text>
            <Text size="xs" c="dimmed" ta="center">
              Tracking a parcel? Use the{" "}
              <Anchor href="/track" size="xs">
                public tracking page
              </Anchor>
              .
            </Text>
          </Stack>
        </Form>
      </Paper>
    </Center>
  );
}
