import { describe, expect, it } from "vitest";
import { decideLabel, type LabelCandidate } from "../../app/modules/labels/eligibility";

const ready: LabelCandidate = {
  status: "to_ship",
  carrierCode: "ups",
  serviceCode: "ups_ground",
  country: "US",
  postalCode: "78701",
  liveShipment: null,
  problems: [],
  override: null,
  carrierEnabled: true,
  shipFromCountry: "US",
};
const decide = (c: Partial<LabelCandidate>) => decideLabel({ ...ready, ...c });
const reason = (c: Partial<LabelCandidate>) => {
  const d = decide(c);
  return d.kind === "skip" ? d.reason : d.kind;
};

describe("which orders get a label", () => {
  it("creates a label for an assigned order to ship with a clean address", () => {
    expect(decide({})).toMatchObject({ kind: "create", addressOverridden: false, service: { code: "ups_ground" } });
  });

  it("never labels a cancelled order, even one with a live label", () => {
    expect(reason({ status: "cancelled" })).toBe("The order is cancelled; cancelled orders never get labels.");
    expect(reason({ status: "cancelled", liveShipment: { id: 1, imported: false, destPostalCode: "78701", destCountry: "US" } })).toMatch(/cancelled/);
  });

  it("re-renders the live label instead of buying a second one", () => {
    expect(decide({ liveShipment: { id: 7, imported: false, destPostalCode: "78701", destCountry: "US" } })).toEqual({ kind: "rerender", shipmentId: 7 });
    // Even after hand-over (a reprint of a damaged label), as long as the address is the same.
    expect(decide({ status: "shipped", liveShipment: { id: 7, imported: false, destPostalCode: "78701", destCountry: "US" } })).toEqual({ kind: "rerender", shipmentId: 7 });
  });

  it("refuses to re-render when the address moved since the label (the carrier has the old one)", () => {
    expect(reason({ postalCode: "78702", liveShipment: { id: 7, imported: false, destPostalCode: "78701", destCountry: "US" } })).toBe(
      "The address changed after the label was created; void the label and create a new one.",
    );
    // Formatting differences are not changes.
    expect(decide({ country: "GB", postalCode: "sw1a1aa", liveShipment: { id: 7, imported: false, destPostalCode: "SW1A 1AA", destCountry: "GB" } }).kind).toBe("rerender");
  });

  it("has nothing to print for a shipment that came with an import", () => {
    expect(reason({ liveShipment: { id: 7, imported: true, destPostalCode: "78701", destCountry: "US" } })).toMatch(/shipped outside Parcel Desk/);
  });

  it("skips orders without a carrier, with an unknown service, or a carrier switched off", () => {
    expect(reason({ carrierCode: null, serviceCode: null })).toBe("No carrier assigned; assign a carrier and service first.");
    expect(reason({ serviceCode: "ups_teleport" })).toBe('Unknown service "ups_teleport" for carrier "ups"; assign the carrier again.');
    expect(reason({ carrierEnabled: false })).toBe("UPS is switched off for this shop (Settings > Carriers); assign another carrier or switch it on.");
    expect(reason({ status: "shipped" })).toBe("The order is already shipped; only orders to ship get new labels.");
  });

  it("keeps domestic services at home and international ones abroad", () => {
    expect(reason({ country: "CA", postalCode: "M5V 3L9" })).toBe("UPS Ground only ships within US; this order goes to CA.");
    expect(reason({ carrierCode: "dhl", serviceCode: "dhl_express_worldwide" })).toBe("DHL Express Worldwide is for international parcels only; this order stays in US.");
    expect(decide({ carrierCode: "dhl", serviceCode: "dhl_express_worldwide", country: "United Kingdom", postalCode: "SW1A 1AA" }).kind).toBe("create");
  });

  it("skips a failed address check with the problems spelled out, unless a person overrode it", () => {
    const problems = [{ code: "po_box", field: "address1", message: "UPS Ground does not deliver to PO boxes." }];
    expect(reason({ problems })).toBe("Address check failed: UPS Ground does not deliver to PO boxes.");
    const override = { by: 1, byName: "Felix", reason: "Buyer confirmed", at: "2026-11-23T10:00:00.000Z" };
    expect(decide({ problems, override })).toMatchObject({ kind: "create", addressOverridden: true });
    // An override left on an address that is now clean is not an override that matters.
    expect(decide({ override })).toMatchObject({ kind: "create", addressOverridden: false });
  });
});
