import { describe, expect, it } from "vitest";
import { maskContact, normalizeEmail, normalizePhone } from "../../app/modules/notifications/contacts";
import { retryDelaySeconds, isFinalAttempt } from "../../app/modules/notifications/backoff";
import { preferenceBlock, describePreferenceChange } from "../../app/modules/notifications/preferences";

describe("normalizeEmail", () => {
  it("lower-cases and trims valid addresses", () => {
    expect(normalizeEmail("  Ava.Smith@Example.COM ")).toBe("ava.smith@example.com");
    expect(normalizeEmail("jose+orders@example.co.uk")).toBe("jose+orders@example.co.uk");
  });
  it("refuses what cannot receive mail", () => {
    for (const bad of ["", "   ", null, undefined, "no-at-sign", "a@b", "two@@example.com", "with space@example.com", "Ava <ava@example.com>"]) {
      expect(normalizeEmail(bad), String(bad)).toBeNull();
    }
  });
});

describe("normalizePhone", () => {
  it("writes North American numbers in E.164", () => {
    expect(normalizePhone("+1 555 0100 1234")).toBe("+155501001234");
    expect(normalizePhone("(555) 010-1234")).toBe("+15550101234");
    expect(normalizePhone("555.010.1234", "CA")).toBe("+15550101234");
    expect(normalizePhone("1-555-010-1234")).toBe("+15550101234");
    expect(normalizePhone("+1 555 010 0001")).toBe("+15550100001");
  });
  it("keeps explicit country codes and converts 00 prefixes", () => {
    expect(normalizePhone("+44 20 7946 0958", "US")).toBe("+442079460958");
    expect(normalizePhone("0044 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("020 7946 0958", "GB")).toBe("+442079460958");
  });
  it("drops an extension", () => {
    expect(normalizePhone("(555) 010-1234 ext. 12")).toBe("+15550101234");
  });
  it("refuses masked, short, long or foreign numbers it cannot place", () => {
    expect(normalizePhone("(+1)764*****29")).toBeNull();
    expect(normalizePhone("555-1234")).toBeNull();
    expect(normalizePhone("+1234567890123456")).toBeNull();
    expect(normalizePhone("0612345678", "ZZ")).toBeNull();
    expect(normalizePhone("call me")).toBeNull();
    expect(normalizePhone(null)).toBeNull();
  });
});

describe("maskContact", () => {
  it("hides most of an address or number", () => {
    expect(maskContact("jamie.doe@example.com")).toBe("j***e@example.com");
    expect(maskContact("jo@example.com")).toBe("j***@example.com");
    expect(maskContact("+15550101234")).toBe("+1••••••1234");
  });
});

describe("retry backoff", () => {
  it("doubles from a minute and stops growing at an hour", () => {
    expect(retryDelaySeconds(1)).toBe(60);
    expect(retryDelaySeconds(2)).toBe(120);
    expect(retryDelaySeconds(3)).toBe(240);
    expect(retryDelaySeconds(7)).toBe(3600);
    expect(retryDelaySeconds(50)).toBe(3600);
  });
  it("adds at most 20% of jitter, the same for the same message", () => {
    const delays = Array.from({ length: 200 }, (_, id) => retryDelaySeconds(2, id + 1));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...delays)).toBeLessThanOrEqual(144);
    expect(new Set(delays).size).toBeGreaterThan(10);
    expect(retryDelaySeconds(2, 42)).toBe(retryDelaySeconds(2, 42));
  });
  it("knows the last attempt", () => {
    expect(isFinalAttempt(4, 5)).toBe(false);
    expect(isFinalAttempt(5, 5)).toBe(true);
  });
});

describe("preferenceBlock", () => {
  const none = { unsubscribed: false, topicsOff: [], channelsOff: [] };
  it("lets a message through when nothing is switched off", () => {
    expect(preferenceBlock([{ contact: "a@x.test", ...none }], { trigger: "shipped", channel: "email" })).toBeNull();
    expect(preferenceBlock([], { trigger: "shipped", channel: "email" })).toBeNull();
  });
  it("stops everything once any of the order's contacts unsubscribed", () => {
    const prefs = [{ contact: "a@x.test", ...none, unsubscribed: true }];
    expect(preferenceBlock(prefs, { trigger: "out_for_delivery", channel: "sms" })).toMatch(/unsubscribed from all/);
    expect(preferenceBlock(prefs, { trigger: "case_delay_apology", channel: "email" })).toMatch(/unsubscribed/);
  });
  it("honours a switched-off topic on every channel and a switched-off channel for every topic", () => {
    const topicOff = [{ contact: "a@x.test", ...none, topicsOff: ["delivered" as const] }];
    expect(preferenceBlock(topicOff, { trigger: "delivered", channel: "sms" })).toMatch(/"Your parcel was delivered"/);
    expect(preferenceBlock(topicOff, { trigger: "shipped", channel: "sms" })).toBeNull();
    const smsOff = [{ contact: "a@x.test", ...none, channelsOff: ["sms" as const] }];
    expect(preferenceBlock(smsOff, { trigger: "shipped", channel: "sms" })).toMatch(/text messages/);
    expect(preferenceBlock(smsOff, { trigger: "shipped", channel: "email" })).toBeNull();
    const supportOff = [{ contact: "a@x.test", ...none, topicsOff: ["support" as const] }];
    expect(preferenceBlock(supportOff, { trigger: "case_redelivery_options", channel: "email" })).toMatch(/support team/);
  });
  it("describes a change in one sentence", () => {
    const before = { contact: "a@x.test", ...none };
    expect(describePreferenceChange(before, { ...before, unsubscribed: true }, "a***@x.test")).toBe("The buyer (a***@x.test) unsubscribed from all messages.");
    expect(describePreferenceChange(before, { ...before, channelsOff: ["sms"] }, "a")).toMatch(/switched off: text messages/);
  });
});

describe("readableEmail", () => {
  it("shows the headers people read and the body with soft line breaks and escapes undone", async () => {
    const { readableEmail } = await import("../../app/modules/notifications/eml");
    const raw = [
      "Content-Type: text/plain; charset=utf-8",
      "From: =?UTF-8?Q?Zo=C3=AB=27s_Shop?= <no-reply@pd.test>",
      "To: buyer@example.com",
      "Subject: Your order 12 is out for delivery",
      "List-Unsubscribe:",
      " <https://pd.test/unsubscribe/abc.def>",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Hi Zo=C3=AB,",
      "",
      "Unsubscribe: https://pd.test/unsubs=",
      "cribe/abc.def",
    ].join("\r\n");
    expect(readableEmail(raw)).toBe(
      [
        "From: Zoë's Shop <no-reply@pd.test>",
        "To: buyer@example.com",
        "Subject: Your order 12 is out for delivery",
        "List-Unsubscribe: <https://pd.test/unsubscribe/abc.def>",
        "",
        "Hi Zoë,",
        "",
        "Unsubscribe: https://pd.test/unsubscribe/abc.def",
      ].join("\n"),
    );
  });
});
