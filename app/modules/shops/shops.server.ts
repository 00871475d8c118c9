// Shops, users and memberships: creating them (seed, CLI, tests), reading a shop and its settings,
// and saving settings. People join a shop through invitations.server.ts, never here. Shops and users are not seller data, so these queries use the raw client.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Role, Shop } from "../../../db/types";
import type { Queryable } from "../../lib/db.server";
import { AppError } from "../../lib/errors";
import { hashPassword } from "../auth/password.server";
import { parseShopSettings, type ShopSettings, shopSettingsSchema } from "./settings";
import { newShopSchema, newUserSchema } from "./schemas";

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export async function createShop(
  db: Queryable,
  input: { slug: string; name: string; timeZone?: string; settings?: Partial<ShopSettings> },
): Promise<Shop> {
  const parsed = newShopSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const existing = await db.selectFrom("shops").select("id").where("slug", "=", parsed.data.slug).executeTakeFirst();
  if (existing) throw new AppError(409, `A shop with the slug "${parsed.data.slug}" already exists.`);
  return db
    .insertInto("shops")
    .values({
      slug: parsed.data.slug,
      name: parsed.data.name,
      time_zone: parsed.data.timeZone,
      settings: JSON.stringify(shopSettingsSchema.parse(input.settings ?? {})),
      webhook_secret: newWebhookSecret(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findShopBySlug(db: Queryable, slug: string): Promise<Shop | undefined> {
  return db.selectFrom("shops").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getShop(db: Queryable, shopId: number): Promise<Shop> {
  return db.selectFrom("shops").selectAll().where("id", "=", shopId).executeTakeFirstOrThrow();
}

export async function getShopSettings(db: Queryable, shopId: number): Promise<ShopSettings> {
  const row = await db.selectFrom("shops").select("settings").where("id", "=", shopId).executeTakeFirstOrThrow();
  return parseShopSettings(row.settings);
}

/** Replaces one section of the settings, validated against the schema; the others are kept. */
export async function updateShopSettings<K extends keyof ShopSettings>(
  db: Queryable,
  shopId: number,
  section: K,
  value: unknown,
): Promise<ShopSettings> {
  const current = await getShopSettings(db, shopId);
  const parsed = shopSettingsSchema.shape[section].safeParse(value);
  if (!parsed.success) {
    throw new AppError(400, parsed.error.issues.map((i) => `${[section, ...i.path].join(".")}: ${i.message}`).join("; "), {
      details: parsed.error.issues,
    });
  }
  const next = { ...current, [section]: parsed.data };
  await db.updateTable("shops").set({ settings: JSON.stringify(next) }).where("id", "=", shopId).execute();
  return next;
}

export async function updateShopProfile(db: Queryable, shopId: number, input: { name: string; timeZone: string }): Promise<void> {
  await db.updateTable("shops").set({ name: input.name, time_zone: input.timeZone }).where("id", "=", shopId).execute();
}

export async function rotateWebhookSecret(db: Queryable, shopId: number): Promise<string> {
  const secret = newWebhookSecret();
  await db.updateTable("shops").set({ webhook_secret: secret }).where("id", "=", shopId).execute();
  return secret;
}

export async function createUser(
  db: Queryable,
  input: { email: string; name: string; password: string },
): Promise<{ id: number; email: string; name: string }> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const email = parsed.data.email.toLowerCase();
  const taken = await db.selectFrom("users").select("id").where(sql`lower(email)`, "=", email).executeTakeFirst();
  if (taken) throw new AppError(409, `A user with the email ${email} already exists.`);
  return db
    .insertInto("users")
    .values({ email, name: parsed.data.name, password_hash: await hashPassword(parsed.data.password) })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Queryable, email: string) {
  return db.selectFrom("users").selectAll().where(sql`lower(email)`, "=", email.trim().toLowerCase()).executeTakeFirst();
}

export async function addMember(db: Queryable, shopId: number, userId: number, role: Role): Promise<void> {
  await db
    .insertInto("memberships")
    .values({ shop_id: shopId, user_id: userId, role })
    .onConflict((oc) => oc.columns(["shop_id", "user_id"]).doUpdateSet({ role }))
    .execute();
}

/** Changes a member's role; a shop always keeps at least one owner. */
export async function changeMemberRole(db: Queryable, shopId: number, userId: number, role: Role): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const members = await trx.selectFrom("memberships").select(["user_id", "role"]).where("shop_id", "=", shopId).forUpdate().execute();
    const member = members.find((m) => m.user_id === userId);
    if (!member) throw new AppError(404, "That person is not a member of this shop.");
    const owners = members.filter((m) => m.role === "owner");
    if (member.role === "owner" && role !== "owner" && owners.length === 1) {
      throw new AppError(409, "A shop needs at least one owner: make someone else an owner first.");
    }
    await trx.updateTable("memberships").set({ role }).where("shop_id", "=", shopId).where("user_id", "=", userId).execute();
  });
}

export async function removeMember(db: Queryable, shopId: number, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const members = await trx.selectFrom("memberships").select(["user_id", "role"]).where("shop_id", "=", shopId).forUpdate().execute();
    const member = members.find((m) => m.user_id === userId);
    if (!member) throw new AppError(404, "That person is not a member of this shop.");
    if (member.role === "owner" && members.filter((m) => m.role === "owner").length === 1) {
      throw new AppError(409, "A shop needs at least one owner: you cannot remove the last one.");
    }
    await trx.deleteFrom("memberships").where("shop_id", "=", shopId).where("user_id", "=", userId).execute();
    // Sessions parked on this shop fall back to the user's other shops.
    await trx.updateTable("sessions").set({ shop_id: null }).where("user_id", "=", userId).where("shop_id", "=", shopId).execute();
  });
}

export interface ShopMember {
  userId: number;
  name: string;
  email: string;
  role: Role;
}

export async function shopMembers(db: Queryable, shopId: number): Promise<ShopMember[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id as userId", "users.name", "users.email", "memberships.role"])
    .where("memberships.shop_id", "=", shopId)
    .orderBy("users.name")
    .execute();
}
