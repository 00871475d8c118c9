// Finding 2 of the probe (issue 13), and the account management that closes it. The probe: shop B's
// owner invited carol and was shown carol's generated password; later shop A's owner invited the
// same email and carol was added to A at once, so B's owner signed in as carol and read A's orders.
// The same form told anyone whether an email had an account. Now people join by an emailed,
// single-use, expiring link and set their own password; an existing account accepts or declines
// while signed in; the owner only ever reads "Invitation sent"; passwords can be changed (current
// one required, other sessions ended) and reset by emailed link (same answer for any email).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, useDatabase } from "../../app/lib/db.server";
import { getSessionUser, membershipsOf, startSession } from "../../app/lib/session.server";
import { changePassword, requestPasswordReset, resetPassword, resetView } from "../../app/modules/accounts/passwords.server";
import { passwordProblem } from "../../app/modules/auth/password-policy.server";
import { signIn } from "../../app/modules/auth/sign-in.server";
import { deliverAccountEmails } from "../../app/modules/notifications/account-mail.server";
import type { EmailTransport, OutgoingEmail } from "../../app/modules/notifications/transports.server";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  declineInvitation,
  invitationByToken,
  inviteToShop,
  pendingInvitations,
  resendInvitation,
  revokeInvitation,
} from "../../app/modules/accounts/invitations.server";
import { action as teamAction } from "../../app/routes/s.$shop.settings.team";
import { useBuyerTestEnv } from "../fixtures/buyers";
import { createTestShop, TEST_PASSWORD, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;
let dataDir: string;
const sent: OutgoingEmail[] = [];
const capture: EmailTransport = {
  kind: "capture",
  async send(email) {
    sent.push(email);
    return { ref: `capture:${sent.length}` };
  },
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pd-accounts-"));
  useBuyerTestEnv(dataDir);
  handle = await openTestDatabase();
  useDatabase(handle);
  a = await createTestShop(handle.db);
  b = await createTestShop(handle.db);
});
afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Delivers what is queued and returns the link of the last email sent to `to`. */
async function linkSentTo(to: string, kind: "invitations" | "reset-password"): Promise<string> {
  await deliverAccountEmails(handle.db, { email: capture });
  const mail = [...sent].reverse().find((m) => m.to === to);
  if (!mail) throw new Error(`no email to ${to}`);
  const match = new RegExp(`https://track\\.example\\.test/${kind}/([A-Za-z0-9_-]{40,})`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
  return match[1];
}

const STRONG = "lantern orbit kettle 42";
const T0 = new Date("2031-03-04T12:00:00Z");

describe(`invitations on ${backend}`, () => {
  it("replays the probe: nobody sees carol's password, and shop A's invitation adds carol to nothing until she accepts", async () => {
    const fromB = await inviteToShop(b.scope, { email: "Carol@X.test", role: "support", invitedBy: b.users.owner.id });
    expect(JSON.stringify(fromB)).not.toMatch(/password/i);
    const carolToken = await linkSentTo("carol@x.test", "invitations");
    const invitation = await invitationByToken(handle.db, carolToken);
    expect(invitation).toMatchObject({ shopName: b.shop.name, email: "carol@x.test", role: "support", accountExists: false, inviterName: b.users.owner.name });

    // Carol sets her own password from the link and lands in shop B.
    const carol = await acceptInvitationAsNewUser(handle.db, carolToken, { name: "Carol Ng", password: STRONG });
    expect(carol.shopSlug).toBe(b.shop.slug);
    expect((await membershipsOf(handle.db, carol.userId)).map((m) => m.slug)).toEqual([b.shop.slug]);

    // Shop A's owner invites the same email: the answer reads exactly like one for a new person,
    // and carol is not a member of A yet.
    const fromA = await inviteToShop(a.scope, { email: "carol@x.test", role: "owner", invitedBy: a.users.owner.id });
    const forNewcomer = await inviteToShop(a.scope, { email: "dan@x.test", role: "owner", invitedBy: a.users.owner.id });
    expect(JSON.stringify(fromA).replaceAll("carol@x.test", "<email>")).toBe(JSON.stringify(forNewcomer).replaceAll("dan@x.test", "<email>"));
    expect((await membershipsOf(handle.db, carol.userId)).map((m) => m.slug)).toEqual([b.shop.slug]);

    // B's owner never learned carol's password: signing in as carol fails.
    expect(await signIn(handle.db, { email: "carol@x.test", password: TEST_PASSWORD, ip: "10.2.0.1" })).toMatchObject({ ok: false });

    // Carol accepts A's invitation while signed in as herself.
    const aToken = await linkSentTo("carol@x.test", "invitations");
    expect(await invitationByToken(handle.db, aToken)).toMatchObject({ shopName: a.shop.name, accountExists: true, role: "owner" });
    await expect(acceptInvitationAsNewUser(handle.db, aToken, { name: "Mallory", password: STRONG })).rejects.toMatchObject({ status: 409 });
    await expect(acceptInvitation(handle.db, aToken, { userId: b.users.owner.id, email: b.users.owner.email })).rejects.toMatchObject({ status: 403 });
    expect(await acceptInvitation(handle.db, aToken, { userId: carol.userId, email: "carol@x.test" })).toEqual({ shopSlug: a.shop.slug });
    expect((await membershipsOf(handle.db, carol.userId)).map((m) => ({ slug: m.slug, role: m.role })).sort((x, y) => x.slug.localeCompare(y.slug))).toEqual(
      [{ slug: a.shop.slug, role: "owner" }, { slug: b.shop.slug, role: "support" }].sort((x, y) => x.slug.localeCompare(y.slug)),
    );
    // Single use.
    expect(await invitationByToken(handle.db, aToken)).toBeNull();
    await expect(acceptInvitation(handle.db, aToken, { userId: carol.userId, email: "carol@x.test" })).rejects.toMatchObject({ status: 410 });
  });

  it("answers the owner's form with the same words for an existing account and a new email", async () => {
    const cookie = (await startSession(handle.db, a.users.owner.id, null)).split(";")[0];
    const post = async (email: string) => {
      const result = (await teamAction({
        request: new Request(`http://localhost/s/${a.shop.slug}/settings/team`, {
          method: "POST",
          headers: { Cookie: cookie },
          body: new URLSearchParams({ intent: "invite", email, role: "support" }),
        }),
        params: { shop: a.shop.slug },
        context: {},
      })) as unknown as { data: Record<string, unknown> };
      return JSON.stringify(result.data).replaceAll(email, "<email>");
    };
    const existing = await post(b.users.fulfilment.email);
    const fresh = await post("newcomer@x.test");
    expect(existing).toBe(fresh);
    expect(existing).toMatch(/Invitation sent to <email>/);
    expect(existing).not.toMatch(/password|already has an account|created/i);
  });

  it("lists pending invitations, resends with a new link and revokes", async () => {
    await inviteToShop(a.scope, { email: "erin@x.test", role: "fulfilment", invitedBy: a.users.owner.id });
    const first = await linkSentTo("erin@x.test", "invitations");
    const pending = await pendingInvitations(a.scope);
    const erin = pending.find((p) => p.email === "erin@x.test");
    expect(erin).toMatchObject({ role: "fulfilment", invitedByName: a.users.owner.name, expired: false });
    await resendInvitation(a.scope, erin!.id, a.users.owner.id);
    const second = await linkSentTo("erin@x.test", "invitations");
    expect(second).not.toBe(first);
    expect(await invitationByToken(handle.db, first)).toBeNull();
    expect(await invitationByToken(handle.db, second)).not.toBeNull();
    await revokeInvitation(a.scope, erin!.id, a.users.owner.id);
    expect(await invitationByToken(handle.db, second)).toBeNull();
    expect((await pendingInvitations(a.scope)).map((p) => p.email)).not.toContain("erin@x.test");
    // Another shop cannot touch this shop's invitations.
    await inviteToShop(a.scope, { email: "frank@x.test", role: "support", invitedBy: a.users.owner.id });
    const frank = (await pendingInvitations(a.scope)).find((p) => p.email === "frank@x.test")!;
    await expect(revokeInvitation(b.scope, frank.id, b.users.owner.id)).rejects.toMatchObject({ status: 404 });
    await expect(resendInvitation(b.scope, frank.id, b.users.owner.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses an expired link and records a declined one", async () => {
    await inviteToShop(a.scope, { email: "gail@x.test", role: "support", invitedBy: a.users.owner.id, now: T0 });
    const token = await linkSentTo("gail@x.test", "invitations");
    expect(await invitationByToken(handle.db, token, new Date(T0.getTime() + 6 * 86_400_000))).not.toBeNull();
    expect(await invitationByToken(handle.db, token, new Date(T0.getTime() + 8 * 86_400_000))).toBeNull();
    await expect(acceptInvitationAsNewUser(handle.db, token, { name: "Gail", password: STRONG }, new Date(T0.getTime() + 8 * 86_400_000))).rejects.toMatchObject({ status: 410 });

    await inviteToShop(b.scope, { email: a.users.support.email, role: "owner", invitedBy: b.users.owner.id });
    const decline = await linkSentTo(a.users.support.email, "invitations");
    await declineInvitation(handle.db, decline, { userId: a.users.support.id, email: a.users.support.email });
    expect((await membershipsOf(handle.db, a.users.support.id)).map((m) => m.slug)).toEqual([a.shop.slug]);
    expect(await invitationByToken(handle.db, decline)).toBeNull();
  });

  it("asks a new person for a password that is long and not a known one, in plain words", async () => {
    await inviteToShop(a.scope, { email: "hana@x.test", role: "support", invitedBy: a.users.owner.id });
    const token = await linkSentTo("hana@x.test", "invitations");
    await expect(acceptInvitationAsNewUser(handle.db, token, { name: "Hana", password: "short" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/at least 10 characters/) });
    await expect(acceptInvitationAsNewUser(handle.db, token, { name: "Hana", password: "password123" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/too easy to guess.*commonly used password/) });
    // The link still works after a refused password.
    expect(await acceptInvitationAsNewUser(handle.db, token, { name: "Hana", password: STRONG })).toMatchObject({ shopSlug: a.shop.slug });
  });
});

describe(`passwords on ${backend}`, () => {
  it("explains what is wrong with a weak password", () => {
    expect(passwordProblem("qwertyuiop12", { email: "x@y.test" })).toMatch(/^This password is too easy to guess\./);
    expect(passwordProblem("aaaaaaaaaaaa", { email: "x@y.test" })).toMatch(/Repeated characters/);
    expect(passwordProblem("jordan.smith@shop.test!", { email: "jordan.smith@shop.test", name: "Jordan Smith" })).toMatch(/too easy to guess/);
    expect(passwordProblem(STRONG, { email: "x@y.test" })).toBeNull();
  });

  it("changes a password only with the current one, and ends every other session", async () => {
    const user = a.users.fulfilment;
    const here = await startSession(handle.db, user.id, null);
    const elsewhere = await startSession(handle.db, user.id, null);
    const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
    const session = (await getSessionUser(handle.db, request(here)))!;
    await expect(changePassword(handle.db, { userId: user.id, sessionId: session.sessionId, current: "not it", next: STRONG })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/current password/) });
    await expect(changePassword(handle.db, { userId: user.id, sessionId: session.sessionId, current: TEST_PASSWORD, next: "password123" })).rejects.toMatchObject({ status: 400 });
    expect(await getSessionUser(handle.db, request(elsewhere))).not.toBeNull();
    const result = await changePassword(handle.db, { userId: user.id, sessionId: session.sessionId, current: TEST_PASSWORD, next: STRONG });
    expect(result.endedSessions).toBeGreaterThanOrEqual(1);
    expect(await getSessionUser(handle.db, request(here))).not.toBeNull();
    expect(await getSessionUser(handle.db, request(elsewhere))).toBeNull();
    expect(await signIn(handle.db, { email: user.email, password: STRONG, ip: "10.3.0.1" })).toMatchObject({ ok: true });
  });

  it("resets a password by emailed single-use link, with the same answer for any email, ending every session", async () => {
    const user = a.users.owner;
    const before = sent.length;
    const known = await requestPasswordReset(handle.db, { email: user.email.toUpperCase(), ip: "10.5.0.1" });
    const unknown = await requestPasswordReset(handle.db, { email: "nobody@nowhere.test", ip: "10.5.0.2" });
    expect(unknown).toEqual(known);
    const token = await linkSentTo(user.email, "reset-password");
    expect(sent.slice(before).map((m) => m.to)).toEqual([user.email]);
    expect(await resetView(handle.db, token)).toEqual({ email: user.email });

    const old = await startSession(handle.db, user.id, null);
    // Failures on the account are forgotten by a reset.
    for (let i = 0; i < 6; i++) await signIn(handle.db, { email: user.email, password: "nope", ip: `10.5.1.${i}` });
    await expect(resetPassword(handle.db, { token, password: "password123" })).rejects.toMatchObject({ status: 400 });
    expect(await resetPassword(handle.db, { token, password: STRONG })).toEqual({ userId: user.id });
    expect(await getSessionUser(handle.db, new Request("http://localhost/", { headers: { Cookie: old.split(";")[0] } }))).toBeNull();
    expect(await signIn(handle.db, { email: user.email, password: STRONG, ip: "10.5.2.1" })).toMatchObject({ ok: true });
    // Single use.
    expect(await resetView(handle.db, token)).toBeNull();
    await expect(resetPassword(handle.db, { token, password: "another fine phrase 7" })).rejects.toMatchObject({ status: 410 });
  });

  it("lets a reset link expire after an hour", async () => {
    await requestPasswordReset(handle.db, { email: a.users.support.email, ip: "10.5.3.1", now: T0 });
    const token = await linkSentTo(a.users.support.email, "reset-password");
    expect(await resetView(handle.db, token, new Date(T0.getTime() + 59 * 60_000))).not.toBeNull();
    await expect(resetPassword(handle.db, { token, password: STRONG, now: new Date(T0.getTime() + 61 * 60_000) })).rejects.toMatchObject({ status: 410 });
  });
});

describe(`account emails on ${backend}`, () => {
  it("writes the email to the outbox folder without SMTP, and keeps no link once sent", async () => {
    await inviteToShop(b.scope, { email: "ivy@x.test", role: "support", invitedBy: b.users.owner.id });
    await deliverAccountEmails(handle.db);
    const outbox = path.join(dataDir, "outbox");
    const files = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    const mail = files.map((f) => readFileSync(path.join(outbox, f), "utf8")).find((t) => t.includes("To: ivy@x.test"));
    expect(mail).toBeDefined();
    expect(mail).toMatch(/^Subject: .*invited you to join/m);
    expect(mail).not.toMatch(/List-Unsubscribe/);
    const rows = await handle.db.selectFrom("account_emails").select(["status", "body"]).where("recipient", "=", "ivy@x.test").execute();
    expect(rows).toEqual([{ status: "sent", body: "" }]);
  });
});
