// DHL Express checkpoint codes (MyDHL `events[].typeCode`, XML-PI `EventCode`), from DHL's status
// list and the XML-PI checkpoint list as summarized in CARRIER_CODES.md. OH, SS and ND are generic:
// the remark (sent to us in the description) says why.
import { attemptFailed, delay, delivered, exception, inTransit, outForDelivery, pickup, refused, returned } from "./rule-kit";
import type { CodeRule, KeywordRule } from "./types";

export const DHL_EVENTS: Record<string, CodeRule> = {
  PU: inTransit("picked_up", "Shipment picked up"),
  SA: inTransit("accepted", "Shipment acceptance"),
  RW: inTransit("weighed", "Weighed and dimensioned"),
  PL: inTransit("processed", "Processed at location"),
  PO: inTransit("departing_origin", "Departing origin"),
  DF: inTransit("departure_scan", "Departed facility"),
  AF: inTransit("arrival_scan", "Arrived at facility"),
  AR: inTransit("arrived_at_delivery_facility", "Arrived at delivery facility"),
  TR: inTransit("transfer", "Record of transfer"),
  FD: inTransit("forwarded_to_destination", "Forwarded to destination"),
  SM: inTransit("scheduled_for_movement", "Scheduled for movement"),
  AD: inTransit("agreed_delivery", "Delivery arranged with the receiver"),
  IC: inTransit("in_clearance", "In clearance processing"),
  RR: inTransit("clearance_update", "Customs clearance status updated"),
  BN: inTransit("broker_notified", "Customer's broker notified"),
  BR: inTransit("broker_release", "Broker release"),
  CR: inTransit("clearance_release", "Clearance processing complete"),
  // Forwarded to a third party: tracking may stop here, and the silence is not a stall.
  TP: inTransit("third_party", "Forwarded to a third party; no delivery details will follow"),
  CD: delay("clearance_delay", "Clearance delay DHL can fix"),
  UD: delay("clearance_delay", "Clearance delay outside DHL's control"),
  HP: delay("held_for_payment", "Held for payment of duties or taxes"),
  TD: delay("transport_delay", "Transport delay"),
  MD: delay("missed_delivery_cycle", "Missed delivery cycle"),
  WC: outForDelivery("with_courier", "With delivering courier"),
  OK: delivered("delivered", "Delivered"),
  PD: delivered("partial_delivery", "Partial delivery"),
  DD: delivered("delivered_damaged", "Delivered damaged", ["damaged"]),
  NH: attemptFailed("not_home", "Not home"),
  CA: attemptFailed("closed_on_arrival", "Closed on arrival"),
  ND: attemptFailed("not_delivered", "Not delivered"),
  CC: pickup("awaiting_collection", "Awaiting collection by the consignee"),
  BA: exception("address_issue", "bad_address", "Bad address"),
  CM: exception("address_issue", "customer_moved", "Customer moved"),
  RD: refused("Refused delivery"),
  MS: exception("misrouted", "missort", "Mis-sort"),
  IR: exception("misrouted", "incorrect_route", "Incorrect route"),
  MC: exception("misrouted", "miscode", "Miscode"),
  DM: exception("damaged", "damaged", "Damaged"),
  OH: delay("on_hold", "On hold"),
  SS: delay("shipment_stopped", "Shipment stopped"),
  RT: returned("returned", "Returned to consignor"),
  DS: exception("lost", "destroyed", "Destroyed or disposed of"),
  TI: exception(null, "trace_initiated", "Trace initiated"),
  NA: exception(null, "not_arrived", "Not arrived"),
  ST: exception(null, "intercepted", "Shipment intercept"),
};

/** How the remark decides OH (on hold), SS (stopped) and ND (not delivered). */
export const DHL_REMARK_KEYWORDS: KeywordRule[] = [
  { name: "address", pattern: /address|moved/i, rule: exception("address_issue", "address_problem", "Address problem") },
  { name: "refused", pattern: /refus/i, rule: refused("Refused delivery") },
  { name: "damage", pattern: /damage/i, rule: exception("damaged", "damaged", "Damaged") },
  { name: "return", pattern: /return/i, rule: returned("returning", "Returning to the shipper") },
  { name: "customs", pattern: /customs|clearance|dut(y|ies)|tax/i, rule: delay("customs_hold", "Held in customs") },
  { name: "weather", pattern: /weather/i, rule: delay("weather_delay", "Weather delay") },
  { name: "security", pattern: /security/i, rule: delay("security_hold", "Held for a security check") },
  { name: "not_home", pattern: /not home|not available|closed/i, rule: attemptFailed("not_home", "Receiver not available") },
];

export const DHL_READ_REMARK = new Set(["OH", "SS", "ND"]);
