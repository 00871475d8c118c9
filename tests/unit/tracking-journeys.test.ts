// The ten example journeys of /work/shared/docs/CARRIER_CODES.md (J1-J10), row by row: each row's
// "expect" column is an assertion. D0 is Monday 2 March 2026; times carry the scan's own offset.
import { describe, expect, it } from "vitest";
import { Journey } from "../fixtures/journey";

const ET = "-05:00";
const CT = "-06:00";
const MT = "-07:00";
const PT = "-08:00";
const day = (n: number) => `2026-03-${String(2 + n).padStart(2, "0")}`;
const at = (d: number, time: string, offset: string) => `${day(d)}T${time}:00${offset}`;

describe("J1 normal delivery (UPS Ground, Columbus OH -> Charlotte NC)", () => {
  it("goes info_received -> in_transit -> out_for_delivery -> delivered with photo proof, no case", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "NC", postalCode: "28202" }, labelCreatedAt: at(0, "10:00", ET), edd: day(3) });
    expect(j.push(at(0, "10:05", ET), "M:MP", "Shipper created a label, UPS has not received the package yet.").status).toBe("info_received");
    expect(j.status).toBe("info_received");
    expect(j.state.shippedAt).toBeNull();
    j.push(at(0, "17:40", ET), "P:PU", "Pickup Scan", { city: "Columbus", region: "OH" });
    expect(j.status).toBe("in_transit");
    expect(j.state.shippedAt?.toISOString()).toBe("2026-03-02T22:40:00.000Z");
    j.push(at(0, "20:15", ET), "I:OR", "Origin Scan", { city: "Columbus", region: "OH" });
    expect(j.status).toBe("in_transit");
    j.push(at(0, "23:50", ET), "I:DP", "Departed from Facility", { city: "Columbus", region: "OH" });
    expect(j.status).toBe("in_transit");
    j.push(at(1, "21:30", ET), "I:AR", "Arrived at Facility", { city: "Charlotte", region: "NC" });
    expect(j.status).toBe("in_transit");
    j.push(at(2, "05:10", ET), "I:YP", "Processing at UPS Facility", { city: "Charlotte", region: "NC" });
    expect(j.status).toBe("in_transit");
    j.push(at(2, "07:45", ET), "I:OF", "Loaded on Delivery Vehicle", { city: "Charlotte", region: "NC" });
    expect(j.status).toBe("out_for_delivery");
    expect(j.state.eddCurrent).toBe(day(2));
    j.push(at(2, "08:30", ET), "I:OT", "Out For Delivery Today", { city: "Charlotte", region: "NC" });
    expect(j.status).toBe("out_for_delivery");
    const fs = j.push(at(2, "14:12", ET), "D:FS", "DELIVERED (left at: Front Door)", { city: "Charlotte", region: "NC" }, { proof: { type: "photo", photoUrl: "https://ups.example/pod/1.jpg" } });
    expect(fs.rule).toBe("ups:delivery:FS");
    expect(j.status).toBe("delivered");
    expect(j.state.proof).toEqual({ type: "photo", signedBy: null, photoUrl: "https://ups.example/pod/1.jpg" });
    expect(j.state.deliveredAt?.toISOString()).toBe("2026-03-04T19:12:00.000Z");
    expect(j.book.created).toEqual([]);
  });
});

