// The buyer-facing frame: a light header and footer around the page, and the error page that goes
// with it (429 "slow down" with the wait, 400 for a bad link, 404, 500).
import { Anchor, Box, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { IconPackage } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * The theme's default indigo (shade 6) has less than 4.5:1 contrast on white for text and for white
 * text on it; the buyer pages use darker shades so axe-core finds no contrast problems.
 */
export const LINK_COLOR = "light-dark(var(--mantine-color-indigo-9), var(--mantine-color-indigo-3))";
export const BUTTON_COLOR = "indigo.9";

export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))" style={{ display: "flex", flexDirection: "column" }}>
      <Box component="header" bg="var(--mantine-color-body)" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Container size="sm" py="sm">
          <Group gap={8}>
            <IconPackage size={22} aria-hidden />
            <Anchor href="/track" fw={700} c="var(--mantine-color-text)" underline="never">
              Parcel tracking
            </Anchor>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main" style={{ flex: 1 }}>
        <Container size="sm" py="lg" px="md">
          {children}
        </Container>
      </Box>
      <Box component="footer">
        <Container size="sm" py="md">
          <Text size="xs" c="light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))">
            Tracking by Parcel Desk for the shop you ordered from. Names and addresses are shown only after the delivery postal code is confirmed.
          </Text>
        </Container>
      </Box>
    </Box>
  );
}

const COPY: Record<number, { title: string; body: string }> = {
  400: { title: "This link does not work", body: "Part of it is missing or was changed. Open it again from the message you received." },
  404: { title: "Page not found", body: "There is nothing at this address. Check the link, or look your parcel up by its tracking number." },
  429: { title: "Too many lookups", body: "You have looked up parcels too often in a short time." },
  500: { title: "Something went wrong on our side", body: "Please try again in a moment." },
};

export function PublicErrorPage() {
  const error = useRouteError();
  let status = 500;
  let message: string | undefined;
  let retryAfter: number | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: string; retryAfterSeconds?: number } | string | null;
    message = typeof data === "string" ? undefined : data?.message;
    retryAfter = typeof data === "string" ? undefined : data?.retryAfterSeconds;
  }
  const copy = COPY[status] ?? COPY[status >= 500 ? 500 : 400];
  const wait = retryAfter ? (retryAfter >= 90 ? `${Math.ceil(retryAfter / 60)} minutes` : `${retryAfter} seconds`) : null;
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack gap="xs">
        <Text fw={700} fz={40} lh={1} c="light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))">
          {status}
        </Text>
        <Title order={1} fz="h2">
          {copy.title}
        </Title>
        <Text>{status === 429 ? `${copy.body} Wait ${wait ?? "a few minutes"} and try again.` : message && status < 500 ? message : copy.body}</Text>
        <Anchor href="/track" c={LINK_COLOR}>
          Look up a parcel
        </Anchor>
      </Stack>
    </Paper>
  );
}
