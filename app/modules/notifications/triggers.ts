// What can make Parcel Desk write to a buyer, and the built-in wording of each message. Pure data
// and small rules (which status change is news, how old news may be, which dedupe key makes "one
// message per status change" a database constraint); no I/O.
import type { ShipmentStatus } from "../../../db/types";

export type Channel = "email" | "sms";
export const CHANNELS = ["email", "sms"] as const satisfies readonly Channel[];
export const CHANNEL_LABELS: Record<Channel, string> = { email: "Email", sms: "Text message" };

export const AUTOMATIC_TRIGGERS = ["shipped", "out_for_delivery", "failed_attempt", "delayed", "address_issue", "delivered"] as const;
export type AutomaticTrigger = (typeof AUTOMATIC_TRIGGERS)[number];

export const SUPPORT_TRIGGERS = [
  "case_delay_apology",
  "case_address_confirmation",
  "case_redelivery_options",
  "case_delivered_not_received",
] as const;
export type SupportTrigger = (typeof SUPPORT_TRIGGERS)[number];

export type Trigger = AutomaticTrigger | SupportTrigger;
export const ALL_TRIGGERS = [...AUTOMATIC_TRIGGERS, ...SUPPORT_TRIGGERS] as const;

/** What a buyer can switch off: each automatic trigger, and support replies as one group. */
export const PREFERENCE_TOPICS = [...AUTOMATIC_TRIGGERS, "support"] as const;
export type PreferenceTopic = (typeof PREFERENCE_TOPICS)[number];

export interface MessageText {
  subject: string | null;
  body: string;
}

export interface TriggerDefinition {
  trigger: Trigger;
  /** For sellers (settings, message lists). */
  label: string;
  /** When it is sent, in the seller's words. */
  description: string;
  /** For buyers (the preferences page). */
  buyerLabel: string;
  topic: PreferenceTopic;
  /** Sent when the shop has not said otherwise. Support messages are email only. */
  defaultChannels: Record<Channel, boolean>;
  email: MessageText;
  sms: MessageText | null;
}

const automatic = (
  trigger: AutomaticTrigger,
  d: Omit<TriggerDefinition, "trigger" | "topic">,
): TriggerDefinition => ({ trigger, topic: trigger, ...d });

const support = (trigger: SupportTrigger, d: Pick<TriggerDefinition, "label" | "description" | "email">): TriggerDefinition => ({
  trigger,
  topic: "support",
  buyerLabel: "Replies from the shop's support team about a problem with your order",
  defaultChannels: { email: true, sms: false },
  sms: null,
  ...d,
});

export const TRIGGERS: Record<Trigger, TriggerDefinition> = {
  shipped: automatic("shipped", {
    label: "Shipped",
    description: "The parcel left the shop: handed over to the carrier, or its first carrier scan.",
    buyerLabel: "Your order has shipped",
    defaultChannels: { email: true, sms: false },
    email: {
      subject: "Your order {{orderId}} is on its way",
      body: "Hi {{firstName}},\n\nYour order {{orderId}} from {{shopName}} has shipped with {{carrier}}. It should arrive by {{edd}}.\n\nFollow your parcel here: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: your order {{orderId}} has shipped with {{carrier}}, due by {{edd}}. Track it: {{trackingLink}}" },
  }),
  out_for_delivery: automatic("out_for_delivery", {
    label: "Out for delivery",
    description: "The carrier loaded the parcel on the delivery vehicle.",
    buyerLabel: "Your parcel is out for delivery",
    defaultChannels: { email: true, sms: true },
    email: {
      subject: "Your order {{orderId}} is out for delivery",
      body: "Hi {{firstName}},\n\n{{carrier}} is delivering your order {{orderId}} today.\n\nFollow your parcel here: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: your order {{orderId}} is out for delivery today with {{carrier}}. Track it: {{trackingLink}}" },
  }),
  failed_attempt: automatic("failed_attempt", {
    label: "Delivery attempt failed",
    description: "The carrier tried to deliver and could not (no one home, business closed, no access).",
    buyerLabel: "A delivery attempt failed",
    defaultChannels: { email: true, sms: true },
    email: {
      subject: "We missed you: delivery attempt for order {{orderId}}",
      body: "Hi {{firstName}},\n\n{{carrier}} tried to deliver your order {{orderId}} but could not. Carriers usually try again on the next business day.\n\nSee what happened and your options: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: {{carrier}} could not deliver order {{orderId}} today and will usually retry next business day. Details: {{trackingLink}}" },
  }),
  delayed: automatic("delayed", {
    label: "Delayed",
    description: "The estimated delivery date moved later, or the parcel is late and a delay case was opened.",
    buyerLabel: "Your parcel is running late",
    defaultChannels: { email: true, sms: false },
    email: {
      subject: "Your order {{orderId}} is running late",
      body: "Hi {{firstName}},\n\nYour order {{orderId}} is taking longer than we expected. The new estimated delivery date is {{edd}}. We are keeping an eye on it and will let you know if anything changes.\n\nFollow your parcel here: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: order {{orderId}} is running late; new estimate {{edd}}. Track it: {{trackingLink}}" },
  }),
  address_issue: automatic("address_issue", {
    label: "Address problem",
    description: "The carrier reported a bad or incomplete address: the buyer needs to act.",
    buyerLabel: "There is a problem with your delivery address",
    defaultChannels: { email: true, sms: true },
    email: {
      subject: "Action needed: please check the address for order {{orderId}}",
      body: "Hi {{firstName}},\n\n{{carrier}} could not use the delivery address of your order {{orderId}}. Please reply to {{supportEmail}} with your full address, including any apartment or suite number, so the parcel can reach you.\n\nFollow your parcel here: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: the carrier has a problem with the address for order {{orderId}}. Please email {{supportEmail}} your full address. {{trackingLink}}" },
  }),
  delivered: automatic("delivered", {
    label: "Delivered",
    description: "The carrier confirmed delivery.",
    buyerLabel: "Your parcel was delivered",
    defaultChannels: { email: true, sms: false },
    email: {
      subject: "Your order {{orderId}} was delivered",
      body: "Hi {{firstName}},\n\n{{carrier}} delivered your order {{orderId}}. If you cannot find it, check around your door and with neighbours, then contact us at {{supportEmail}}.\n\nDelivery details: {{trackingLink}}",
    },
    sms: { subject: null, body: "{{shopName}}: order {{orderId}} was delivered. Can't find it? Email {{supportEmail}}. {{trackingLink}}" },
  }),
  case_delay_apology: support("case_delay_apology", {
    label: "Delay apology",
    description: "Sent by a support agent from a case.",
    email: {
      subject: "An update on your order {{orderId}}",
      body: "Hi {{firstName}},\n\nYour parcel is running later than we promised, and we are sorry. We are on it with the carrier and will keep you posted.\n\nTrack it here: {{trackingLink}}",
    },
  }),
  case_address_confirmation: support("case_address_confirmation", {
    label: "Address confirmation request",
    description: "Sent by a support agent from a case.",
    email: {
      subject: "Please confirm your address for order {{orderId}}",
      body: "Hi {{firstName}},\n\nThe carrier could not use the delivery address of your order {{orderId}}. Please reply with your full address, including any apartment or suite number.",
    },
  }),
  case_redelivery_options: support("case_redelivery_options", {
    label: "Redelivery options",
    description: "Sent by a support agent from a case.",
    email: {
      subject: "We missed you: delivery options for order {{orderId}}",
      body: "Hi {{firstName}},\n\nThe carrier could not deliver your parcel. You can pick it up, or reply and we will arrange another delivery.\n\nTrack it here: {{trackingLink}}",
    },
  }),
  case_delivered_not_received: support("case_delivered_not_received", {
    label: "Delivered but not received",
    description: "Sent by a support agent from a case.",
    email: {
      subject: "About your delivered order {{orderId}}",
      body: "Hi {{firstName}},\n\nThe carrier shows your parcel as delivered, but you let us know it has not arrived. Could you check with neighbours and around your door, and tell us if anyone signed for it? We will open a claim with the carrier.",
    },
  }),
};