describe("J2 failed attempt, delivered next day (FedEx Home Delivery, Memphis TN -> Marietta GA)", () => {
  it("opens failed_attempt on DE+08 and auto-resolves it at delivery", () => {
    const j = new Journey({ carrier: "fedex", service: "fedex_home_delivery", dest: { region: "GA", postalCode: "30060" }, labelCreatedAt: at(0, "10:00", CT), edd: day(3) });
    expect(j.push(at(0, "10:02", CT), "OC", "Shipment information sent to FedEx", { city: "Memphis", region: "TN" }).status).toBe("info_received");
    j.push(at(0, "17:45", CT), "PU", "Picked up", { city: "Memphis", region: "TN" });
    expect(j.status).toBe("in_transit");
    j.push(at(0, "21:30", CT), "DP", "Left FedEx origin facility", { city: "Memphis", region: "TN" });
    j.push(at(1, "06:20", ET), "AR", "Arrived at FedEx hub", { city: "Atlanta", region: "GA" });
    j.push(at(1, "22:10", ET), "DP", "Departed FedEx hub", { city: "Atlanta", region: "GA" });
    j.push(at(2, "05:40", ET), "AR", "At local FedEx facility", { city: "Marietta", region: "GA" });
    expect(j.status).toBe("in_transit");
    j.push(at(2, "08:10", ET), "OD", "On FedEx vehicle for delivery", { city: "Marietta", region: "GA" });
    expect(j.status).toBe("out_for_delivery");
    const de = j.push(at(2, "15:26", ET), "DE:08", "Delivery exception: Customer not available or business closed", { city: "Marietta", region: "GA" });
    expect(de.rule).toBe("fedex:DE+08");
    expect(j.status).toBe("attempt_failed");
    expect(j.openTypes()).toEqual(["failed_attempt"]);
    expect(j.state.eddCurrent).toBe(day(3));
    j.push(at(3, "06:05", ET), "AR", "At local FedEx facility", { city: "Marietta", region: "GA" });
    expect(j.status).toBe("in_transit");
    j.push(at(3, "08:20", ET), "OD", "On FedEx vehicle for delivery", { city: "Marietta", region: "GA" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(3, "12:48", ET), "DL", "Delivered", { city: "Marietta", region: "GA" });
    expect(j.status).toBe("delivered");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("failed_attempt")?.resolved?.clearing.note).toMatch(/delivered on 2026-03-05/);
  });
});

describe("J3 address problem, corrected (UPS Ground, Phoenix AZ -> Seattle WA)", () => {
  it("opens address_issue on X:A8 and resolves it on X:AH (address corrected)", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "WA", postalCode: "98101" }, labelCreatedAt: at(0, "09:00", MT), edd: day(4) });
    expect(j.push(at(0, "09:30", MT), "M:MP", "Shipper created a label, UPS has not received the package yet.").status).toBe("info_received");
    j.push(at(0, "18:05", MT), "I:OR", "Origin Scan", { city: "Phoenix", region: "AZ" });
    expect(j.status).toBe("in_transit");
    j.push(at(0, "22:40", MT), "I:DP", "Departed from Facility", { city: "Phoenix", region: "AZ" });
    j.push(at(2, "23:10", PT), "I:AR", "Arrived at Facility", { city: "Kent", region: "WA" });
    expect(j.status).toBe("in_transit");
    j.push(at(3, "08:05", PT), "I:OT", "Out For Delivery Today", { city: "Seattle", region: "WA" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(3, "13:40", PT), "X:A8", "Apartment number missing or incorrect; UPS updating the address", { city: "Seattle", region: "WA" });
    expect(j.status).toBe("exception");
    expect(j.openTypes()).toEqual(["address_issue"]);
    const ah = j.push(at(4, "09:15", PT), "X:AH", "Address Corrected, Delivery Rescheduled", { city: "Seattle", region: "WA" });
    expect(ah.rule).toBe("ups:exception:AH");
    expect(j.status).toBe("in_transit");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("address_issue")?.resolved?.clearing.code).toBe("address_corrected");
    j.push(at(5, "08:10", PT), "I:OT", "Out For Delivery Today", { city: "Seattle", region: "WA" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(5, "11:55", PT), "D:FS", "DELIVERED", { city: "Seattle", region: "WA" });
    expect(j.status).toBe("delivered");
  });

  it("variant endings: X:TU and USPS 22 return to the sender with an address issue", () => {
    const ups = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "WA" }, labelCreatedAt: at(0, "09:00", MT) });
    ups.push(at(0, "18:05", MT), "I:OR", "Origin Scan", { city: "Phoenix", region: "AZ" });
    ups.push(at(3, "13:40", PT), "X:TU", "Address information is incomplete; returned to the sender", { city: "Seattle", region: "WA" });
    expect(ups.status).toBe("returned_to_sender");
    expect(ups.openTypes()).toEqual(["address_issue", "returned_to_sender"]);
    const usps = new Journey({ carrier: "usps", service: "usps_ground_advantage", dest: { region: "WA" }, labelCreatedAt: at(0, "09:00", MT) });
    usps.push(at(0, "18:05", MT), "03", "USPS in possession of item", { city: "Phoenix", region: "AZ" });
    usps.push(at(3, "13:40", PT), "22", "Insufficient Address", { city: "Seattle", region: "WA" });
    expect(usps.status).toBe("returned_to_sender");
    expect(usps.openTypes()).toEqual(["address_issue", "returned_to_sender"]);
  });
});

