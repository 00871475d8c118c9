// The frame of the account pages a person may reach signed out (invitation, password reset,
// forgot password): the sign-in page's card, centred, with the product's name.
import { Center, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function AccountFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={440} maw="100%">
        <Stack>
          <div>
            <Text fw={800} c="indigo" fz="lg">
              Parcel Desk
            </Text>
            <Title order={2} mt={4}>
              {title}
            </Title>
            {intro ? (
              <Text c="dimmed" size="sm" mt={4}>
                {intro}
              </Text>
            ) : null}
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
