// Joining a shop by invitation. An owner invites an email with a role; the person gets an email
// with a single-use link valid for 7 days (only the link's SHA-256 is stored). From the link, a new
// person chooses their own name and password; someone who already has an account sees which shop
// invites them and accepts or declines while signed in as that email. Nobody is added to a shop
// without saying yes, and the owner's answer is "Invitation sent" whether or not the email has an
// account, so the form tells nobody who has one. Inviting an email again resends (with a new link).
//
// The invitee's side finds an invitation by its token across shops (the deliberate cross-shop
// read, returning ids only); everything else goes through the inviting shop's ShopScope.
import { sql } from "kysely";
import type { Role } from "../../../db/types";
import type { Queryable } from "../../lib/db.server";
import { AppError } from "../../lib/errors";
import { forShop, type ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { hashPassword } from "../auth/password.server";
import { passwordProblem } from "../auth/password-policy.server";
import { ROLE_LABELS } from "../auth/permissions";
import { normalizeEmail } from "../auth/sign-in.server";
import { isLinkTokenShape, linkTokenHash, newLinkToken } from "../auth/tokens";
import { deliverAccountEmailsSoon, queueAccountEmail } from "../notifications/account-mail.server";
import { publicUrl } from "../notifications/config.server";
import { addMember, getShop } from "../shops/shops.server";

export const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface InvitationSent {
  ok: true;
  email: string;
  message: string;
}

const sentAnswer = (email: string): InvitationSent => ({ ok: true, email, message: `Invitation sent to ${email}.` });

/** Invites (or re-invites, with a fresh link and the new role) an email to the scope's shop. */
export async function inviteToShop(
  scope: ShopScope,
  input: { email: string; role: Role; invitedBy: number; now?: Date },
): Promise<InvitationSent> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const member = await scope.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("memberships.role")
    .where("memberships.shop_id", "=", scope.shopId)
    .where(sql`lower(users.email)`, "=", email)
    .executeTakeFirst();
  // The owner sees the team list anyway, so this says nothing new.
  if (member) throw new AppError(409, `${email} is already a member of this shop (${ROLE_LABELS[member.role]}).`);
  const { token, hash } = newLinkToken();
  await scope.transaction(async (tx) => {
    const open = await tx
      .selectFrom("invitations")
      .select("id")
      .where(sql`lower(email)`, "=", email)
      .where("accepted_at", "is", null)
      .where("declined_at", "is", null)
      .where("revoked_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    const values = { role: input.role, token_hash: hash, invited_by: input.invitedBy, sent_at: now, expires_at: new Date(now.getTime() + INVITATION_DAYS * DAY_MS) };
    const invitationId = open
      ? (await tx.updateTable("invitations").set(values).where("id", "=", open.id).returning("id").executeTakeFirstOrThrow()).id
      : (await tx.insertInto("invitations", { email, created_at: now, ...values }).returning("id").executeTakeFirstOrThrow()).id;
    await sendInvitationEmail(tx, { invitationId, email, role: input.role, invitedBy: input.invitedBy, token, expiresAt: values.expires_at });
    await recordAudit(tx, { actorUserId: input.invitedBy, action: "team.invited", details: { summary: `Invited ${email} as ${ROLE_LABELS[input.role]}.`, invitationId } });
  });
  deliverAccountEmailsSoon();
  return sentAnswer(email);
}

async function sendInvitationEmail(
  scope: ShopScope,
  input: { invitationId: number; email: string; role: Role; invitedBy: number; token: string; expiresAt: Date },
): Promise<void> {
  const shop = await getShop(scope.db, scope.shopId);
  const inviter = await scope.db.selectFrom("users").select("name").where("id", "=", input.invitedBy).executeTakeFirst();
  const who = inviter?.name ?? "The owner";
  const until = input.expiresAt.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: shop.time_zone });
  await queueAccountEmail(scope.db, {
    kind: "invitation",
    to: input.email,
    subject: `${who} invited you to join ${shop.name} on Parcel Desk`,
    body: [
      `${who} invited you to join ${shop.name} on Parcel Desk as ${ROLE_LABELS[input.role]}.`,
      "",
      `Open this link to accept or decline (it works once, until ${until}):`,
      `${publicUrl()}/invitations/${input.token}`,
      "",
      `New to Parcel Desk? You choose your own password there. Already have an account? Sign in as ${input.email} and accept.`,
      "If you did not expect this invitation, ignore this email.",
    ].join("\n"),
    shopId: scope.shopId,
    invitationId: input.invitationId,
  });
}

