// /invitations/<token>: the link in an invitation email. A new person chooses a name and password
// and lands in the shop; someone with an account accepts or declines while signed in as the
// invited email (otherwise they are asked to sign in, and brought back here).
import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AccountFrame } from "../components/account/account-frame";
import { db } from "../lib/db.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireUser } from "../lib/guard.server";
import { getSessionUser, startSession } from "../lib/session.server";
import { ROLE_LABELS } from "../modules/auth/permissions";
import { invitationAnswerSchema } from "../modules/auth/schemas";
import { acceptInvitation, acceptInvitationAsNewUser, declineInvitation, INVITATION_GONE, invitationByToken } from "../modules/accounts/invitations.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Parcel Desk" }, { name: "robots", content: "noindex, nofollow" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await invitationByToken(db(), params.token ?? "");
  if (!invitation) return data({ gone: true as const, message: INVITATION_GONE }, { status: 410, headers: { "Cache-Control": "no-store" } });
  const user = await getSessionUser(db(), request);
  const { accountExists, shopName, email, role, inviterName, expiresAt } = invitation;
  return data(
    {
      gone: false as const,
      invitation: { accountExists, shopName, email, role, inviterName, expiresAt: expiresAt.toISOString() },
      signedInAs: user?.email ?? null,
      path: new URL(request.url).pathname,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Outcome = { message: string; errors?: Record<string, string>; declined?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const parsed = invitationAnswerSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data<Outcome>({ message: "Please fix the highlighted fields.", errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    if (parsed.data.intent === "create") {
      const created = await acceptInvitationAsNewUser(db(), token, { name: parsed.data.name, password: parsed.data.password });
      throw redirect(`/s/${created.shopSlug}`, { headers: { "Set-Cookie": await startSession(db(), created.userId, null) } });
    }
    const user = await requireUser(request);
    if (parsed.data.intent === "accept") {
      const accepted = await acceptInvitation(db(), token, user);
      throw redirect(`/s/${accepted.shopSlug}`);
    }
    await declineInvitation(db(), token, user);
    return data<Outcome>({ message: "You declined the invitation. Nothing changed in your account.", declined: true });
  } catch (error) {
    if (error instanceof AppError) {
      return data<Outcome>({ message: error.message, errors: (error.details as Record<string, string> | undefined) ?? {} }, { status: error.status });
    }
    throw error;
  }
}

export default function Invitation() {
  const page = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  if (page.gone || outcome?.declined) {
    return (
      <AccountFrame title={outcome?.declined ? "Invitation declined" : "This link no longer works"}>
        <Text>{outcome?.declined ? outcome.message : page.gone ? page.message : ""}</Text>
        <Button component="a" href="/login" variant="default">
          Go to sign in
        </Button>
      </AccountFrame>
    );
  }
  const { invitation, signedInAs } = page;
  const errors = outcome?.errors ?? {};
  const here = page.path;
  const until = new Date(invitation.expiresAt).toLocaleDateString("en-US", { month: "long", day: "numeric" });
  const intro = (
    <>
      {invitation.inviterName ?? "The owner"} invited <strong>{invitation.email}</strong> to join <strong>{invitation.shopName}</strong> as{" "}
      {ROLE_LABELS[invitation.role]}. This link works once, until {until}.
    </>
  );
  return (
    <AccountFrame title={`Join ${invitation.shopName}`} intro={intro}>
      {outcome?.message ? (
        <Alert color="red" role="alert">
          {outcome.message}
        </Alert>
      ) : null}
      {!invitation.accountExists ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Stack>
            <TextInput label="Email" value={invitation.email} readOnly disabled />
            <TextInput name="name" label="Your name" description="As your teammates will see it." autoComplete="name" required error={errors.name} />
            <PasswordInput
              name="password"
              label="Choose a password"
              description="At least 10 characters; a few unrelated words work well."
              autoComplete="new-password"
              required
              error={errors.password && errors.password === outcome?.message ? true : errors.password}
            />
            <PasswordInput name="confirm" label="Type it again" autoComplete="new-password" required error={errors.confirm} />
            <Button type="submit" loading={busy("create")} fullWidth>
              Create my account and join
            </Button>
          </Stack>
        </Form>
      ) : signedInAs && signedInAs.toLowerCase() === invitation.email.toLowerCase() ? (
        <Group grow>
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <Button type="submit" fullWidth loading={busy("accept")}>
              Accept and open the shop
            </Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <Button type="submit" variant="default" fullWidth loading={busy("decline")}>
              Decline
            </Button>
          </Form>
        </Group>
      ) : (
        <Stack>
          <Text size="sm">
            {signedInAs
              ? `You are signed in as ${signedInAs}. To answer, sign out and sign in as ${invitation.email}.`
              : `Sign in as ${invitation.email} to accept or decline.`}
          </Text>
          {signedInAs ? (
            <Form method="post" action="/logout">
              <input type="hidden" name="redirectTo" value={here} />
              <Button type="submit" variant="default" fullWidth>
                Sign out
              </Button>
            </Form>
          ) : (
            <Button component="a" href={`/login?redirectTo=${encodeURIComponent(here)}`} fullWidth>
              Sign in to answer
            </Button>
          )}
        </Stack>
      )}
    </AccountFrame>
  );
}
