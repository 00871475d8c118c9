// Sessions: a random token in a signed, httpOnly, SameSite=Lax cookie; the database keeps only its
// SHA-256, the user, the shop last used and an expiry that slides forward while the user is active.
import { createHash, randomBytes } from "node:crypto";
import { createCookie, type Cookie } from "@remix-run/node";
import type { Role } from "../../db/types";
import type { Queryable } from "./db.server";
import { env } from "./env.server";

const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

declare global {
  // eslint-disable-next-line no-var
  var __parcelDeskCookie: Cookie | undefined;
}

function sessionCookie(): Cookie {
  globalThis.__parcelDeskCookie ??= createCookie("pd_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().production,
    path: "/",
    secrets: [env().sessionSecret],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  return globalThis.__parcelDeskCookie;
}

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SessionUser {
  sessionId: string;
  userId: number;
  email: string;
  name: string;
  lastShopId: number | null;
}

/** Creates a session row and returns the Set-Cookie header value for it. */
export async function startSession(db: Queryable, userId: number, shopId: number | null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({ id: tokenId(token), user_id: userId, shop_id: shopId, expires_at: new Date(Date.now() + SESSION_DAYS * DAY_MS) })
    .execute();
  return sessionCookie().serialize(token);
}

async function readToken(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  // A forged or tampered cookie fails the signature check and parses as null: treated as signed out.
  const value = await sessionCookie().parse(header);
  return typeof value === "string" && value.length >= 32 ? value : null;
}

/** The signed-in user, or null for no, forged or expired cookies. */
export async function getSessionUser(db: Queryable, request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const id = tokenId(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.id", "sessions.user_id", "sessions.shop_id", "sessions.expires_at", "users.email", "users.name"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at.getTime() <= Date.now()) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  // Slide the expiry forward at most once a day, not on every request.
  if (row.expires_at.getTime() - Date.now() < (SESSION_DAYS - 1) * DAY_MS) {
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() + SESSION_DAYS * DAY_MS) })
      .where("id", "=", id)
      .execute();
  }
  return { sessionId: row.id, userId: row.user_id, email: row.email, name: row.name, lastShopId: row.shop_id };
}

/** Ends every session of the user except `keepSessionId` (a password change); returns how many. */
export async function endOtherSessions(db: Queryable, userId: number, keepSessionId: string | null): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "<>", keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function rememberShop(db: Queryable, sessionId: string, shopId: number): Promise<void> {
  await db.updateTable("sessions").set({ shop_id: shopId }).where("id", "=", sessionId).execute();
}

/** Deletes the session and returns a Set-Cookie header that clears the cookie. */
export async function endSession(db: Queryable, request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await db.deleteFrom("sessions").where("id", "=", tokenId(token)).execute();
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export interface Membership {
  shopId: number;
  slug: string;
  name: string;
  role: Role;
  timeZone: string;
}

export async function membershipsOf(db: Queryable, userId: number): Promise<Membership[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("shops", "shops.id", "memberships.shop_id")
    .select(["shops.id as shopId", "shops.slug", "shops.name", "memberships.role", "shops.time_zone as timeZone"])
    .where("memberships.user_id", "=", userId)
    .orderBy("shops.name")
    .execute();
}
