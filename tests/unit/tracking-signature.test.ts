// The webhook signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">, 5-minute tolerance.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, parseSignatureHeader, signatureHeader, verifySignature } from "../../app/modules/tracking/signature";

const SECRET = "whsec_test_secret";
const BODY = '[{"eventId":"1"}]';
const NOW = new Date("2026-03-02T12:00:00Z");
const T = Math.floor(NOW.getTime() / 1000);

describe("webhook signature", () => {
  it("is the HMAC-SHA256 of '<t>.<body>' in hex (worked example)", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(computeSignature(SECRET, T, BODY)).toBe(expected);
    expect(signatureHeader(SECRET, BODY, NOW)).toBe(`t=${T},v1=${expected}`);
    // Bytes and text sign the same.
    expect(computeSignature(SECRET, T, new TextEncoder().encode(BODY))).toBe(expected);
  });

  it("accepts a good signature within the tolerance, either side", () => {
    expect(verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW), BODY, NOW)).toEqual({ ok: true });
    expect(verifySignature(SECRET, signatureHeader(SECRET, BODY, new Date(NOW.getTime() - 299_000)), BODY, NOW).ok).toBe(true);
    expect(verifySignature(SECRET, signatureHeader(SECRET, BODY, new Date(NOW.getTime() + 299_000)), BODY, NOW).ok).toBe(true);
  });

  it("refuses a stale or far-future timestamp, even with a correct HMAC", () => {
    const stale = verifySignature(SECRET, signatureHeader(SECRET, BODY, new Date(NOW.getTime() - 301_000)), BODY, NOW);
    expect(stale).toMatchObject({ ok: false, reason: "stale" });
    const future = verifySignature(SECRET, signatureHeader(SECRET, BODY, new Date(NOW.getTime() + 301_000)), BODY, NOW);
    expect(future).toMatchObject({ ok: false, reason: "stale" });
  });

  it("refuses another secret, a changed body, and a timestamp swapped after signing", () => {
    expect(verifySignature(SECRET, signatureHeader("whsec_other", BODY, NOW), BODY, NOW)).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifySignature(SECRET, signatureHeader(SECRET, BODY, NOW), `${BODY} `, NOW)).toMatchObject({ ok: false, reason: "mismatch" });
    const v1 = computeSignature(SECRET, T, BODY);
    expect(verifySignature(SECRET, `t=${T + 1},v1=${v1}`, BODY, NOW)).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("refuses missing and malformed headers with a message saying what is expected", () => {
    expect(verifySignature(SECRET, null, BODY, NOW)).toMatchObject({ ok: false, reason: "missing" });
    for (const bad of ["sha256=abc", `t=${T}`, `v1=${"a".repeat(64)}`, `t=abc,v1=${"a".repeat(64)}`, `t=${T},v1=xyz`]) {
      const r = verifySignature(SECRET, bad, BODY, NOW);
      expect(r).toMatchObject({ ok: false, reason: "malformed" });
      expect(r.ok === false && r.message).toMatch(/t=<unix seconds>,v1=/);
    }
  });

  it("accepts any one of several v1 values (a sender signing with two secrets while rotating)", () => {
    const good = computeSignature(SECRET, T, BODY);
    const other = computeSignature("whsec_other", T, BODY);
    expect(verifySignature(SECRET, `t=${T},v1=${other},v1=${good}`, BODY, NOW).ok).toBe(true);
    expect(parseSignatureHeader(` t=${T} , v1=${good.toUpperCase()} `)).toEqual({ timestamp: T, signatures: [good] });
  });
});
