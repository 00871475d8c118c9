// Input validation: the event schema (one event or a batch, field-named messages) and files of
// scans (CSV and JSON Lines) with the physical line number of each rejected record.
import { describe, expect, it } from "vitest";
import { EventFileError, formatOf, parseEventsCsv, parseEventsJsonl } from "../../app/modules/ingestion/event-file";
import { parseTrackingBody } from "../../app/modules/tracking/schemas";

const good = { eventId: "e1", trackingNumber: "1z 999 aa1 01 2345 6784", occurredAt: "2026-03-02T14:12:00-05:00", code: "d:fs", description: "Delivered", location: { city: "Charlotte", region: "NC" } };

describe("event schema", () => {
  it("normalizes a good event: tracking number, code case, offset kept", () => {
    const r = parseTrackingBody(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const e = r.events[0];
    expect(e.trackingNumber).toBe("1Z999AA10123456784");
    expect(e.code).toBe("D:FS");
    expect(e.occurredAt).toEqual({ at: new Date("2026-03-02T19:12:00Z"), offset: "-05:00" });
    expect(e.location).toEqual({ city: "Charlotte", region: "NC", postalCode: null, country: null, facility: null });
    expect(e.carrier).toBeNull();
  });

  it("accepts Z and compact offsets, and carrier names", () => {
    const r = parseTrackingBody([
      { ...good, occurredAt: "2026-03-02T14:12:00Z", carrier: "FedEx" },
      { ...good, eventId: "e2", occurredAt: "2026-03-02T14:12:00.123+0530", carrier: "usps" },
    ]);
    expect(r.ok && r.events.map((e) => [e.occurredAt.offset, e.carrier])).toEqual([
      ["+00:00", "fedex"],
      ["+05:30", "usps"],
    ]);
  });

  it("names the failing field and index", () => {
    const bad = parseTrackingBody([good, { ...good, occurredAt: "2026-03-02 14:12" }, { ...good, eventId: "" }, { ...good, carrier: "Pony Express" }]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message.split("\n")).toEqual([
      '[1].occurredAt: "2026-03-02 14:12" is not an ISO 8601 time with an offset (e.g. 2026-11-20T14:12:00-05:00)',
      "[2].eventId: is required (the carrier's event id)",
      '[3].carrier: unknown carrier "Pony Express" (use usps, ups, fedex, dhl, ... or leave it out)',
    ]);
    expect(parseTrackingBody({ ...good, location: { town: "x" } })).toMatchObject({ ok: false, message: expect.stringMatching(/town/) });
    expect(parseTrackingBody({ ...good, code: "", description: "" })).toMatchObject({ ok: false, message: "code: needs a code or a description" });
    expect(parseTrackingBody({ ...good, proof: { type: "fingerprint" } })).toMatchObject({ ok: false, message: expect.stringMatching(/^proof\.type/) });
    expect(parseTrackingBody("hello")).toMatchObject({ ok: false });
    expect(parseTrackingBody([])).toMatchObject({ ok: false, message: "the batch is empty" });
  });

  it("refuses events dated more than a day ahead", () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(parseTrackingBody({ ...good, occurredAt: future })).toMatchObject({ ok: false, message: "occurredAt: is more than a day in the future" });
  });
});

describe("files of scans", () => {
  it("knows its formats by extension", () => {
    expect([formatOf("a.CSV"), formatOf("a.jsonl"), formatOf("a.ndjson"), formatOf("a.json")]).toEqual(["csv", "jsonl", "jsonl", null]);
  });

  it("reads CSV with line numbers where each record starts (quoted line breaks, blank lines)", () => {
    const csv = [
      "\uFEFFEvent ID,Tracking Number,Carrier,Occurred At,Code,Description,City,Region,Postal Code,Country,Proof Type,Signed By",
      "e1,1Z999AA10123456784,ups,2026-03-02T09:00:00-05:00,I:OT,Out For Delivery Today,Charlotte,NC,28202,US,,",
      'e2,1Z999AA10123456784,ups,2026-03-02T14:00:00-05:00,D:FS,"DELIVERED',
      '(left at: Front Door)",Charlotte,NC,28202,US,signature,J. RIVERA',
      "",
      "e3,1Z999AA10123456784,ups,yesterday,D:FS,x,Charlotte,NC,28202,US,,",
      "e4,1Z999AA10123456784,ups",
      "e5,1Z999AA10123456784,,2026-03-02T14:00:00Z,,,,,,,,",
    ].join("\r\n");
    const r = parseEventsCsv(csv);
    expect(r.received).toBe(5);
    expect(r.events.map((e) => [e.line, e.event.eventId])).toEqual([
      [2, "e1"],
      [3, "e2"],
    ]);
    expect(r.events[1].event.description).toBe("DELIVERED\r\n(left at: Front Door)");
    expect(r.events[1].event.proof).toEqual({ type: "signature", signedBy: "J. RIVERA", photoUrl: null });
    expect(r.rejected).toEqual([
      { line: 6, message: 'occurredAt: "yesterday" is not an ISO 8601 time with an offset (e.g. 2026-11-20T14:12:00-05:00)' },
      { line: 7, message: "expected 12 columns, found 3" },
      { line: 8, message: "code: needs a code or a description" },
    ]);
  });

  it("refuses a CSV whose header has unknown or missing columns", () => {
    expect(() => parseEventsCsv("eventId,trackingNumber,when,code\n")).toThrow(EventFileError);
    expect(() => parseEventsCsv("eventId,trackingNumber,code\n")).toThrow(/lacks the column\(s\) occurredAt/);
  });

  it("reads JSON Lines, one event per line, with line numbers", () => {
    const lines = [JSON.stringify(good), "", "{not json", JSON.stringify([good]), JSON.stringify({ ...good, eventId: "e9", occurredAt: "nope" })].join("\n");
    const r = parseEventsJsonl(lines);
    expect(r.received).toBe(4);
    expect(r.events.map((e) => e.line)).toEqual([1]);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(r.rejected[0].message).toMatch(/^not valid JSON/);
    expect(r.rejected[1].message).toBe("each line must be one JSON object (an event)");
  });
});
