// Buyer preferences, decided. A preference row belongs to one contact (an email address or a phone
// number). For a message about an order, the preferences of all the order's contacts count: a buyer
// who opens the link in an email can also switch off text messages to the phone on their orders.
// "Unsubscribed" on any of them stops every message about their orders, on every channel.
import { CHANNEL_LABELS, type Channel, type PreferenceTopic, PREFERENCE_TOPICS, TRIGGERS, type Trigger } from "./triggers";

export interface BuyerPreference {
  contact: string;
  unsubscribed: boolean;
  topicsOff: PreferenceTopic[];
  channelsOff: Channel[];
}

const TOPIC_LABELS: Record<PreferenceTopic, string> = {
  shipped: TRIGGERS.shipped.buyerLabel,
  out_for_delivery: TRIGGERS.out_for_delivery.buyerLabel,
  failed_attempt: TRIGGERS.failed_attempt.buyerLabel,
  delayed: TRIGGERS.delayed.buyerLabel,
  address_issue: TRIGGERS.address_issue.buyerLabel,
  delivered: TRIGGERS.delivered.buyerLabel,
  support: TRIGGERS.case_delay_apology.buyerLabel,
};

export function topicLabel(topic: PreferenceTopic): string {
  return TOPIC_LABELS[topic];
}

export function isPreferenceTopic(value: string): value is PreferenceTopic {
  return (PREFERENCE_TOPICS as readonly string[]).includes(value);
}

/** Why this message must not be sent (a sentence for the seller), or null when it may go. */
export function preferenceBlock(preferences: readonly BuyerPreference[], message: { trigger: Trigger; channel: Channel }): string | null {
  const topic = TRIGGERS[message.trigger].topic;
  for (const p of preferences) {
    if (p.unsubscribed) return "Not sent: the buyer unsubscribed from all messages.";
  }
  for (const p of preferences) {
    if (p.channelsOff.includes(message.channel)) {
      return `Not sent: the buyer switched off ${message.channel === "sms" ? "text messages" : CHANNEL_LABELS.email.toLowerCase()}.`;
    }
    if (p.topicsOff.includes(topic)) return `Not sent: the buyer switched off "${TOPIC_LABELS[topic]}" messages.`;
  }
  return null;
}

/** One sentence for the audit log about what a buyer changed. */
export function describePreferenceChange(before: BuyerPreference | null, after: BuyerPreference, who: string): string {
  if (after.unsubscribed && !before?.unsubscribed) return `The buyer (${who}) unsubscribed from all messages.`;
  if (!after.unsubscribed && before?.unsubscribed) return `The buyer (${who}) subscribed to messages again.`;
  const off = [
    ...after.topicsOff.map((t) => `"${TOPIC_LABELS[t]}"`),
    ...after.channelsOff.map((c) => (c === "sms" ? "text messages" : "email")),
  ];
  return off.length
    ? `The buyer (${who}) changed their message choices; switched off: ${off.join(", ")}.`
    : `The buyer (${who}) switched every message back on.`;
}
