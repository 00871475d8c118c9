// FedEx: `scanEvents[].eventType` codes and, for delivery/shipment exceptions and delays, the
// `exceptionCode` that says why (CARRIER_CODES.md, FedEx Track API status codes and observed
// responses). We accept `code` as "<eventType>" or "<eventType>:<exceptionCode>" ("DE:08", "DE:A47",
// "DY:A52"); without an exception code, DE/SE/DY/DD are read from the description.
import { attemptFailed, delay, delivered, exception, infoReceived, inTransit, notice, outForDelivery, pickup, refused, returned, voided } from "./rule-kit";
import type { CodeRule, KeywordRule } from "./types";

export const FEDEX_EVENTS: Record<string, CodeRule> = {
  OC: infoReceived("label_created", "Shipment information sent to FedEx"),
  OX: infoReceived("label_created", "Shipment information sent to USPS"),
  EP: infoReceived("pickup_en_route", "Courier en route to pickup"),
  PD: infoReceived("pickup_delay", "Pickup delay"),
  PU: inTransit("picked_up", "Picked up"),
  PX: inTransit("picked_up", "Picked up"),
  AF: inTransit("at_local_facility", "At local FedEx facility"),
  // Not UPS's "out for delivery": at FedEx, OF is the origin facility.
  OF: inTransit("at_origin_facility", "At FedEx origin facility"),
  AR: inTransit("arrival_scan", "Arrived at FedEx location"),
  DP: inTransit("departure_scan", "Departed FedEx location"),
  LO: inTransit("left_origin", "Left origin"),
  IT: inTransit("in_transit", "In transit"),
  IX: inTransit("in_transit", "In transit"),
  // EDD messages, not scans: they must not reset the stall timer.
  AO: notice("edd_notice", "Shipment arriving on time", { edd: "none" }),
  AE: notice("edd_notice", "Shipment arriving early", { edd: "none" }),
  AA: inTransit("at_airport", "At airport"),
  EA: inTransit("en_route_to_airport", "En route to airport"),
  PL: inTransit("plane_landed", "Plane landed"),
  PF: inTransit("plane_in_flight", "Plane in flight"),
  SF: inTransit("at_sort_facility", "At sort facility"),
  FD: inTransit("at_destination_facility", "At FedEx destination facility"),
  AX: inTransit("at_usps_facility", "At USPS facility (last mile)"),
  TR: inTransit("transfer", "Transfer"),
  CH: inTransit("location_changed", "Location changed"),
  CP: inTransit("clearance", "Clearance in progress"),
  CC: inTransit("cleared_customs", "Cleared customs"),
  SP: inTransit("split", "Split status: pieces in different states"),
  CD: delay("clearance_delay", "Clearance delay"),
  OD: outForDelivery("out_for_delivery", "On FedEx vehicle for delivery"),
  ED: outForDelivery("en_route_to_delivery", "En route to delivery"),
  AD: outForDelivery("at_delivery", "At delivery"),
  DL: delivered("delivered", "Delivered"),
  HL: pickup("hold_at_location", "Hold at location"),
  HP: pickup("ready_for_pickup", "Ready for recipient pickup"),
  RS: returned("returning", "Return to shipper"),
  CA: voided("cancelled", "Shipment cancelled"),
  // Defaults when no exception code and no telling words came with the event.
  DE: attemptFailed("delivery_exception", "Delivery exception"),
  SE: exception(null, "shipment_exception", "Shipment exception"),
  DY: delay("delay", "Delay"),
  DD: delay("delivery_delay", "Delivery delay"),
};

/** Keyed "<eventType>+<exceptionCode>"; FedEx Express 2-digit and FedEx Ground 3-digit codes both appear. */
export const FEDEX_EXCEPTIONS: Record<string, CodeRule> = {
  "DE+08": attemptFailed("customer_not_available", "Customer not available or business closed"),
  "DE+007": attemptFailed("customer_not_available", "Customer not available or business closed"),
  "DE+004": attemptFailed("business_closed", "Business closed"),
  "DE+07": refused("Refused by recipient"),
  "DE+006": refused("Refused by recipient"),
  "DE+03": exception("address_issue", "incorrect_address", "Incorrect address"),
  "DE+002": exception("address_issue", "incorrect_address", "Incorrect address"),
  "DE+003": exception("address_issue", "unable_to_locate", "Unable to locate the address"),
  "DE+17": inTransit("delivery_date_changed", "A request was made to change the delivery date", { edd: "next_day" }),
  "DE+083": delay("local_delivery_restriction", "Local delivery restriction; delivery not attempted"),
  "DE+082": delay("weather_delay", "Local weather delay"),
  "DE+012": exception("misrouted", "sorted_to_wrong_route", "Sorted to the wrong route"),
  "DE+A47": attemptFailed("redirected_to_fedex_location", "Redirected to a nearby FedEx location", false),
  "DY+A52": delay("delay", "Package delayed"),
  "AF+A3": inTransit("dropped_off", "Tendered at FedEx facility"),
};

/** Words that decide DE/SE/DY/DD when the exception code is missing or unknown. */
export const FEDEX_KEYWORDS: KeywordRule[] = [
  { name: "refused", pattern: /refus/i, rule: refused("Refused by recipient") },
  { name: "damage", pattern: /damage/i, rule: exception("damaged", "damaged", "Damaged") },
  { name: "lost", pattern: /\blost\b|cannot be located|unable to locate (the )?package/i, rule: exception("lost", "lost", "Lost") },
  { name: "address", pattern: /address/i, rule: exception("address_issue", "incorrect_address", "Address problem") },
  { name: "redirected", pattern: /redirect/i, rule: attemptFailed("redirected_to_fedex_location", "Redirected to a FedEx location", false) },
  { name: "not_available", pattern: /not available|business closed|no one|not home|not in\b/i, rule: attemptFailed("customer_not_available", "Customer not available or business closed") },
  { name: "date_change", pattern: /change the delivery date|delivery date change|rescheduled/i, rule: inTransit("delivery_date_changed", "Delivery date changed on request", { edd: "next_day" }) },
  { name: "weather", pattern: /weather/i, rule: delay("weather_delay", "Weather delay") },
  { name: "return", pattern: /return(ed|ing)? to (the )?(shipper|sender)/i, rule: returned("returning", "Returning to shipper") },
];

/** Event types whose meaning depends on the exception code or the words. */
export const FEDEX_READ_DETAILS = new Set(["DE", "SE", "DY", "DD"]);