describe("J4 misroute: Texas parcel scanned in Oklahoma, then Ohio (UPS Ground, Memphis TN -> Houston TX)", () => {
  it("opens misrouted at Ohio (not Oklahoma), appends the carrier's X:6, resolves at delivery", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "TX", postalCode: "77002" }, labelCreatedAt: at(0, "10:00", CT), edd: day(3) });
    expect(j.push(at(0, "11:00", CT), "M:MP", "Shipper created a label, UPS has not received the package yet.").status).toBe("info_received");
    j.push(at(0, "18:30", CT), "I:OR", "Origin Scan", { city: "Memphis", region: "TN" });
    j.push(at(0, "23:45", CT), "I:DP", "Departed from Facility", { city: "Memphis", region: "TN" });
    expect(j.status).toBe("in_transit");
    j.push(at(1, "14:20", CT), "I:AR", "Arrived at Facility", { city: "Oklahoma City", region: "OK" });
    expect(j.status).toBe("in_transit");
    expect(j.openTypes()).toEqual([]);
    j.push(at(1, "21:00", CT), "I:DP", "Departed from Facility", { city: "Oklahoma City", region: "OK" });
    expect(j.openTypes()).toEqual([]);
    j.push(at(2, "16:35", ET), "I:AR", "Arrived at Facility", { city: "Columbus", region: "OH" });
    expect(j.status).toBe("in_transit");
    expect(j.openTypes()).toEqual(["misrouted"]);
    expect(j.caseOf("misrouted")?.rule).toBe("moved_away_from_destination");
    expect(j.caseOf("misrouted")?.reason).toMatch(/Scanned in US-OH, .* km from the destination \(US-TX\); the previous scan in US-OK/);
    const six = j.push(at(2, "17:10", ET), "X:6", "We've misrouted the package. This may cause a delay.", { city: "Columbus", region: "OH" });
    expect(six.exceptions).toEqual(["misrouted"]);
    expect(j.status).toBe("exception");
    expect(j.book.created.filter((c) => c.type === "misrouted")).toHaveLength(1);
    expect(j.caseOf("misrouted")?.signals.map((s) => s.rule)).toEqual(["moved_away_from_destination", "carrier_misroute_code"]);
    j.push(at(2, "23:30", ET), "I:DP", "Departed from Facility", { city: "Columbus", region: "OH" });
    expect(j.status).toBe("in_transit");
    j.push(at(4, "19:50", CT), "I:AR", "Arrived at Facility", { city: "Houston", region: "TX" });
    expect(j.status).toBe("in_transit");
    // The EDD (D3) passed while the parcel was away: the scan opens a delayed case.
    j.scan(at(4, "20:00", CT));
    expect(j.openTypes()).toEqual(["delayed", "misrouted"]);
    j.push(at(5, "08:15", CT), "I:OT", "Out For Delivery Today", { city: "Houston", region: "TX" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(5, "15:02", CT), "D:FS", "DELIVERED", { city: "Houston", region: "TX" });
    expect(j.status).toBe("delivered");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("delayed")?.resolved?.clearing.code).toBe("delivered_late");
    expect(j.caseOf("misrouted")?.resolved).not.toBeNull();
  });
});

