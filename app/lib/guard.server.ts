// Route guards: every loader and action of a shop page starts with `requireShop`, which checks the
// session, the membership and the role, and hands back the ShopScope that all queries go through.
import { redirect } from "@remix-run/node";
import type { Role } from "../../db/types";
import { type Action, can } from "../modules/auth/permissions";
import { db } from "./db.server";
import { AppError } from "./errors";
import { httpError } from "./http.server";
import { getSessionUser, membershipsOf, type Membership, rememberShop, type SessionUser } from "./session.server";
import { forShop, type ShopScope } from "./tenancy.server";

export interface ShopContext {
  user: SessionUser;
  shop: { id: number; slug: string; name: string; timeZone: string };
  role: Role;
  memberships: Membership[];
  scope: ShopScope;
  can(action: Action): boolean;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(db(), request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login${back && back !== "/" ? `?redirectTo=${encodeURIComponent(back)}` : ""}`);
  }
  return user;
}

/**
 * The shop named in the URL, if the user is a member (otherwise 404, the same answer as for a shop
 * that does not exist, so nothing about other shops leaks), and the action is allowed (else 403).
 */
export async function requireShop(
  request: Request,
  params: { shop?: string },
  action?: Action,
): Promise<ShopContext> {
  const user = await requireUser(request);
  const memberships = await membershipsOf(db(), user.userId);
  const membership = memberships.find((m) => m.slug === params.shop);
  if (!membership) throw httpError(new AppError(404, "Shop not found."));
  if (action && !can(membership.role, action)) {
    throw httpError(
      new AppError(403, "Your role in this shop does not allow this. Ask the shop owner if you need access."),
    );
  }
  if (user.lastShopId !== membership.shopId) await rememberShop(db(), user.sessionId, membership.shopId);
  return {
    user,
    shop: { id: membership.shopId, slug: membership.slug, name: membership.name, timeZone: membership.timeZone },
    role: membership.role,
    memberships,
    scope: forShop(db(), membership.shopId),
    can: (a) => can(membership.role, a),
  };
}

const SAME_SITE = "http://parceldesk.invalid";

/**
 * Allows only same-site relative paths, so `?redirectTo=` cannot send users elsewhere. Browsers
 * drop tabs and newlines inside URLs ("/\t/evil.example" becomes "//evil.example", another host)
 * and treat "\" as "/", and a newline is not a valid Location header at all, so any control or
 * space character, and any backslash, sends the user to the fallback instead.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  try {
    const url = new URL(to, SAME_SITE);
    if (url.origin !== SAME_SITE) return fallback;
    // Re-serialised, so letters outside ASCII arrive percent-encoded (a header takes bytes only).
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
