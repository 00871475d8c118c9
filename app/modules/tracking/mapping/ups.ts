// UPS: raw codes and what they mean, from the tables in /work/shared/docs/CARRIER_CODES.md (UPS
// Tracking API code tables: movement scans, manifest, exceptions, delivery; statusCode list).
//
// UPS reuses two-letter codes across its own tables, so the code is read together with the activity
// type letter. We accept three spellings of `code`:
//   "<type>:<code>"  e.g. "I:OR", "X:48", "D:FS", "M:MP"  -> the table of that type
//   "<code>"         e.g. "OR"                            -> movement, then exception, delivery, manifest
//   "<statusCode>"   e.g. "005", "011" (3 digits)         -> the UPS status-code list
// plus the bare type "MV" (billing information voided). A plain code that lives in two tables takes
// its movement-scan meaning (the common case in webhooks); send the type to get the other one.
import { attemptFailed, delay, delaySignal, delivered, exception, infoReceived, inTransit, notice, outForDelivery, pickup, refused, returned, voided } from "./rule-kit";
import type { CodeRule, KeywordRule } from "./types";

export const UPS_MOVEMENT: Record<string, CodeRule> = {
  XD: inTransit("drop_off", "Shipper dropped the package at a UPS Store or retail point"),
  PU: inTransit("picked_up", "Pickup scan: UPS collected the package"),
  OR: inTransit("origin_scan", "Origin scan: first time UPS handles the package"),
  OC: inTransit("origin_scan", "We have your package (origin scan of a trailer load)"),
  AR: inTransit("arrival_scan", "Arrival scan at a UPS facility"),
  DP: inTransit("departure_scan", "Departure scan from a UPS facility"),
  DS: inTransit("destination_scan", "Destination scan: last UPS building before delivery"),
  YP: inTransit("processing", "Processing at a UPS facility"),
  IP: inTransit("import_scan", "Import scan: crossed into the destination country"),
  // "OD can be a Saturday load for Monday delivery; OT is the today signal": OD does not set the EDD.
  OD: outForDelivery("loaded_on_vehicle", "Loaded on delivery vehicle", { edd: "none" }),
  OF: outForDelivery("out_for_delivery", "Out for delivery / loaded on delivery vehicle"),
  OT: outForDelivery("out_for_delivery_today", "Out for delivery today"),
  DL: outForDelivery("driver_load", "Driver load (movement table)"),
  UA: notice("updated_arrival", "Updated arrival (movement table)"),
};

export const UPS_MANIFEST: Record<string, CodeRule> = {
  MP: infoReceived("label_created", "Label created; UPS has the shipment data, not the package"),
  VP: voided("voided", "Manifest voided"),
  DP: infoReceived("manifest_processed", "Shipment ready, manifest processed"),
};

export const UPS_DELIVERY: Record<string, CodeRule> = {
  FS: delivered("delivered", "Delivered"),
  KB: delivered("delivered", "Delivered"),
  F4: delivered("delivered", "Delivered"),
  "2W": delivered("collected_at_access_point", "Receiver collected the package at the UPS Access Point"),
};

export const UPS_EXCEPTION: Record<string, CodeRule> = {
  S7: pickup("held_for_pickup", "Held at a UPS facility for pickup, at the receiver's request"),
  "48": attemptFailed("receiver_not_available", "Receiver not available; second attempt next business day"),
  "49": attemptFailed("final_attempt_failed", "Receiver not available at the final attempt"),
  "55": attemptFailed("business_closed", "Receiving business closed; retry next business day"),
  "95": attemptFailed("access_needed", "Driver needs security or gate access to deliver"),
  "5R": attemptFailed("sent_to_access_point", "Not delivered; sent to a nearby UPS Access Point"),
  AG: exception("address_issue", "address_incomplete", "Address incomplete; UPS is trying to update it"),
  A8: exception("address_issue", "apartment_missing", "Apartment number missing or wrong"),
  AA: exception("address_issue", "suite_missing", "Suite number missing or wrong"),
  AE: exception("address_issue", "street_number_wrong", "Street number missing or wrong"),
  AL: exception("address_issue", "postal_code_wrong", "Postal code wrong"),
  A7: exception("address_issue", "receiver_moved", "Receiver has moved"),
  AH: inTransit("address_corrected", "Address corrected; delivery rescheduled", { clears: ["address_issue"], edd: "next_day" }),
  UD: inTransit("redirected_by_receiver", "Receiver asked for delivery to another address"),
  MF: inTransit("held_future_delivery", "Held for a future delivery date", { edd: "next_day" }),
  Y7: inTransit("held_future_delivery", "Held for a future delivery date", { edd: "next_day" }),
  A4: inTransit("merchandise_delivering", "All merchandise is being delivered"),
  XD: inTransit("import_scan", "Import scan (exception table)"),
  KT: refused("Receiver refused the delivery"),
  KR: refused("Receiver refused the delivery: not wanted"),
  "6": exception("misrouted", "misrouted", "UPS misrouted the package"),
  "7": exception("misrouted", "misrouted", "UPS misrouted the package"),
  D1: exception("misrouted", "misrouted", "UPS misrouted the package"),
  "34": exception("misrouted", "missort", "Package was sorted incorrectly"),
  "7W": delay("weather_delay", "Severe weather has delayed delivery"),
  PZ: delay("weather_delay", "Severe weather has delayed delivery"),
  DJ: delay("weather_delay", "Severe weather has delayed delivery"),
  CC: delay("operating_conditions_delay", "Operating conditions delayed delivery"),
  OD: delay("airport_delay", "UPS Premier: airport delay"),
  OR: delay("lithium_battery_hold", "Held: lithium battery rules"),
  OT: delay("clearance_info_needed", "UPS contacting the sender for clearance information"),
  RS: delay("clearance_info_needed", "UPS contacting the receiver for customs information"),
  DP: exception(null, "cannot_ship_internationally", "Commodity cannot be shipped internationally"),
  "5": delaySignal("customs_hold", "Waiting for release by a government agency"),
  "1U": delaySignal("customs_hold", "Waiting for release by a government agency"),
  B4: delaySignal("customs_hold", "Waiting for release by a government agency"),
  "45": exception("damaged", "damaged", "Damaged in transit; the sender will be told"),
  HR: exception("damaged", "damaged", "Damage reported"),
  UP: exception(null, "location_investigation", "UPS is trying to verify where the package is"),
  F8: exception(null, "location_investigation", "UPS is trying to verify where the package is"),
  S9: exception("lost", "lost_and_found", "Sent to UPS lost and found"),
  TJ: exception("lost", "lost_and_found", "Sent to UPS lost and found"),
  UF: returned("returning", "Being returned to the sender"),
  UA: returned("returned", "Returned to the sender"),
  "6C": returned("access_point_expired", "Access Point hold expired; going back to the sender"),
  DL: returned("returning", "Will be returned to the sender"),
  A1: returned("returning", "All merchandise is being returned"),
  TU: returned("returning_bad_address", "Address information incomplete; returned to the sender", ["address_issue"]),
};

