// The carrier code tables: each carrier's codes map to the status and exception type of
// CARRIER_CODES.md, keyed on the carrier (the same letters mean different things at different
// carriers), with the type prefix / exception code / words deciding where carriers reuse codes.
import { describe, expect, it } from "vitest";
import { deliveryProof, normalizeEvent, overrideKey } from "../../app/modules/tracking/mapping";

const map = (carrier: string, code: string, description = "", returning = false) =>
  normalizeEvent({ carrier, code, description, hasLocation: true }, { returning });

describe("UPS", () => {
  it.each([
    ["M:MP", "info_received", [], "ups:manifest:MP"],
    ["P:PU", "in_transit", [], "ups:movement:PU"],
    ["I:OR", "in_transit", [], "ups:movement:OR"],
    ["I:AR", "in_transit", [], "ups:movement:AR"],
    ["I:OT", "out_for_delivery", [], "ups:movement:OT"],
    ["D:FS", "delivered", [], "ups:delivery:FS"],
    ["D:F4", "delivered", [], "ups:delivery:F4"],
    ["X:48", "attempt_failed", ["failed_attempt"], "ups:exception:48"],
    ["X:A8", "exception", ["address_issue"], "ups:exception:A8"],
    ["X:KT", "exception", ["failed_attempt"], "ups:exception:KT"],
    ["X:6", "exception", ["misrouted"], "ups:exception:6"],
    ["X:34", "exception", ["misrouted"], "ups:exception:34"],
    ["X:7W", "exception", ["delayed"], "ups:exception:7W"],
    ["X:45", "exception", ["damaged"], "ups:exception:45"],
    ["X:S9", "exception", ["lost"], "ups:exception:S9"],
    ["X:UF", "returned_to_sender", ["returned_to_sender"], "ups:exception:UF"],
    ["X:6C", "returned_to_sender", ["returned_to_sender"], "ups:exception:6C"],
    ["011", "delivered", [], "ups:status_code:011"],
    ["022", "attempt_failed", ["failed_attempt"], "ups:status_code:022"],
    ["161", "available_for_pickup", [], "ups:status_code:161"],
  ])("%s -> %s %j", (code, status, exceptions, rule) => {
    const n = map("ups", code);
    expect([n.status, n.exceptions, n.rule, n.unmapped]).toEqual([status, exceptions, rule, false]);
  });

  it("reads a reused code by its type letter: DP, OT, UA, UP, OR", () => {
    expect(map("ups", "I:DP").status).toBe("in_transit");
    expect(map("ups", "X:DP").substatus).toBe("cannot_ship_internationally");
    expect(map("ups", "M:DP").status).toBe("info_received");
    expect(map("ups", "I:OT").status).toBe("out_for_delivery");
    expect(map("ups", "X:OT").exceptions).toEqual(["delayed"]);
    expect(map("ups", "X:UA").status).toBe("returned_to_sender");
    expect(map("ups", "I:UA").status).toBe("in_transit");
    expect(map("ups", "I:UA").physical).toBe(false);
    expect(map("ups", "X:OR").exceptions).toEqual(["delayed"]);
  });

  it("takes the movement meaning of a plain code that lives in two tables", () => {
    expect(map("ups", "OR").rule).toBe("ups:movement:OR");
    expect(map("ups", "DP").rule).toBe("ups:movement:DP");
    expect(map("ups", "48").rule).toBe("ups:exception:48");
    expect(map("ups", "FS").rule).toBe("ups:delivery:FS");
  });

  it("keeps Access Point drops out of 'delivered', even with type D, until 2W", () => {
    expect(map("ups", "D:2Q").status).toBe("available_for_pickup");
    expect(map("ups", "D:2Q").rule).toBe("ups:access_point:2Q");
    expect(map("ups", "ZP").status).toBe("available_for_pickup");
    expect(map("ups", "D:2W").status).toBe("delivered");
  });

  it("voids on the MV type; AH clears an address issue; OD does not set the EDD", () => {
    expect(map("ups", "MV").status).toBe("voided");
    expect(map("ups", "X:AH").clears).toEqual(["address_issue"]);
    expect(map("ups", "I:OD").edd).toBe("none");
  });

  it("reads an unknown exception-table code by its words", () => {
    expect(map("ups", "X:2A", "Recent weather has delayed deliveries").rule).toBe("ups:exception_text:weather");
    expect(map("ups", "X:ZZ", "Address information is incomplete; returned to the sender").status).toBe("returned_to_sender");
    expect(map("ups", "X:ZZ", "Something else").unmapped).toBe(true);
    // Words never rescue an unknown movement code.
    expect(map("ups", "I:ZZ", "weather").unmapped).toBe(true);
  });
});

