// USPS: Tracking API v3 `eventCode` (Publication 199, Appendix G-4) as listed in CARRIER_CODES.md.
// USPS reuses one code for many wordings, so a few codes are refined by their text, and events with
// no code at all (weather, animal interference) are read from the text alone.
import { attemptFailed, delay, delivered, exception, infoReceived, inTransit, notice, outForDelivery, pickup, refused, returned } from "./rule-kit";
import type { CodeRule, KeywordRule } from "./types";

export const USPS_EVENTS: Record<string, CodeRule> = {
  GX: infoReceived("label_created", "Shipping label created, USPS awaiting item"),
  MA: infoReceived("manifest_received", "Pre-shipment information sent to USPS"),
  TM: inTransit("acceptance_pending", "Shipment received, package acceptance pending"),
  "03": inTransit("accepted", "USPS in possession of item"),
  OA: inTransit("accepted_at_origin", "Accepted at USPS origin facility"),
  SF: inTransit("departed_post_office", "Departed post office"),
  "10": inTransit("processed_at_facility", "Processed at a USPS facility"),
  A1: inTransit("arrival_scan", "Arrived at USPS regional facility"),
  U1: inTransit("arrival_scan", "Arrived at USPS regional facility"),
  T1: inTransit("departure_scan", "Departed USPS regional facility"),
  L1: inTransit("departure_scan", "Departed USPS regional facility"),
  EF: inTransit("departure_scan", "Departed sort facility"),
  PC: inTransit("processing_complete", "Sorting / processing complete"),
  // System-generated lines, usually without a city: a parcel can show several without moving, so
  // they are not scans for the stall rule.
  TL: notice("in_transit_to_next_facility", "In transit to next facility"),
  NT: notice("in_transit_to_next_facility", "In transit to next facility"),
  "07": inTransit("arrived_at_post_office", "Arrived at post office"),
  "06": inTransit("forwarded", "Forwarded to the addressee's new address"),
  OF: outForDelivery("out_for_delivery", "Out for delivery"),
  "01": delivered("delivered", "Delivered"),
  "17": delivered("picked_up_by_agent", "Picked up by agent"),
  "43": delivered("picked_up_at_post_office", "Picked up at the post office"),
  "02": attemptFailed("notice_left", "Delivery attempted, notice left"),
  "52": attemptFailed("notice_left", "Notice left"),
  "53": attemptFailed("receptacle_blocked", "Notice left: receptacle blocked"),
  "54": attemptFailed("receptacle_full", "Notice left: receptacle full or item oversized"),
  "55": attemptFailed("no_secure_location", "Notice left: no secure location available"),
  "56": attemptFailed("no_authorized_recipient", "Notice left: no authorized recipient available"),
  "30": attemptFailed("no_access", "Delivery attempted, no access to delivery location"),
  "51": attemptFailed("business_closed", "Business closed"),
  "71": inTransit("rescheduled_next_day", "Rescheduled to next delivery day", { edd: "next_day" }),
  "14": pickup("arrived_at_pickup_point", "Arrived at pickup point"),
  "16": pickup("available_for_pickup", "Available for pickup"),
  "04": refused("Refused"),
  "05": exception("address_issue", "undeliverable_as_addressed", "Undeliverable as addressed"),
  "08": exception("misrouted", "missent", "Missent to the wrong facility"),
  "15": exception("misrouted", "mis_shipped", "Mis-shipped"),
  "09": returned("returning", "Return to sender"),
  "21": returned("no_such_number", "Return to sender: no such number", ["address_issue"]),
  "22": returned("insufficient_address", "Return to sender: insufficient address", ["address_issue"]),
  "23": returned("moved_no_address", "Return to sender: moved, left no address", ["address_issue"]),
  "24": returned("returning", "Return to sender"),
  "25": returned("addressee_unknown", "Return to sender: addressee unknown", ["address_issue"]),
  "26": returned("vacant", "Return to sender: vacant", ["address_issue"]),
  "27": returned("unclaimed", "Unclaimed; being returned to sender"),
  "28": returned("returning", "Return to sender"),
  "29": returned("returning", "Return to sender"),
  "31": returned("not_picked_up", "Return to sender: not picked up"),
  "44": returned("customer_recall", "Customer recall"),
  "11": exception("lost", "dead_letter", "Dead letter: undeliverable and unreturnable"),
};

/** For events USPS sends with text only (no code checked in the sources), and unknown codes. */
export const USPS_KEYWORDS: KeywordRule[] = [
  { name: "weather", pattern: /weather/i, rule: delay("weather_delay", "Delivery exception: local weather delay") },
  { name: "animal", pattern: /animal interference/i, rule: attemptFailed("animal_interference", "Delivery exception: animal interference") },
  { name: "damage", pattern: /damage/i, rule: exception("damaged", "damaged", "Damaged") },
  { name: "return", pattern: /return(ed)? to sender/i, rule: returned("returning", "Return to sender") },
  { name: "missent", pattern: /missent|mis-?shipped/i, rule: exception("misrouted", "missent", "Missent") },
  { name: "delivered", pattern: /^delivered\b/i, rule: delivered("delivered", "Delivered") },
  { name: "out_for_delivery", pattern: /out for delivery/i, rule: outForDelivery("out_for_delivery", "Out for delivery") },
  { name: "notice_left", pattern: /notice left|delivery attempted/i, rule: attemptFailed("notice_left", "Notice left") },
];

/** Codes whose substatus the text refines (one code, several wordings). */
export function uspsSubstatus(code: string, description: string, fallback: string): string {
  if (code === "10") {
    if (/^arrived/i.test(description)) return "arrival_scan";
    if (/^departed/i.test(description)) return "departure_scan";
  }
  if (code === "01") {
    if (/parcel locker/i.test(description)) return "delivered_parcel_locker";
    if (/front door|porch/i.test(description)) return "delivered_front_door";
    if (/mailbox/i.test(description)) return "delivered_mailbox";
    if (/agent/i.test(description)) return "delivered_to_agent";
    if (/individual/i.test(description)) return "delivered_to_individual";
  }
  return fallback;
}
