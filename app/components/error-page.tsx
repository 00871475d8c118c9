// The shared error boundary: friendly pages for 403, 404 and 500 that never show internals.
import { Anchor, Button, Center, Code, Group, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const COPY: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Something in it was missing or malformed." },
  401: { title: "Please sign in", body: "Your session has ended." },
  403: { title: "You do not have access", body: "Your role does not allow this page or action." },
  404: { title: "Page not found", body: "The page does not exist, or it belongs to a shop you are not a member of." },
  429: { title: "Slow down", body: "Too many requests. Wait a moment and try again." },
  500: { title: "Something went wrong on our side", body: "The error has been logged. Try again in a moment." },
};

export function ErrorPage() {
  const error = useRouteError();
  let status = 500;
  let message: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: string } | string | null;
    message = typeof data === "string" ? data : data?.message;
  }
  const copy = COPY[status] ?? COPY[status >= 500 ? 500 : 400];
  return (
    <Center mih="70vh" p="xl">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <Text c="dimmed" fw={700} fz={48} lh={1}>
          {status}
        </Text>
        <Title order={2}>{copy.title}</Title>
        <Text c="dimmed">{message && status < 500 ? message : copy.body}</Text>
        {status >= 500 && process.env.NODE_ENV === "development" && error instanceof Error ? (
          <Code block>{error.message}</Code>
        ) : null}
        <Group mt="md">
          <Button component={Link} to="/">
            Go to the dashboard
          </Button>
          {status === 401 || status === 403 ? (
            <Anchor component={Link} to="/login">
              Sign in as someone else
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Center>
  );
}