/** Sends the invitation again with a new link (the old one stops working) and a new expiry. */
export async function resendInvitation(scope: ShopScope, invitationId: number, actorUserId: number, now: Date = new Date()): Promise<InvitationSent> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  const email = await scope.transaction(async (tx) => {
    const row = await tx
      .updateTable("invitations")
      .set({ token_hash: hash, sent_at: now, expires_at: expiresAt, invited_by: actorUserId })
      .where("id", "=", invitationId)
      .where("accepted_at", "is", null)
      .where("declined_at", "is", null)
      .where("revoked_at", "is", null)
      .returning(["email", "role"])
      .executeTakeFirst();
    if (!row) throw new AppError(404, "That invitation was not found, or has been answered or revoked.");
    await sendInvitationEmail(tx, { invitationId, email: row.email, role: row.role, invitedBy: actorUserId, token, expiresAt });
    await recordAudit(tx, { actorUserId, action: "team.invitation_resent", details: { summary: `Sent the invitation to ${row.email} again.`, invitationId } });
    return row.email;
  });
  deliverAccountEmailsSoon();
  return sentAnswer(email);
}

export async function revokeInvitation(scope: ShopScope, invitationId: number, actorUserId: number, now: Date = new Date()): Promise<void> {
  await scope.transaction(async (tx) => {
    const row = await tx
      .updateTable("invitations")
      .set({ revoked_at: now })
      .where("id", "=", invitationId)
      .where("accepted_at", "is", null)
      .where("declined_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("email")
      .executeTakeFirst();
    if (!row) throw new AppError(404, "That invitation was not found, or has been answered or revoked.");
    await recordAudit(tx, { actorUserId, action: "team.invitation_revoked", details: { summary: `Revoked the invitation to ${row.email}.`, invitationId } });
  });
}

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  invitedByName: string | null;
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
  /** The last email's delivery: "sent", "queued"/"sending" (on its way), "failed" (with the reason). */
  emailStatus: string | null;
  emailError: string | null;
}

/** Invitations not yet answered or revoked (expired ones too, so they can be resent). */
export async function pendingInvitations(scope: ShopScope, now: Date = new Date()): Promise<PendingInvitation[]> {
  const rows = await scope
    .selectFrom("invitations")
    .leftJoin("users", "users.id", "invitations.invited_by")
    .select(["invitations.id", "invitations.email", "invitations.role", "invitations.sent_at", "invitations.expires_at", "users.name as invitedByName"])
    .where("invitations.accepted_at", "is", null)
    .where("invitations.declined_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .orderBy("invitations.sent_at", "desc")
    .execute();
  const ids = rows.map((r) => r.id);
  const mails = ids.length
    ? await scope.db
        .selectFrom("account_emails")
        .select(["invitation_id", "status", "last_error"])
        .where("invitation_id", "in", ids)
        .where("shop_id", "=", scope.shopId)
        .orderBy("id", "desc")
        .execute()
    : [];
  const lastMail = new Map<number, { status: string; last_error: string | null }>();
  for (const m of mails) if (m.invitation_id !== null && !lastMail.has(m.invitation_id)) lastMail.set(m.invitation_id, m);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedByName: r.invitedByName,
    sentAt: r.sent_at,
    expiresAt: r.expires_at,
    expired: r.expires_at.getTime() <= now.getTime(),
    emailStatus: lastMail.get(r.id)?.status ?? null,
    emailError: lastMail.get(r.id)?.last_error ?? null,
  }));
}

// ---- The invitee's side ----

export interface InvitationView {
  shopName: string;
  shopSlug: string;
  email: string;
  role: Role;
  inviterName: string | null;
  expiresAt: Date;
  accountExists: boolean;
}

export const INVITATION_GONE = "This invitation link has been used, revoked or has expired. Ask the shop owner to send a new one.";

interface OpenInvitation {
  id: number;
  shopId: number;
}

/** The open, unexpired invitation behind a link: found across shops by its hash, ids only. */
async function openInvitation(db: Queryable, token: string, now: Date): Promise<OpenInvitation | null> {
  if (!isLinkTokenShape(token)) return null;
  const result = await sql<{ id: number; shop_id: number }>`
    select id, shop_id from invitations
    where token_hash = ${linkTokenHash(token)}
      and accepted_at is null and declined_at is null and revoked_at is null
      and expires_at > ${now}`.execute(db);
  const row = result.rows[0];
  return row ? { id: Number(row.id), shopId: Number(row.shop_id) } : null;
}

export async function invitationByToken(db: Queryable, token: string, now: Date = new Date()): Promise<InvitationView | null> {
  const open = await openInvitation(db, token, now);
  if (!open) return null;
  const scope = forShop(db, open.shopId);
  const row = await scope
    .selectFrom("invitations")
    .innerJoin("shops", "shops.id", "invitations.shop_id")
    .leftJoin("users", "users.id", "invitations.invited_by")
    .select(["invitations.email", "invitations.role", "invitations.expires_at", "shops.name as shopName", "shops.slug as shopSlug", "users.name as inviterName"])
    .where("invitations.id", "=", open.id)
    .executeTakeFirstOrThrow();
  const account = await db.selectFrom("users").select("id").where(sql`lower(email)`, "=", row.email).executeTakeFirst();
  return {
    shopName: row.shopName,
    shopSlug: row.shopSlug,
    email: row.email,
    role: row.role,
    inviterName: row.inviterName,
    expiresAt: row.expires_at,
    accountExists: Boolean(account),
  };
}