describe("J5 weather delay (UPS Ground, Chicago IL -> Denver CO)", () => {
  it("opens delayed on X:7W, pushes the EDD, appends X:2A, resolves at delivery", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "CO", postalCode: "80202" }, labelCreatedAt: at(0, "10:00", CT), edd: day(3) });
    expect(j.push(at(0, "10:20", CT), "M:MP", "Shipper created a label, UPS has not received the package yet.").status).toBe("info_received");
    j.push(at(0, "19:00", CT), "I:OR", "Origin Scan", { city: "Chicago", region: "IL" });
    j.push(at(0, "23:55", CT), "I:DP", "Departed from Facility", { city: "Hodgkins", region: "IL" });
    j.push(at(2, "04:30", MT), "I:AR", "Arrived at Facility", { city: "Commerce City", region: "CO" });
    expect(j.status).toBe("in_transit");
    const w = j.push(at(2, "09:00", MT), "X:7W", "Severe weather conditions have delayed delivery.", { city: "Commerce City", region: "CO" });
    expect(w.exceptions).toEqual(["delayed"]);
    expect(j.status).toBe("exception");
    expect(j.openTypes()).toEqual(["delayed"]);
    // EDD Thu D3 -> one business day later: Fri D4.
    expect(j.state.eddCurrent).toBe(day(4));
    const w2 = j.push(at(3, "08:40", MT), "X:2A", "Recent weather has delayed deliveries; recovery under way", { city: "Commerce City", region: "CO" });
    expect(w2.rule).toBe("ups:exception_text:weather");
    expect(j.status).toBe("exception");
    expect(j.caseOf("delayed")?.signals).toHaveLength(2);
    // Fri D4 -> next business day Mon 9 March.
    expect(j.state.eddCurrent).toBe("2026-03-09");
    j.push(at(4, "07:50", MT), "I:OT", "Out For Delivery Today", { city: "Denver", region: "CO" });
    expect(j.status).toBe("out_for_delivery");
    expect(j.state.eddCurrent).toBe(day(4));
    j.push(at(4, "13:25", MT), "D:FS", "DELIVERED", { city: "Denver", region: "CO" });
    expect(j.status).toBe("delivered");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("delayed")?.resolved?.clearing.code).toBe("delivered_late");
  });
});

