import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "../../app/modules/notifications/unsubscribe-token";

const SECRET = "a-session-secret-that-is-long-enough-for-tests";

describe("unsubscribe tokens", () => {
  it("round-trips the shop and the contact", () => {
    const token = signUnsubscribeToken(SECRET, { shopId: 12, contact: "zoë@example.com" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ shopId: 12, contact: "zoë@example.com" });
  });

  it("is the same for the same subject (links in every message of a buyer match)", () => {
    expect(signUnsubscribeToken(SECRET, { shopId: 1, contact: "+15550101234" })).toBe(signUnsubscribeToken(SECRET, { shopId: 1, contact: "+15550101234" }));
  });

  it("rejects a token whose payload was changed to another shop or contact", () => {
    const token = signUnsubscribeToken(SECRET, { shopId: 12, contact: "a@example.com" });
    const [, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify(["u1", 13, "a@example.com"])).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${forgedPayload}.${signature}`)).toBeNull();
    const otherContact = Buffer.from(JSON.stringify(["u1", 12, "b@example.com"])).toString("base64url");
    expect(verifyUnsubscribeToken(SECRET, `${otherContact}.${signature}`)).toBeNull();
  });

  it("rejects a changed signature, a truncated token, another secret and garbage", () => {
    const token = signUnsubscribeToken(SECRET, { shopId: 12, contact: "a@example.com" });
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(verifyUnsubscribeToken(SECRET, flipped)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.slice(0, -4))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.split(".")[0])).toBeNull();
    expect(verifyUnsubscribeToken(`${SECRET}-rotated`, token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${token}.extra`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, "")).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, "x".repeat(700))).toBeNull();
  });

  it("rejects a correctly signed payload of the wrong shape", () => {
    // Signed with the real key, so only the shape check can catch these.
    expect(verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, { shopId: 0, contact: "a@example.com" }))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, signUnsubscribeToken(SECRET, { shopId: 3, contact: "" }))).toBeNull();
  });
});