describe("FedEx", () => {
  it.each([
    ["OC", "info_received", []],
    ["PU", "in_transit", []],
    ["AR", "in_transit", []],
    ["OD", "out_for_delivery", []],
    ["DL", "delivered", []],
    ["HP", "available_for_pickup", []],
    ["RS", "returned_to_sender", ["returned_to_sender"]],
    ["CA", "voided", []],
    ["CD", "exception", ["delayed"]],
    ["DE:08", "attempt_failed", ["failed_attempt"]],
    ["DE:007", "attempt_failed", ["failed_attempt"]],
    ["DE:07", "exception", ["failed_attempt"]],
    ["DE:03", "exception", ["address_issue"]],
    ["DE:17", "in_transit", []],
    ["DE:083", "exception", ["delayed"]],
    ["DE:A47", "attempt_failed", []],
    ["DY:A52", "exception", ["delayed"]],
  ])("%s -> %s %j", (code, status, exceptions) => {
    const n = map("fedex", code);
    expect([n.status, n.exceptions]).toEqual([status, exceptions]);
  });

  it("reads OF as the origin facility (not UPS's out for delivery)", () => {
    expect(map("fedex", "OF").status).toBe("in_transit");
    expect(map("ups", "OF").status).toBe("out_for_delivery");
    expect(map("usps", "OF").status).toBe("out_for_delivery");
  });

  it("decides DE/SE without an exception code from the description", () => {
    expect(map("fedex", "DE", "Customer not available or business closed").rule).toBe("fedex:DE:text:not_available");
    expect(map("fedex", "DE", "Incorrect address").exceptions).toEqual(["address_issue"]);
    expect(map("fedex", "DE", "Refused by recipient").substatus).toBe("refused");
    expect(map("fedex", "SE", "Package damaged").exceptions).toEqual(["damaged"]);
    expect(map("fedex", "SE", "Unable to deliver").rule).toBe("fedex:SE:default");
    expect(map("fedex", "DE", "").rule).toBe("fedex:DE:default");
    expect(map("fedex", "DY", "Delay: weather (snow)").exceptions).toEqual(["delayed"]);
  });

  it("treats AO/AE as EDD notices, not scans", () => {
    const ao = map("fedex", "AO");
    expect([ao.status, ao.physical, ao.edd]).toEqual(["in_transit", false, "none"]);
    expect(map("fedex", "AE").physical).toBe(false);
  });
});

describe("USPS", () => {
  it.each([
    ["GX", "info_received", []],
    ["03", "in_transit", []],
    ["07", "in_transit", []],
    ["OF", "out_for_delivery", []],
    ["01", "delivered", []],
    ["43", "delivered", []],
    ["56", "attempt_failed", ["failed_attempt"]],
    ["16", "available_for_pickup", []],
    ["04", "exception", ["failed_attempt"]],
    ["05", "exception", ["address_issue"]],
    ["08", "exception", ["misrouted"]],
    ["27", "returned_to_sender", ["returned_to_sender"]],
    ["22", "returned_to_sender", ["returned_to_sender", "address_issue"]],
    ["11", "exception", ["lost"]],
  ])("%s -> %s %j", (code, status, exceptions) => {
    const n = map("usps", code);
    expect([n.status, n.exceptions]).toEqual([status, exceptions]);
  });

  it("reads 01 after a return to sender as the parcel arriving back at the shipper", () => {
    const back = map("usps", "01", "Delivered, Front Door/Porch", true);
    expect([back.status, back.substatus, back.rule, back.exceptions]).toEqual(["returned_to_sender", "returned_to_shipper", "usps:01+return_leg", []]);
  });

  it("tells arrival from departure for code 10 by its words, and where a 01 was left", () => {
    expect(map("usps", "10", "Arrived at USPS Regional Facility").substatus).toBe("arrival_scan");
    expect(map("usps", "10", "Departed USPS Regional Facility").substatus).toBe("departure_scan");
    expect(map("usps", "01", "Delivered, Parcel Locker").substatus).toBe("delivered_parcel_locker");
  });

  it("reads text-only events (no code) by their words; TL is not a scan", () => {
    expect(map("usps", "", "Delivery Exception, Local Weather Delay").rule).toBe("usps:text:weather");
    expect(map("usps", "", "Delivery Exception, Animal Interference").status).toBe("attempt_failed");
    expect(map("usps", "TL").physical).toBe(false);
    expect(map("usps", "71").edd).toBe("next_day");
  });
});