describe("J6 damaged (DHL Express Worldwide, London GB -> Los Angeles CA)", () => {
  it("delivers damaged: delivered with the signer, and a damaged case that stays open", () => {
    const j = new Journey({ carrier: "dhl", service: "dhl_express_worldwide", dest: { region: "CA", postalCode: "90012" }, labelCreatedAt: at(0, "12:00", "+00:00"), edd: day(3) });
    const gb = { city: "London", country: "GB" };
    j.push(at(0, "16:30", "+00:00"), "PU", "Shipment picked up", gb);
    expect(j.status).toBe("in_transit");
    j.push(at(0, "20:10", "+00:00"), "PL", "Processed at LONDON-HEATHROW - UK", gb);
    j.push(at(0, "22:45", "+00:00"), "DF", "Departed Facility in LONDON-HEATHROW - UK", gb);
    j.push(at(1, "04:05", ET), "AF", "Arrived at Sort Facility CINCINNATI HUB - USA", { city: "Hebron", region: "KY" });
    j.push(at(1, "05:30", ET), "CR", "Clearance processing complete at CINCINNATI HUB - USA", { city: "Hebron", region: "KY" });
    j.push(at(1, "08:10", ET), "DF", "Departed Facility in CINCINNATI HUB - USA", { city: "Hebron", region: "KY" });
    j.push(at(1, "14:20", PT), "AF", "Arrived at Sort Facility LOS ANGELES GATEWAY - USA", { city: "Los Angeles", region: "CA" });
    j.push(at(2, "06:15", PT), "AR", "Arrived at Delivery Facility in LOS ANGELES - USA", { city: "Los Angeles", region: "CA" });
    expect(j.status).toBe("in_transit");
    expect(j.openTypes()).toEqual([]);
    j.push(at(2, "08:40", PT), "WC", "Shipment is out with courier for delivery", { city: "Los Angeles", region: "CA" });
    expect(j.status).toBe("out_for_delivery");
    const dd = j.push(at(2, "13:05", PT), "DD", "Delivered damaged (signed by: J. RIVERA)", { city: "Los Angeles", region: "CA" });
    expect(dd.rule).toBe("dhl:DD");
    expect(j.status).toBe("delivered");
    expect(j.state.proof).toEqual({ type: "signature", signedBy: "J. RIVERA", photoUrl: null });
    expect(j.openTypes()).toEqual(["damaged"]);
  });

  it("UPS variant: X:45 damaged in transit, then X:A1 all merchandise returned", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "CA" }, labelCreatedAt: at(0, "12:00", PT) });
    j.push(at(0, "18:00", PT), "I:OR", "Origin Scan", { city: "Ontario", region: "CA" });
    j.push(at(1, "09:00", PT), "X:45", "The package was damaged in transit; the sender will be notified", { city: "Ontario", region: "CA" });
    expect(j.status).toBe("exception");
    expect(j.openTypes()).toEqual(["damaged"]);
    j.push(at(2, "09:00", PT), "X:A1", "All merchandise is being returned", { city: "Ontario", region: "CA" });
    expect(j.status).toBe("returned_to_sender");
    expect(j.openTypes()).toEqual(["damaged", "returned_to_sender"]);
  });
});

