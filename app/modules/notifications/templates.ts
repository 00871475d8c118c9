// Message templates: the variables a shop can use, rendering them, checking an edited template
// before it is saved, and the footer every email gets. Pure, so the settings page's live preview
// runs the same code in the browser as the outbox does on the server.
import type { Channel, MessageText } from "./triggers";

export const TEMPLATE_VARIABLES = {
  firstName: "The buyer's first name",
  orderId: "The marketplace order id",
  shopName: "Your shop's name",
  carrier: "Carrier name (UPS, USPS, ...)",
  service: "Service name (UPS Ground, ...)",
  trackingNumber: "The tracking number",
  trackingLink: "Link to the public tracking page",
  edd: "Estimated delivery date (e.g. Tuesday, November 24)",
  supportEmail: "Your support email (Settings > Buyer messages)",
} as const;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export type TemplateValues = Record<TemplateVariable, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(TEMPLATE_VARIABLES, name);
}

/** Replaces {{variable}} placeholders; an unknown or empty variable renders as nothing. */
export function renderTemplate(text: string, values: Partial<TemplateValues>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => (isTemplateVariable(name) ? (values[name] ?? "") : ""));
}

export function renderMessage(text: MessageText, values: Partial<TemplateValues>): MessageText {
  return {
    subject: text.subject === null ? null : collapseSpaces(renderTemplate(text.subject, values)),
    body: renderTemplate(text.body, values),
  };
}

/** Placeholders in the text that are not variables, e.g. ["{{frstName}}"]. */
export function unknownPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!isTemplateVariable(match[1]) && !out.includes(match[0])) out.push(match[0]);
  }
  return out;
}

export const TEMPLATE_LIMITS = { subject: 200, emailBody: 5000, smsBody: 480 } as const;

/** Problems with an edited template, field by field (empty when it can be saved). */
export function templateProblems(channel: Channel, text: MessageText): Record<"subject" | "body", string | undefined> {
  const problems: Record<"subject" | "body", string | undefined> = { subject: undefined, body: undefined };
  if (channel === "email") {
    const subject = text.subject?.trim() ?? "";
    if (!subject) problems.subject = "An email needs a subject.";
    else if (subject.length > TEMPLATE_LIMITS.subject) problems.subject = `Keep the subject under ${TEMPLATE_LIMITS.subject} characters.`;
    else if (/[\r\n]/.test(subject)) problems.subject = "The subject must be one line.";
    else if (unknownPlaceholders(subject).length) problems.subject = unknownMessage(unknownPlaceholders(subject));
  }
  const body = text.body.trim();
  const limit = channel === "email" ? TEMPLATE_LIMITS.emailBody : TEMPLATE_LIMITS.smsBody;
  if (!body) problems.body = "The message cannot be empty.";
  else if (body.length > limit) problems.body = `Keep the message under ${limit} characters (it has ${body.length}).`;
  else if (unknownPlaceholders(body).length) problems.body = unknownMessage(unknownPlaceholders(body));
  return problems;
}

function unknownMessage(names: string[]): string {
  return `${names.join(", ")} ${names.length === 1 ? "is not a variable" : "are not variables"}; use ${Object.keys(TEMPLATE_VARIABLES)
    .map((v) => `{{${v}}}`)
    .join(", ")}.`;
}

/** Values for the settings page's preview. */
export function sampleValues(shopName: string, supportEmail: string, publicUrl: string, shopSlug = "your-shop"): TemplateValues {
  return {
    firstName: "Jamie",
    orderId: "576461413890",
    shopName,
    carrier: "UPS",
    service: "UPS Ground",
    trackingNumber: "1Z999AA10123456784",
    trackingLink: `${publicUrl}/track/${shopSlug}/1Z999AA10123456784`,
    edd: formatDay("2026-11-24"),
    supportEmail: supportEmail || "support@example.com",
  };
}

/** The line every email ends with: who is writing and how to stop it (no account needed). */
export function emailFooter(shopName: string, unsubscribeUrl: string): string {
  return `\n\n--\nYou are receiving this because you ordered from ${shopName}.\nChoose which messages you get, or unsubscribe: ${unsubscribeUrl}`;
}

export function smsFooter(unsubscribeUrl: string): string {
  return `\nStop texts: ${unsubscribeUrl}`;
}

export function firstNameOf(buyerName: string): string {
  const first = buyerName.trim().split(/\s+/)[0] ?? "";
  // "SMITH, JOHN" style names: the part after the comma is the first name.
  if (first.endsWith(",")) return buyerName.split(",")[1]?.trim().split(/\s+/)[0] ?? "";
  return first;
}

const DAY_FORMAT = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });

/** "2026-11-24" -> "Tuesday, November 24". A calendar day has no time zone: format it as UTC. */
export function formatDay(day: string | null | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return "";
  return DAY_FORMAT.format(new Date(`${day}T00:00:00Z`));
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
