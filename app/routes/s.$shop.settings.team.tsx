import { Alert, Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { recordAudit } from "../modules/audit/audit.server";
import { ROLE_LABELS } from "../modules/auth/permissions";
import { memberRoleSchema, newMemberSchema, removeMemberSchema } from "../modules/shops/schemas";
import { changeMemberRole, inviteMember, removeMember, shopMembers } from "../modules/shops/shops.server";

export const meta: MetaFunction = () => [{ title: "Team · Settings · Parcel Desk" }];

const ROLE_OPTIONS = [
  { value: "owner", label: "Owner: everything, including settings and team" },
  { value: "fulfilment", label: "Fulfilment: import, assign carriers, print labels" },
  { value: "support", label: "Support: work exception cases, message buyers" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  return { canEdit: ctx.can("settings.edit"), me: ctx.user.userId, members: await shopMembers(db(), ctx.shop.id) };
}

type Outcome = { ok: boolean; message: string; errors?: Record<string, string>; password?: string | null; email?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  try {
    if (form.intent === "invite") {
      const parsed = newMemberSchema.safeParse(form);
      if (!parsed.success) return data<Outcome>({ ok: false, message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
      const result = await inviteMember(db(), ctx.shop.id, parsed.data);
      await recordAudit(ctx.scope, { actorUserId: ctx.user.userId, action: "team.member_added", details: { summary: `Added ${parsed.data.email} as ${parsed.data.role}.`, userId: result.userId } });
      return data<Outcome>({
        ok: true,
        message: result.created ? `Created an account for ${parsed.data.email}.` : `Added ${parsed.data.email} to the shop.`,
        password: result.password,
        email: parsed.data.email,
      });
    }
    if (form.intent === "role") {
      const parsed = memberRoleSchema.safeParse(form);
      if (!parsed.success) return data<Outcome>({ ok: false, message: "Choose a valid role." }, { status: 400 });
      await changeMemberRole(db(), ctx.shop.id, parsed.data.userId, parsed.data.role);
      await recordAudit(ctx.scope, { actorUserId: ctx.user.userId, action: "team.role_changed", details: { summary: `Changed a member's role to ${parsed.data.role}.`, userId: parsed.data.userId } });
      return data<Outcome>({ ok: true, message: "Role changed." });
    }
    if (form.intent === "remove") {
      const parsed = removeMemberSchema.safeParse(form);
      if (!parsed.success) return data<Outcome>({ ok: false, message: "Unknown member." }, { status: 400 });
      await removeMember(db(), ctx.shop.id, parsed.data.userId);
      await recordAudit(ctx.scope, { actorUserId: ctx.user.userId, action: "team.member_removed", details: { summary: "Removed a member from the shop.", userId: parsed.data.userId } });
      return data<Outcome>({ ok: true, message: "Member removed." });
    }
    return data<Outcome>({ ok: false, message: "Unknown form." }, { status: 400 });
  } catch (error) {
    if (error instanceof AppError) return data<Outcome>({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function Team() {
  const { canEdit, me, members } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Stack gap="lg">
      {outcome ? (
        <Alert color={outcome.ok ? "teal" : "red"} role={outcome.ok ? "status" : "alert"}>
          {outcome.message}
          {outcome.password ? (
            <Text size="sm" mt={4}>
              Their password (shown once; pass it on securely): <Code>{outcome.password}</Code>
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              {canEdit ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>
                  {m.name} {m.userId === me ? <Badge variant="light" size="xs">you</Badge> : null}
                </Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  {canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <Group gap="xs" wrap="nowrap">
                        <Select name="role" size="xs" w={130} defaultValue={m.role} allowDeselect={false} aria-label={`Role of ${m.name}`}
                          data={ROLE_OPTIONS.map((o) => ({ value: o.value, label: ROLE_LABELS[o.value as keyof typeof ROLE_LABELS] }))} />
                        <Button type="submit" size="xs" variant="default">Change</Button>
                      </Group>
                    </Form>
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <Button type="submit" size="xs" variant="subtle" color="red">Remove</Button>
                    </Form>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {canEdit ? (
        <Paper withBorder p="lg" radius="md">
          <Form method="post">
            <input type="hidden" name="intent" value="invite" />
            <Stack gap="sm">
              <Title order={4}>Add a person</Title>
              <Text size="sm" c="dimmed">Someone new gets an account with a generated password that is shown here once.</Text>
              <Group grow align="flex-start">
                <TextInput name="email" label="Email" required error={outcome?.errors?.email} />
                <TextInput name="name" label="Name" error={outcome?.errors?.name} />
                <Select name="role" label="Role" defaultValue="support" allowDeselect={false} data={ROLE_OPTIONS} error={outcome?.errors?.role} comboboxProps={{ width: 380 }} />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "invite"}>Add to shop</Button>
              </Group>
            </Stack>
          </Form>
        </Paper>
      ) : null}
    </Stack>
  );
}