describe("J7 unclaimed, returned to sender (USPS Ground Advantage, Brooklyn NY -> Tempe AZ)", () => {
  it("fails an attempt, waits at the post office, goes back, and the final 01 is not a delivery", () => {
    const j = new Journey({ carrier: "usps", service: "usps_ground_advantage", dest: { region: "AZ", postalCode: "85281" }, labelCreatedAt: at(0, "09:00", ET), edd: day(5) });
    expect(j.push(at(0, "09:12", ET), "GX", "Shipping Label Created, USPS Awaiting Item", { city: "Brooklyn", region: "NY" }).status).toBe("info_received");
    j.push(at(0, "16:40", ET), "03", "USPS in possession of item", { city: "Brooklyn", region: "NY" });
    expect(j.status).toBe("in_transit");
    j.push(at(1, "01:30", ET), "10", "Arrived at USPS Regional Origin Facility", { city: "Queens", region: "NY" });
    j.push(at(1, "06:15", ET), "T1", "Departed USPS Regional Facility", { city: "Queens", region: "NY" });
    const scanBefore = j.state.lastScanAt;
    const tl = j.push(at(2, "12:00", ET), "TL", "In Transit to Next Facility", { country: undefined });
    expect(tl.physical).toBe(false);
    expect(j.status).toBe("in_transit");
    expect(j.state.lastScanAt).toEqual(scanBefore);
    j.push(at(4, "02:10", MT), "A1", "Arrived at USPS Regional Facility", { city: "Phoenix", region: "AZ" });
    j.push(at(5, "07:05", MT), "07", "Arrived at Post Office", { city: "Tempe", region: "AZ" });
    expect(j.status).toBe("in_transit");
    j.push(at(5, "08:55", MT), "OF", "Out for Delivery", { city: "Tempe", region: "AZ" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(5, "14:20", MT), "56", "Notice Left (No Authorized Recipient Available)", { city: "Tempe", region: "AZ" });
    expect(j.status).toBe("attempt_failed");
    expect(j.openTypes()).toEqual(["failed_attempt"]);
    j.push(at(6, "09:00", MT), "16", "Available for Pickup", { city: "Tempe", region: "AZ" });
    expect(j.status).toBe("available_for_pickup");
    // Waiting at the post office is not a stall.
    j.scan(at(12, "09:00", MT));
    expect(j.openTypes()).toEqual(["delayed", "failed_attempt"]);
    j.push(at(21, "10:30", MT), "27", "Unclaimed/Being Returned to Sender", { city: "Tempe", region: "AZ" });
    expect(j.status).toBe("returned_to_sender");
    expect(j.openTypes()).toEqual(["returned_to_sender"]);
    const leg = j.push(at(22, "03:40", MT), "10", "Arrived at USPS Regional Facility", { city: "Phoenix", region: "AZ" });
    expect(leg.rule).toBe("usps:10+return_leg");
    expect(j.status).toBe("returned_to_sender");
    const back = j.push(at(26, "13:15", ET), "01", "Delivered, Front Door/Porch", { city: "Brooklyn", region: "NY" });
    expect(back.rule).toBe("usps:01+return_leg");
    expect(back.substatus).toBe("returned_to_shipper");
    expect(j.status).toBe("returned_to_sender");
    expect(j.state.deliveredAt).toBeNull();
    // Going home is moving away from the buyer by design: no misroute on the return leg.
    expect(j.openTypes()).toEqual(["returned_to_sender"]);
  });
});

describe("J8 stalled, then lost (FedEx Ground, Los Angeles CA -> Boston MA)", () => {
  it("is stalled 72 hours after the last scan and lost 10 days after it", () => {
    const j = new Journey({ carrier: "fedex", service: "fedex_ground", dest: { region: "MA", postalCode: "02108" }, labelCreatedAt: at(0, "11:00", PT), edd: day(5) });
    expect(j.push(at(0, "11:20", PT), "OC", "Shipment information sent to FedEx", { city: "Los Angeles", region: "CA" }).status).toBe("info_received");
    j.push(at(0, "18:05", PT), "PU", "Picked up", { city: "Los Angeles", region: "CA" });
    j.push(at(0, "23:40", PT), "DP", "Left FedEx origin facility", { city: "City of Industry", region: "CA" });
    j.push(at(2, "09:15", CT), "AR", "Arrived at FedEx location", { city: "Kansas City", region: "KS" });
    j.push(at(2, "20:30", CT), "DP", "Departed FedEx location", { city: "Kansas City", region: "KS" });
    expect(j.status).toBe("in_transit");
    j.scan(at(5, "20:29", CT));
    expect(j.openTypes()).toEqual([]);
    j.scan(at(5, "20:30", CT));
    expect(j.openTypes()).toEqual(["stalled"]);
    j.scan(at(12, "20:29", CT));
    expect(j.openTypes()).toEqual(["delayed", "stalled"]);
    j.scan(at(12, "20:30", CT));
    expect(j.openTypes()).toEqual(["delayed", "lost", "stalled"]);
    expect(j.caseOf("lost")?.rule).toBe("stalled_for_days");
  });

  it("UPS version: X:UP (location investigation) then X:S9 (lost and found) opens lost by code", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "MA" }, labelCreatedAt: at(0, "11:00", PT) });
    j.push(at(0, "18:05", PT), "I:OR", "Origin Scan", { city: "Los Angeles", region: "CA" });
    j.push(at(3, "10:00", CT), "X:UP", "UPS is trying to verify the location of the package", { city: "Kansas City", region: "KS" });
    expect(j.status).toBe("exception");
    expect(j.openTypes()).toEqual([]);
    j.push(at(5, "10:00", CT), "X:S9", "Sent to UPS lost and found", { city: "Kansas City", region: "KS" });
    expect(j.status).toBe("exception");
    expect(j.openTypes()).toEqual(["lost"]);
    expect(j.caseOf("lost")?.rule).toBe("carrier_lost_code");
  });
});