describe("DHL Express", () => {
  it.each([
    ["PU", "in_transit", []],
    ["WC", "out_for_delivery", []],
    ["OK", "delivered", []],
    ["DD", "delivered", ["damaged"]],
    ["NH", "attempt_failed", ["failed_attempt"]],
    ["CA", "attempt_failed", ["failed_attempt"]],
    ["CC", "available_for_pickup", []],
    ["BA", "exception", ["address_issue"]],
    ["MS", "exception", ["misrouted"]],
    ["RT", "returned_to_sender", ["returned_to_sender"]],
    ["DS", "exception", ["lost"]],
    ["HP", "exception", ["delayed"]],
  ])("%s -> %s %j", (code, status, exceptions) => {
    const n = map("dhl", code);
    expect([n.status, n.exceptions]).toEqual([status, exceptions]);
  });

  it("decides OH and SS by the remark", () => {
    expect(map("dhl", "OH", "Held: customs clearance").rule).toBe("dhl:OH:remark:customs");
    expect(map("dhl", "OH", "Address incorrect, awaiting receiver").exceptions).toEqual(["address_issue"]);
    expect(map("dhl", "SS", "Shipment stopped: returned to shipper on request").status).toBe("returned_to_sender");
    expect(map("dhl", "OH", "").rule).toBe("dhl:OH:default");
  });

  it("keys on the carrier: the same letters differ between carriers", () => {
    expect(map("dhl", "CA").status).toBe("attempt_failed");
    expect(map("fedex", "CA").status).toBe("voided");
    expect(map("dhl", "HP").status).toBe("exception");
    expect(map("fedex", "HP").status).toBe("available_for_pickup");
    expect(map("dhl", "DD").status).toBe("delivered");
    expect(map("fedex", "DD").status).toBe("exception");
  });
});

describe("unknown codes and shop overrides", () => {
  it("maps an unknown code to in_transit, flagged unmapped; a scan only with a location", () => {
    const n = map("usps", "Q7", "Something new");
    expect([n.status, n.unmapped, n.rule, n.physical]).toEqual(["in_transit", true, "usps:unmapped", true]);
    expect(normalizeEvent({ carrier: "usps", code: "Q7", description: "", hasLocation: false }).physical).toBe(false);
    expect(map("ontrac", "D1").unmapped).toBe(true);
  });

  it("lets the shop's override win over the built-in table", () => {
    const overrides = new Map([[overrideKey("ups", "X:48"), { status: "exception" as const, exceptionType: "address_issue" as const }]]);
    const n = normalizeEvent({ carrier: "ups", code: "X:48", description: "", hasLocation: true }, { returning: false }, overrides);
    expect([n.status, n.exceptions, n.rule]).toEqual(["exception", ["address_issue"], "shop_override:ups:X:48"]);
    // Another carrier's same code is not affected.
    expect(normalizeEvent({ carrier: "usps", code: "X:48", description: "", hasLocation: true }, { returning: false }, overrides).rule).toBe("usps:unmapped");
  });
});

describe("proof of delivery", () => {
  it("takes the carrier's proof, else a signer named in the text", () => {
    expect(deliveryProof({ type: "photo", photoUrl: "https://x/p.jpg" }, "")).toEqual({ type: "photo", signedBy: null, photoUrl: "https://x/p.jpg" });
    expect(deliveryProof(null, "Delivered damaged (signed by: J. RIVERA)")).toEqual({ type: "signature", signedBy: "J. RIVERA", photoUrl: null });
    expect(deliveryProof(null, "Delivered : MARIA KIM")).toEqual({ type: "signature", signedBy: "MARIA KIM", photoUrl: null });
    expect(deliveryProof(null, "DELIVERED (left at: Front Door)")).toBeNull();
  });
});