/** Marks the invitation answered, once: a second use of the link (or a race) finds nothing. */
async function answer(scope: ShopScope, open: OpenInvitation, set: { accepted_at: Date; accepted_by?: number } | { declined_at: Date }, now: Date) {
  const row = await scope
    .updateTable("invitations")
    .set(set)
    .where("id", "=", open.id)
    .where("accepted_at", "is", null)
    .where("declined_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["email", "role"])
    .executeTakeFirst();
  if (!row) throw new AppError(410, INVITATION_GONE);
  return row;
}

/** A new person accepts: their account (their own name and password) and the membership, at once. */
export async function acceptInvitationAsNewUser(
  db: Queryable,
  token: string,
  input: { name: string; password: string },
  now: Date = new Date(),
): Promise<{ userId: number; shopSlug: string }> {
  const open = await openInvitation(db, token, now);
  if (!open) throw new AppError(410, INVITATION_GONE);
  const view = (await invitationByToken(db, token, now))!;
  if (view.accountExists) throw new AppError(409, `There is already an account for ${view.email}. Sign in as ${view.email} to accept the invitation.`);
  const name = input.name.trim();
  if (!name) throw new AppError(400, "Enter your name, as your teammates will see it.", { details: { name: "Enter your name." } });
  if (name.length > 80) throw new AppError(400, "Use at most 80 characters for your name.", { details: { name: "At most 80 characters." } });
  const problem = passwordProblem(input.password, { email: view.email, name });
  if (problem) throw new AppError(400, problem, { details: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  return forShop(db, open.shopId).transaction(async (tx) => {
    const invitation = await answer(tx, open, { accepted_at: now }, now);
    const user = await tx.db
      .insertInto("users")
      .values({ email: invitation.email, name, password_hash: passwordHash })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!user) throw new AppError(409, `There is already an account for ${invitation.email}. Sign in to accept the invitation.`);
    await tx.updateTable("invitations").set({ accepted_by: user.id }).where("id", "=", open.id).execute();
    await addMember(tx.db, open.shopId, user.id, invitation.role);
    await recordAudit(tx, { actorUserId: user.id, action: "team.invitation_accepted", details: { summary: `${invitation.email} joined as ${ROLE_LABELS[invitation.role]} (new account).`, invitationId: open.id } });
    return { userId: user.id, shopSlug: view.shopSlug };
  });
}

function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}

/** Someone signed in accepts: only the account the invitation was sent to. */
export async function acceptInvitation(db: Queryable, token: string, user: { userId: number; email: string }, now: Date = new Date()): Promise<{ shopSlug: string }> {
  const open = await openInvitation(db, token, now);
  if (!open) throw new AppError(410, INVITATION_GONE);
  const view = (await invitationByToken(db, token, now))!;
  if (!sameEmail(view.email, user.email)) {
    throw new AppError(403, `This invitation is for ${view.email}. Sign out, then sign in as ${view.email} to accept it.`);
  }
  await forShop(db, open.shopId).transaction(async (tx) => {
    const invitation = await answer(tx, open, { accepted_at: now, accepted_by: user.userId }, now);
    // Already a member (invited twice, say): keep the role they have.
    const member = await tx.db.selectFrom("memberships").select("role").where("shop_id", "=", open.shopId).where("user_id", "=", user.userId).executeTakeFirst();
    if (!member) await addMember(tx.db, open.shopId, user.userId, invitation.role);
    await recordAudit(tx, { actorUserId: user.userId, action: "team.invitation_accepted", details: { summary: `${invitation.email} joined as ${ROLE_LABELS[invitation.role]}.`, invitationId: open.id } });
  });
  return { shopSlug: view.shopSlug };
}

export async function declineInvitation(db: Queryable, token: string, user: { userId: number; email: string }, now: Date = new Date()): Promise<void> {
  const open = await openInvitation(db, token, now);
  if (!open) throw new AppError(410, INVITATION_GONE);
  const view = (await invitationByToken(db, token, now))!;
  if (!sameEmail(view.email, user.email)) throw new AppError(403, `This invitation is for ${view.email}. Sign in as ${view.email} to answer it.`);
  await forShop(db, open.shopId).transaction(async (tx) => {
    const invitation = await answer(tx, open, { declined_at: now }, now);
    await recordAudit(tx, { actorUserId: user.userId, action: "team.invitation_declined", details: { summary: `${invitation.email} declined the invitation.`, invitationId: open.id } });
  });
}