/**
 * Access Point drops: UPS words them "delivered" (statusCode 161), sometimes with type D, but the
 * buyer does not have the parcel yet. These win over the type letter.
 */
export const UPS_ACCESS_POINT: Record<string, CodeRule> = {
  "2Q": pickup("at_access_point", "Delivered to a UPS Access Point; waiting for the receiver"),
  ZP: pickup("at_access_point", "At a UPS Access Point, waiting for the receiver to collect"),
};

/** The 3-digit package status codes (statusCode), used when only that arrives. */
export const UPS_STATUS_CODES: Record<string, CodeRule> = {
  "003": infoReceived("label_created", "Shipment ready for UPS"),
  "005": inTransit("on_the_way", "On the way"),
  "007": voided("voided", "Shipment information voided"),
  "011": delivered("delivered", "Delivered"),
  "012": inTransit("clearance", "Clearance in progress"),
  "092": inTransit("clearance", "Clearance in progress"),
  "013": exception(null, "exception", "Exception"),
  "017": pickup("held_for_pickup", "Held for customer pickup"),
  "040": pickup("ready_for_pickup", "Ready for customer pickup"),
  "021": outForDelivery("out_for_delivery_today", "Out for delivery"),
  "072": outForDelivery("out_for_delivery", "Loaded on delivery vehicle"),
  "022": attemptFailed("first_attempt", "First attempt made"),
  "023": attemptFailed("second_attempt", "Second attempt made"),
  "024": attemptFailed("final_attempt", "Final attempt made"),
  "032": delay("weather_delay", "Weather may cause delay"),
  "051": delay("weather_delay", "Severe weather delay"),
  "052": delay("weather_delay", "Severe weather delay"),
  "053": delay("weather_delay", "Severe weather delay"),
  "034": returned("returned", "Returned to sender"),
  "035": returned("returning", "Returning to sender"),
  "038": inTransit("picked_up", "Picked up by UPS"),
  "050": exception("address_issue", "address_information_required", "Address information required"),
  "059": exception("damaged", "damaged", "Damage reported"),
  "064": refused("Delivery refused"),
  "068": exception("lost", "lost_and_found", "Sent to lost and found"),
  "071": inTransit("processing", "Processing at UPS facility"),
  "161": pickup("at_access_point", "Delivered to UPS Access Point"),
};

/** Exception-table codes we have no row for are read by their words. */
export const UPS_KEYWORDS: KeywordRule[] = [
  { name: "returned", pattern: /return(ed|ing)? to (the )?(sender|shipper)/i, rule: returned("returning", "Being returned to the sender") },
  { name: "weather", pattern: /weather/i, rule: delay("weather_delay", "Weather delay") },
  { name: "damage", pattern: /damage/i, rule: exception("damaged", "damaged", "Damage reported") },
  { name: "misroute", pattern: /mis-?rout|mis-?sort/i, rule: exception("misrouted", "misrouted", "Misrouted") },
  { name: "address", pattern: /address/i, rule: exception("address_issue", "address_problem", "Address problem") },
  { name: "refused", pattern: /refus/i, rule: refused("Delivery refused") },
  { name: "lost", pattern: /lost and found|cannot be located|unable to locate/i, rule: exception("lost", "lost", "Lost") },
  { name: "delay", pattern: /delay/i, rule: delay("delay", "Delayed") },
];

export function upsTableFor(type: string): Record<string, CodeRule> | null {
  switch (type) {
    case "I":
    case "P":
      return UPS_MOVEMENT;
    case "M":
      return UPS_MANIFEST;
    case "D":
      return UPS_DELIVERY;
    case "X":
      return UPS_EXCEPTION;
    default:
      return null;
  }
}

export const UPS_TABLE_NAMES: Record<string, string> = { I: "movement", P: "movement", M: "manifest", D: "delivery", X: "exception" };
