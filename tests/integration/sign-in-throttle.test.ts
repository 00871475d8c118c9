// Finding 8 of the probe (issue 13): the sign-in lockout was a read-then-insert race (100 parallel
// wrong passwords got 10 checked answers, not 5) and it refused the correct password too, so anyone
// could keep any account locked. Now each attempt reserves its place under a row lock before the
// password is checked, and repeated failures bring a growing delay, never a lockout: once the
// delay has passed, the right password signs in. Time comes from the test (`now`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../app/lib/db.server";
import { pruneAccountRecords } from "../../app/modules/accounts/passwords.server";
import { delayAfterFailures, SIGN_IN_THROTTLE, signIn } from "../../app/modules/auth/sign-in.server";
import { createTestShop, TEST_PASSWORD, type TestShop } from "../fixtures/shops";
import { backend, openTestDatabase } from "./db";

let handle: DatabaseHandle;
let a: TestShop;

beforeAll(async () => {
  handle = await openTestDatabase({ poolSize: 20 });
  a = await createTestShop(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const T0 = new Date("2031-05-06T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("the growing delay (worked examples)", () => {
  it("lets the first failures through, then doubles the wait up to a cap", () => {
    const rule = SIGN_IN_THROTTLE.email;
    expect([0, 1, 4].map((n) => delayAfterFailures(n, rule))).toEqual([0, 0, 0]);
    expect(delayAfterFailures(rule.free, rule)).toBe(rule.firstDelaySeconds);
    expect(delayAfterFailures(rule.free + 1, rule)).toBe(rule.firstDelaySeconds * 2);
    expect(delayAfterFailures(rule.free + 2, rule)).toBe(rule.firstDelaySeconds * 4);
    expect(delayAfterFailures(rule.free + 40, rule)).toBe(SIGN_IN_THROTTLE.maxDelaySeconds);
  });
});

describe(`sign-in throttling on ${backend}`, () => {
  it("checks exactly as many of 100 parallel wrong passwords as the allowance, not more", async () => {
    const email = a.users.support.email;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signIn(handle.db, { email, password: `wrong-${i}`, ip: `10.8.${Math.floor(i / 200)}.${i % 200}`, now: T0 })),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBe(SIGN_IN_THROTTLE.email.free);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(100 - SIGN_IN_THROTTLE.email.free);
    expect(results.every((r) => !r.ok)).toBe(true);
  });

  it("never locks the right password out for good: after the wait it signs in, and the count starts over", async () => {
    const email = a.users.support.email;
    const ip = "10.8.9.9";
    // Within the delay even the right password waits (nothing is checked, so nothing is learned) ...
    const waiting = await signIn(handle.db, { email, password: TEST_PASSWORD, ip, now: at(1) });
    expect(waiting).toMatchObject({ ok: false, reason: "rate_limited", retryAfterSeconds: SIGN_IN_THROTTLE.email.firstDelaySeconds - 1 });
    expect(waiting.ok ? "" : waiting.message).toMatch(/Try again in 14 seconds/);
    // ... one wrong try after the wait doubles it ...
    expect(await signIn(handle.db, { email, password: "still wrong", ip, now: at(15) })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await signIn(handle.db, { email, password: TEST_PASSWORD, ip, now: at(16) })).toMatchObject({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: 2 * SIGN_IN_THROTTLE.email.firstDelaySeconds - 1,
    });
    // ... and once it has passed, the right password works.
    expect(await signIn(handle.db, { email, password: TEST_PASSWORD, ip, now: at(45) })).toMatchObject({ ok: true, userId: a.users.support.id });
    // A success forgets the account's failures.
    for (let i = 0; i < SIGN_IN_THROTTLE.email.free; i++) {
      expect(await signIn(handle.db, { email, password: "wrong again", ip, now: at(46) })).toMatchObject({ ok: false, reason: "invalid" });
    }
  });

  it("counts failures per client address across many emails", async () => {
    const ip = "10.77.0.1";
    const rule = SIGN_IN_THROTTLE.ip;
    for (let i = 0; i < rule.free; i++) {
      expect(await signIn(handle.db, { email: `guess${i}@nowhere.test`, password: "x", ip, now: T0 })).toMatchObject({ reason: "invalid" });
    }
    expect(await signIn(handle.db, { email: a.users.owner.email, password: TEST_PASSWORD, ip, now: T0 })).toMatchObject({ reason: "rate_limited" });
    // The owner signing in from elsewhere is not held up by that address.
    expect(await signIn(handle.db, { email: a.users.owner.email, password: TEST_PASSWORD, ip: "10.77.0.2", now: T0 })).toMatchObject({ ok: true });
    expect(await signIn(handle.db, { email: a.users.owner.email, password: TEST_PASSWORD, ip, now: at(rule.firstDelaySeconds) })).toMatchObject({ ok: true });
  });

  it("forgets failures after a quiet day", async () => {
    const email = a.users.fulfilment.email;
    for (let i = 0; i < SIGN_IN_THROTTLE.email.free + 1; i++) await signIn(handle.db, { email, password: "no", ip: `10.6.0.${i}`, now: at(i * 3600) });
    const later = at(SIGN_IN_THROTTLE.forgetAfterHours * 3600 + 6 * 3600 + 1);
    expect(await signIn(handle.db, { email, password: "no", ip: "10.6.1.1", now: later })).toMatchObject({ reason: "invalid" });
  });

  it("prunes throttle rows once they are forgotten, and keeps the ones that still count", async () => {
    await signIn(handle.db, { email: "prune.me@nowhere.test", password: "x", ip: "10.66.0.1", now: T0 });
    const later = at(SIGN_IN_THROTTLE.forgetAfterHours * 3600 + 60);
    await signIn(handle.db, { email: "keep.me@nowhere.test", password: "x", ip: "10.66.0.2", now: later });
    const pruned = await pruneAccountRecords(handle.db, later);
    expect(pruned.throttles).toBeGreaterThanOrEqual(2);
    const keys = (await handle.db.selectFrom("sign_in_throttles").select("key").execute()).map((r) => r.key);
    expect(keys).toContain("email:keep.me@nowhere.test");
    expect(keys).not.toContain("email:prune.me@nowhere.test");
  });
});