describe("J9 label created, never handed over, then voided (UPS)", () => {
  it("is not picked up after 2 business days and voided by MV, which clears the case", () => {
    const j = new Journey({ carrier: "ups", service: "ups_ground", dest: { region: "NY" }, labelCreatedAt: at(0, "09:00", ET), edd: day(4) });
    expect(j.push(at(0, "09:00", ET), "M:MP", "Shipper created a label, UPS has not received the package yet.").status).toBe("info_received");
    j.scan(at(1, "17:00", ET));
    expect(j.openTypes()).toEqual([]);
    j.scan(at(2, "08:59", ET));
    expect(j.openTypes()).toEqual([]);
    j.scan(at(2, "17:00", ET));
    expect(j.openTypes()).toEqual(["not_picked_up"]);
    const mv = j.push(at(4, "10:30", ET), "MV", "Billing Information Voided");
    expect(mv.rule).toBe("ups:type:MV");
    expect(j.status).toBe("voided");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("not_picked_up")?.resolved?.clearing.note).toMatch(/voided/);
  });
});

describe("J10 failed attempt, redirected to a FedEx location, collected (FedEx Express, Costa Mesa CA -> Sacramento CA)", () => {
  it("opens one failed_attempt case and resolves it when collected", () => {
    const j = new Journey({ carrier: "fedex", service: "fedex_2day", dest: { region: "CA", postalCode: "95814" }, labelCreatedAt: at(0, "09:00", PT), edd: day(2) });
    expect(j.push(at(0, "09:40", PT), "OC", "Shipment information sent to FedEx", { city: "Costa Mesa", region: "CA" }).status).toBe("info_received");
    j.push(at(0, "16:55", PT), "PU", "Picked up", { city: "Costa Mesa", region: "CA" });
    const pickedUp = j.state.lastScanAt;
    const ao = j.push(at(0, "17:10", PT), "AO", "Shipment arriving On-Time", { city: "Costa Mesa", region: "CA" });
    expect(ao.physical).toBe(false);
    expect(j.status).toBe("in_transit");
    expect(j.state.lastScanAt).toEqual(pickedUp);
    j.push(at(0, "21:20", PT), "DP", "Left FedEx origin facility", { city: "Costa Mesa", region: "CA" });
    j.push(at(1, "02:35", PT), "AR", "Arrived at FedEx hub", { city: "Oakland", region: "CA" });
    j.push(at(1, "04:50", PT), "DP", "Departed FedEx hub", { city: "Oakland", region: "CA" });
    j.push(at(1, "07:30", PT), "AR", "At local FedEx facility", { city: "Sacramento", region: "CA" });
    expect(j.status).toBe("in_transit");
    j.push(at(1, "08:45", PT), "OD", "On FedEx vehicle for delivery", { city: "Sacramento", region: "CA" });
    expect(j.status).toBe("out_for_delivery");
    j.push(at(1, "11:26", PT), "DE:08", "Customer not available or business closed", { city: "Sacramento", region: "CA" });
    expect(j.status).toBe("attempt_failed");
    expect(j.openTypes()).toEqual(["failed_attempt"]);
    const a47 = j.push(at(1, "11:28", PT), "DE:A47", "FedEx redirected your package to a nearby FedEx location", { city: "Sacramento", region: "CA" });
    expect(a47.rule).toBe("fedex:DE+A47");
    expect(j.status).toBe("attempt_failed");
    expect(j.book.created).toHaveLength(1);
    j.push(at(1, "13:26", PT), "HP", "Ready for recipient pickup", { city: "Sacramento", region: "CA" });
    expect(j.status).toBe("available_for_pickup");
    j.push(at(2, "17:05", PT), "DL", "Delivered", { city: "Sacramento", region: "CA" });
    expect(j.status).toBe("delivered");
    expect(j.openTypes()).toEqual([]);
    expect(j.caseOf("failed_attempt")?.resolved).not.toBeNull();
  });
});
