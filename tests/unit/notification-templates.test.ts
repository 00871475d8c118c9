import { describe, expect, it } from "vitest";
import {
  emailFooter,
  firstNameOf,
  formatDay,
  renderMessage,
  renderTemplate,
  sampleValues,
  templateProblems,
  unknownPlaceholders,
} from "../../app/modules/notifications/templates";
import { dedupeKey, defaultText, isStaleNews, TRIGGERS, triggerForStatus, ALL_TRIGGERS } from "../../app/modules/notifications/triggers";

describe("renderTemplate", () => {
  it("fills variables, tolerates spaces inside the braces, and drops unknown ones", () => {
    expect(renderTemplate("Hi {{firstName}}, order {{ orderId }} {{nope}}!", { firstName: "Zoë", orderId: "576461413890" })).toBe(
      "Hi Zoë, order 576461413890 !",
    );
  });

  it("renders an empty value as nothing and leaves single braces alone", () => {
    expect(renderTemplate("EDD: {{edd}} {not a var}", { edd: "" })).toBe("EDD:  {not a var}");
  });

  it("does not re-expand placeholders that arrive inside values", () => {
    expect(renderTemplate("{{firstName}}", { firstName: "{{orderId}}", orderId: "X" })).toBe("{{orderId}}");
  });

  it("renders a subject on one line with single spaces", () => {
    const out = renderMessage({ subject: "Your order {{orderId}}  is   late", body: "b" }, { orderId: "A1" });
    expect(out.subject).toBe("Your order A1 is late");
  });

  it("renders every built-in template with the sample values and no leftover braces", () => {
    const values = sampleValues("Demo Shop", "help@demo.test", "https://pd.example");
    for (const trigger of ALL_TRIGGERS) {
      for (const channel of ["email", "sms"] as const) {
        const text = defaultText(trigger, channel);
        if (!text) continue;
        const out = renderMessage(text, values);
        expect(out.body, `${trigger}/${channel}`).not.toMatch(/\{\{|\}\}/);
        expect(templateProblems(channel, text), `${trigger}/${channel}`).toEqual({ subject: undefined, body: undefined });
      }
    }
  });

  it("keeps built-in text messages short enough for two SMS segments plus the opt-out link", () => {
    const values = sampleValues("A Rather Long Shop Name", "help@demo.test", "https://pd.example");
    for (const trigger of ALL_TRIGGERS) {
      const sms = defaultText(trigger, "sms");
      if (sms) expect(renderMessage(sms, values).body.length, trigger).toBeLessThan(250);
    }
  });
});

describe("template checks", () => {
  it("names unknown placeholders once each", () => {
    expect(unknownPlaceholders("{{frstName}} {{orderId}} {{frstName}} {{ eta }}")).toEqual(["{{frstName}}", "{{ eta }}"]);
  });

  it("reports problems field by field", () => {
    expect(templateProblems("email", { subject: "", body: "x" }).subject).toMatch(/needs a subject/);
    expect(templateProblems("email", { subject: "Hi {{frstName}}", body: "x" }).subject).toMatch(/\{\{frstName\}\} is not a variable/);
    expect(templateProblems("email", { subject: "ok", body: "  " }).body).toMatch(/cannot be empty/);
    expect(templateProblems("sms", { subject: null, body: "x".repeat(481) }).body).toMatch(/under 480 characters \(it has 481\)/);
    expect(templateProblems("sms", { subject: null, body: "Hello {{firstName}}" })).toEqual({ subject: undefined, body: undefined });
    expect(templateProblems("email", { subject: "two\nlines", body: "b" }).subject).toMatch(/one line/);
  });
});

describe("values", () => {
  it("takes the first name, also from 'LAST, FIRST' names", () => {
    expect(firstNameOf("Olivia García-Pérez")).toBe("Olivia");
    expect(firstNameOf("  José   Álvarez ")).toBe("José");
    expect(firstNameOf("SMITH, JOHN")).toBe("JOHN");
    expect(firstNameOf("")).toBe("");
  });

  it("formats a calendar day without shifting it by a time zone", () => {
    expect(formatDay("2026-11-24")).toBe("Tuesday, November 24");
    expect(formatDay("2026-01-01")).toBe("Thursday, January 1");
    expect(formatDay(null)).toBe("");
    expect(formatDay("24/11/2026")).toBe("");
  });

  it("ends every email with the shop and the unsubscribe link", () => {
    expect(emailFooter("Demo Shop", "https://pd/unsubscribe/t")).toContain("you ordered from Demo Shop");
    expect(emailFooter("Demo Shop", "https://pd/unsubscribe/t")).toContain("https://pd/unsubscribe/t");
  });
});

describe("triggers", () => {
  it("turns only the status changes a buyer cares about into messages", () => {
    expect(triggerForStatus("out_for_delivery")).toBe("out_for_delivery");
    expect(triggerForStatus("attempt_failed")).toBe("failed_attempt");
    expect(triggerForStatus("delivered")).toBe("delivered");
    for (const s of ["pending", "info_received", "in_transit", "exception", "available_for_pickup", "returned_to_sender", "expired", "voided"] as const) {
      expect(triggerForStatus(s), s).toBeNull();
    }
  });

  it("builds one dedupe key per shipment, channel and qualifier", () => {
    expect(dedupeKey("shipped", "email", { shipmentId: 7 })).toBe("shipped:shipment:7:email");
    expect(dedupeKey("delivered", "sms", { shipmentId: 7 })).toBe("delivered:shipment:7:sms");
    expect(dedupeKey("out_for_delivery", "email", { shipmentId: 7, day: "2026-11-24" })).toBe("out_for_delivery:shipment:7:day:2026-11-24:email");
    expect(dedupeKey("delayed", "email", { shipmentId: 7, edd: "2026-11-26" })).toBe("delayed:shipment:7:edd:2026-11-26:email");
    expect(dedupeKey("address_issue", "email", { shipmentId: 7, caseId: 3 })).toBe("address_issue:shipment:7:case:3:email");
    expect(() => dedupeKey("failed_attempt", "email", { shipmentId: 7 })).toThrow(/needs the event's day/);
  });

  it("treats old events as history, per trigger", () => {
    const now = new Date("2026-11-24T18:00:00Z");
    expect(isStaleNews("out_for_delivery", new Date("2026-11-24T08:00:00Z"), now)).toBe(false);
    expect(isStaleNews("out_for_delivery", new Date("2026-11-23T08:00:00Z"), now)).toBe(true);
    expect(isStaleNews("delivered", new Date("2026-11-22T08:00:00Z"), now)).toBe(false);
    expect(isStaleNews("delivered", new Date("2026-11-20T08:00:00Z"), now)).toBe(true);
  });

  it("gives support templates email only and automatic ones both channels", () => {
    expect(TRIGGERS.case_delay_apology.sms).toBeNull();
    expect(TRIGGERS.case_delay_apology.topic).toBe("support");
    expect(TRIGGERS.out_for_delivery.sms?.body).toContain("{{trackingLink}}");
  });
});