export function isTrigger(value: string): value is Trigger {
  return (ALL_TRIGGERS as readonly string[]).includes(value);
}

export function isSupportTrigger(value: string): value is SupportTrigger {
  return (SUPPORT_TRIGGERS as readonly string[]).includes(value);
}

/** The built-in text of a trigger on a channel; null when the trigger has no such channel. */
export function defaultText(trigger: Trigger, channel: Channel): MessageText | null {
  return channel === "email" ? TRIGGERS[trigger].email : TRIGGERS[trigger].sms;
}

/** The status changes a buyer hears about; every other change (a scan in transit) is not news. */
export function triggerForStatus(to: ShipmentStatus): "out_for_delivery" | "failed_attempt" | "delivered" | null {
  switch (to) {
    case "out_for_delivery":
      return "out_for_delivery";
    case "attempt_failed":
      return "failed_attempt";
    case "delivered":
      return "delivered";
    default:
      return null;
  }
}

const HOUR = 60 * 60 * 1000;

/**
 * How old the event behind a message may be when it reaches us. Telling a buyer "out for delivery"
 * two days later is wrong, and a late CSV of old scans (or a replayed history) must not turn into
 * a burst of messages about the past.
 */
export const NEWS_MAX_AGE_MS: Record<"shipped" | "out_for_delivery" | "failed_attempt" | "delivered", number> = {
  shipped: 72 * HOUR,
  out_for_delivery: 12 * HOUR,
  failed_attempt: 48 * HOUR,
  delivered: 72 * HOUR,
};

export function isStaleNews(trigger: keyof typeof NEWS_MAX_AGE_MS, at: Date, now: Date): boolean {
  return now.getTime() - at.getTime() > NEWS_MAX_AGE_MS[trigger];
}

/**
 * Dedupe keys (unique per shop with the outbox's partial index). One per channel, so an email and a
 * text for the same change are two rows. Qualifiers:
 * - shipped, delivered: once per shipment, ever.
 * - out_for_delivery, failed_attempt: once per shipment and calendar day of the event (in the shop's
 *   time zone), so the second delivery day after a failed attempt is news, a flapping scan is not.
 * - delayed after an EDD slip: once per new EDD; delayed or address problem from a case: once per case.
 */
export function dedupeKey(
  trigger: AutomaticTrigger,
  channel: Channel,
  subject: { shipmentId: number; day?: string; edd?: string; caseId?: number },
): string {
  const base = `${trigger}:shipment:${subject.shipmentId}`;
  let qualifier = "";
  if (subject.caseId !== undefined) qualifier = `:case:${subject.caseId}`;
  else if (subject.edd !== undefined) qualifier = `:edd:${subject.edd}`;
  else if (trigger === "out_for_delivery" || trigger === "failed_attempt") {
    if (!subject.day) throw new Error(`dedupeKey: ${trigger} needs the event's day`);
    qualifier = `:day:${subject.day}`;
  }
  return `${base}${qualifier}:${channel}`;
}

/** Messages that make no sense once the parcel is delivered (sending them late would confuse). */
export const SUPERSEDED_BY_DELIVERY: readonly AutomaticTrigger[] = ["shipped", "out_for_delivery", "failed_attempt", "delayed", "address_issue"];
