// Settings > Team: the shop's members and their roles, invitations waiting for an answer (resend,
// revoke), and the invitation form. Owners invite by email; the person answers from the emailed
// link and chooses their own password, so nobody here ever sees one.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { recordAudit } from "../modules/audit/audit.server";
import { ROLE_LABELS } from "../modules/auth/permissions";
import { inviteToShop, pendingInvitations, resendInvitation, revokeInvitation } from "../modules/accounts/invitations.server";
import { invitationIdSchema, memberRoleSchema, newMemberSchema, removeMemberSchema } from "../modules/shops/schemas";
import { changeMemberRole, removeMember, shopMembers } from "../modules/shops/shops.server";

export const meta: MetaFunction = () => [{ title: "Team · Settings · Parcel Desk" }];

const ROLE_OPTIONS = [
  { value: "owner", label: "Owner: everything, including settings and team" },
  { value: "fulfilment", label: "Fulfilment: import, assign carriers, print labels" },
  { value: "support", label: "Support: work exception cases, message buyers" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  const canEdit = ctx.can("settings.edit");
  return {
    canEdit,
    me: ctx.user.userId,
    members: await shopMembers(db(), ctx.shop.id),
    invitations: canEdit ? await pendingInvitations(ctx.scope) : [],
    timeZone: ctx.shop.timeZone,
  };
}

type Outcome = { ok: boolean; message: string; errors?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.edit");
  const form = formObject(await request.formData());
  try {
    if (form.intent === "invite") {
      const parsed = newMemberSchema.safeParse(form);
      if (!parsed.success) return data<Outcome>({ ok: false, message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
      const sent = await inviteToShop(ctx.scope, { email: parsed.data.email, role: parsed.data.role, invitedBy: ctx.user.userId });
      return data<Outcome>({ ok: true, message: sent.message });
    }
    if (form.intent === "resend" || form.intent === "revoke") {
      const parsed = invitationIdSchema.safeParse(form);
      if (!parsed.success) return data<Outcome>({ ok: false, message: "Unknown invitation." }, { status: 400 });
      if (form.intent === "resend") return data<Outcome>({ ok: true, message: (await resendInvitation(ctx.scope, parsed.data.invitationId, ctx.user.userId)).message });
      await revokeInvitation(ctx.scope, parsed.data.invitationId, ctx.user.userId);
      return data<Outcome>({ ok: true, message: "Invitation revoked: its link no longer works." });
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

const dayFormat = (iso: string | Date, timeZone: string) => new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone });

export default function Team() {
  const { canEdit, me, members, invitations, timeZone } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Stack gap="lg">
      {outcome ? (
        <Alert color={outcome.ok ? "teal" : "red"} role={outcome.ok ? "status" : "alert"}>
          {outcome.message}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Table aria-label="Members">
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
        <Paper withBorder radius="md" p="lg">
          <Title order={4} mb="xs">Invitations waiting for an answer</Title>
          {invitations.length === 0 ? (
            <Text size="sm" c="dimmed">None. Invite someone below; they show here until they accept or decline.</Text>
          ) : (
            <Table aria-label="Pending invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Link works until</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      {i.email}
                      {i.emailStatus === "failed" ? (
                        <Text size="xs" c="red">The email could not be sent: {i.emailError}</Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{ROLE_LABELS[i.role]}</Table.Td>
                    <Table.Td>
                      {dayFormat(i.sentAt, timeZone)}
                      {i.invitedByName ? <Text span size="xs" c="dimmed"> by {i.invitedByName}</Text> : null}
                    </Table.Td>
                    <Table.Td>{i.expired ? <Badge color="gray" variant="light">Expired</Badge> : dayFormat(i.expiresAt, timeZone)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Form method="post">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <Button type="submit" size="xs" variant="default" aria-label={`Resend the invitation to ${i.email}`}>Resend</Button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <Button type="submit" size="xs" variant="subtle" color="red" aria-label={`Revoke the invitation to ${i.email}`}>Revoke</Button>
                        </Form>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      ) : null}
      {canEdit ? (
        <Paper withBorder p="lg" radius="md">
          <Form method="post">
            <input type="hidden" name="intent" value="invite" />
            <Stack gap="sm">
              <Title order={4}>Invite a person</Title>
              <Text size="sm" c="dimmed">
                They get an email with a link that works once, for 7 days. Someone new chooses their own password there; someone with an
                account accepts while signed in. They join the shop only when they accept.
              </Text>
              <Group grow align="flex-start">
                <TextInput name="email" type="email" label="Email" required error={outcome?.errors?.email} />
                <Select name="role" label="Role" defaultValue="support" allowDeselect={false} data={ROLE_OPTIONS} error={outcome?.errors?.role} comboboxProps={{ width: 380 }} />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={busy("invite")}>Send invitation</Button>
              </Group>
            </Stack>
          </Form>
        </Paper>
      ) : null}
    </Stack>
  );
}
