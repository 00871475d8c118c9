// Shops, users, sign-in, sessions and tenancy, on whichever back end this project runs.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { getSessionUser, membershipsOf, startSession } from "../../app/lib/session.server";
import { forShop } from "../../app/lib/tenancy.server";
import { SIGN_IN_THROTTLE, signIn } from "../../app/modules/auth/sign-in.server";
import { createShop, getShopSettings, updateShopSettings } from "../../app/modules/shops/shops.server";
import { createTestShop, TEST_PASSWORD, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;
let b: TestShop;

beforeAll(async () => {
  handle = await openTestDatabase();
  a = await createTestShop(handle.db, "alpha");
  b = await createTestShop(handle.db, "bravo");
});
afterAll(() => handle?.close());

async function addOrder(shop: TestShop, externalId: string) {
  return shop.scope
    .insertInto("orders", {
      external_id: externalId,
      source: "generic",
      status: "to_ship",
      buyer_name: "Test Buyer",
      address1: "1 Main St",
      city: "Austin",
      region: "TX",
      postal_code: "78701",
      country: "US",
      content_hash: "x",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describe(`foundation on ${backend}`, () => {
  it("runs every migration and reports the back end", async () => {
    const tables = await sql<{ n: number }>`select count(*)::int8 as n from information_schema.tables where table_schema = 'public'`.execute(handle.db);
    expect(tables.rows[0].n).toBeGreaterThanOrEqual(26);
    expect(handle.backend).toBe(backend);
  });

  it("signs in with the right password and refuses a wrong one with a generic message", async () => {
    const ok = await signIn(handle.db, { email: "OWNER@alpha.test", password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(ok).toEqual({ ok: true, userId: a.users.owner.id });
    const wrong = await signIn(handle.db, { email: "owner@alpha.test", password: "nope", ip: "10.0.0.1" });
    const unknown = await signIn(handle.db, { email: "ghost@alpha.test", password: "nope", ip: "10.0.0.1" });
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    // The same words whether the email exists or not.
    expect(unknown.ok === false && wrong.ok === false && unknown.message === wrong.message).toBe(true);
  });

  it("makes an email wait after repeated failures, even with the right password (a delay, not a lockout: see sign-in-throttle.test.ts)", async () => {
    for (let i = 0; i < SIGN_IN_THROTTLE.email.free; i++) {
      await signIn(handle.db, { email: "support@bravo.test", password: `wrong-${i}`, ip: `10.1.0.${i}` });
    }
    const locked = await signIn(handle.db, { email: "support@bravo.test", password: TEST_PASSWORD, ip: "10.9.9.9" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    // Other accounts are unaffected.
    const other = await signIn(handle.db, { email: "owner@bravo.test", password: TEST_PASSWORD, ip: "10.9.9.9" });
    expect(other.ok).toBe(true);
  });

  it("reads a session back from its cookie and rejects forged or expired ones", async () => {
    const setCookie = await startSession(handle.db, a.users.fulfilment.id, a.shop.id);
    const cookie = setCookie.split(";")[0];
    const user = await getSessionUser(handle.db, new Request("http://x/", { headers: { Cookie: cookie } }));
    expect(user).toMatchObject({ userId: a.users.fulfilment.id, lastShopId: a.shop.id });

    const [name, value] = cookie.split("=");
    const forged = `${name}=${value.slice(0, -3)}abc`;
    expect(await getSessionUser(handle.db, new Request("http://x/", { headers: { Cookie: forged } }))).toBeNull();
    expect(await getSessionUser(handle.db, new Request("http://x/", { headers: { Cookie: "pd_session=garbage" } }))).toBeNull();

    await handle.db.updateTable("sessions").set({ expires_at: new Date(Date.now() - 1000) }).execute();
    expect(await getSessionUser(handle.db, new Request("http://x/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  it("lists only the shops a user belongs to", async () => {
    expect((await membershipsOf(handle.db, a.users.owner.id)).map((m) => m.slug)).toEqual(["alpha"]);
  });

  it("scopes every query to one shop: B cannot read, change or delete A's orders", async () => {
    const order = await addOrder(a, "A-1");
    await addOrder(b, "B-1");
    const fromB = await b.scope.selectFrom("orders").select("external_id").execute();
    expect(fromB.map((o) => o.external_id)).toEqual(["B-1"]);
    expect(await b.scope.selectFrom("orders").select("id").where("id", "=", order.id).executeTakeFirst()).toBeUndefined();
    const updated = await b.scope.updateTable("orders").set({ buyer_name: "Hacker" }).where("id", "=", order.id).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await b.scope.deleteFrom("orders").where("id", "=", order.id).executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(0);
    const still = await a.scope.selectFrom("orders as o").select(["o.buyer_name"]).where("o.id", "=", order.id).executeTakeFirstOrThrow();
    expect(still.buyer_name).toBe("Test Buyer");
  });

  it("refuses a child row that points at another shop's parent", async () => {
    const order = await addOrder(a, "A-2");
    await expect(
      b.scope.insertInto("order_items", { order_id: order.id, line_no: 1, quantity: 1, sku: "X" }).execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it("keeps one order per marketplace id per shop, but the same id may exist in two shops", async () => {
    await addOrder(a, "SAME");
    await addOrder(b, "SAME");
    await expect(addOrder(a, "SAME")).rejects.toThrow(/unique|duplicate/i);
  });

  it("validates settings section by section and keeps the rest", async () => {
    const shop = await createShop(handle.db, { slug: "charlie", name: "Charlie" });
    await updateShopSettings(handle.db, shop.id, "labels", { layout: "letter" });
    const settings = await getShopSettings(handle.db, shop.id);
    expect(settings.labels.layout).toBe("letter");
    expect(settings.exceptions.stalledHours).toBe(72);
    await expect(updateShopSettings(handle.db, shop.id, "labels", { layout: "A4" })).rejects.toThrow(/labels\.layout/);
    expect((await getShopSettings(handle.db, shop.id)).labels.layout).toBe("letter");
  });

  it("rejects malformed shop slugs with a message naming the field", async () => {
    await expect(createShop(handle.db, { slug: "Bad Slug!", name: "x" })).rejects.toThrow(/slug/);
    await expect(createShop(handle.db, { slug: "alpha", name: "again" })).rejects.toThrow(/already exists/);
  });

  it("runs a scope's transaction on one connection and rolls back as a whole", async () => {
    const scope = forShop(handle.db, a.shop.id);
    await expect(
      scope.transaction(async (tx) => {
        await tx.insertInto("orders", { external_id: "TX-1", source: "generic", status: "to_ship", buyer_name: "T", address1: "1", city: "c", postal_code: "78701", country: "US", content_hash: "h" }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await scope.selectFrom("orders").select("id").where("external_id", "=", "TX-1").executeTakeFirst()).toBeUndefined();
  });
});
