import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { db } from "../lib/db.server";
import { requireUser } from "../lib/guard.server";
import { membershipsOf } from "../lib/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const memberships = await membershipsOf(db(), user.userId);
  const shop = memberships.find((m) => m.shopId === user.lastShopId) ?? memberships[0];
  if (shop) throw redirect(`/s/${shop.slug}`);
  return null;
}

export default function NoShop() {
  return (
    <Center mih="80vh">
      <Stack align="center" maw={460} ta="center">
        <Title order={2}>You are not in a shop yet</Title>
        <Text c="dimmed">Ask a shop owner to invite you, or create a shop with `npm run shops:create`.</Text>
        <Form method="post" action="/logout">
          <Button type="submit" variant="default">
            Sign out
          </Button>
        </Form>
      </Stack>
    </Center>
  );
}
