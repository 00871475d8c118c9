// Labels rendered to PDF and read back like a scanner would (pdftoppm + zbarimg), for every
// tracking-number format we generate and both layouts; the ZPL checked structurally; determinism.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALL_SERVICES, findService } from "../../app/modules/carriers/registry";
import { generateTrackingNumber } from "../../app/modules/carriers/tracking-numbers";
import { encodeCode128 } from "../../app/modules/labels/code128";
import { formatTrackingNumber, type LabelContent, labelContent, routingCode, weightText } from "../../app/modules/labels/label-content";
import { layoutLabel, PANEL_DOTS } from "../../app/modules/labels/layout";
import { renderLabelFile } from "../../app/modules/labels/render";
import { barcodeFieldData } from "../../app/modules/labels/zpl";
import { barcodeToolsAvailable, decodePdfBarcodes, qpdfAvailable, qpdfProblems } from "../fixtures/barcodes";

const CREATED = new Date("2026-11-23T15:04:05Z");

function label(carrier: string, service: string, serial: number, overrides: { shipperId?: string; order?: Partial<Parameters<typeof labelContent>[0]["order"]>; createdAt?: Date } = {}): LabelContent {
  const def = findService(carrier, service)!;
  return labelContent({
    shopName: "Demo Shop",
    order: {
      externalId: `5768${serial}`,
      buyerName: "Zoë Martínez",
      buyerPhone: null,
      address1: "1200 Congress Ave",
      address2: "Suite 4",
      city: "Austin",
      region: "Texas",
      postalCode: "78701",
      country: "US",
      ...overrides.order,
    },
    shipment: {
      trackingNumber: generateTrackingNumber({ service: def, serial, shipperId: overrides.shipperId ?? null }),
      carrierCode: carrier,
      serviceCode: service,
      weightGrams: 1234,
      packageCount: 1,
      eddCurrent: "2026-11-27",
      labelCreatedAt: overrides.createdAt ?? CREATED,
      labelDay: "2026-11-23",
    },
    returnAddress: { name: "Parcel Desk Demo", company: "", address1: "100 Commerce Way", address2: "", city: "Columbus", region: "OH", postalCode: "43215", country: "US", phone: "" },
    items: [
      { quantity: 2, sku: "TMB-40-SAGE", productName: "Insulated tumbler 40oz", variation: "Sage" },
      { quantity: 1, sku: null, productName: "Gift note", variation: null },
    ],
  });
}

/** One label per tracking-number format (every service the registry can assign). */
const everyService = ALL_SERVICES.map((s, i) =>
  label(s.carrier, s.code, 1000 + i * 7919, s.carrier === "dhl" ? { order: { country: "GB", region: "", postalCode: "SW1A 1AA", city: "London" } } : {}),
);

describe("label content", () => {
  it("routes by destination state and 3-digit ZIP (or country and postal prefix abroad)", () => {
    expect(routingCode({ country: "US", region: "TX", postalCode: "78701-1234" })).toBe("TX 787");
    expect(routingCode({ country: "GB", region: "", postalCode: "SW1A 1AA" })).toBe("GB SW1");
  });

  it("prints weight in pounds rounded up to a tenth, and kilograms", () => {
    // 1234 g / 453.59237 g/lb = 2.7205 lb -> 2.8 LB
    expect(weightText(1234)).toEqual({ lb: "2.8 LB", kg: "1.23 KG" });
    expect(weightText(0)).toEqual({ lb: "0.1 LB", kg: "0.00 KG" });
  });

  it("groups tracking numbers the way carriers print them", () => {
    expect(formatTrackingNumber("1Z999AA10123456784", "ups_1z")).toBe("1Z 999 AA1 01 2345 6784");
    expect(formatTrackingNumber("9400111899223334445566", "usps_impb")).toBe("9400 1118 9922 3334 4455 66");
    expect(formatTrackingNumber("1234567890", "dhl_express_10")).toBe("12 3456 7890");
  });

  it("transliterates the buyer's name and prints US states as codes", () => {
    const c = everyService[0];
    expect(c.shipTo.name).toBe("Zoe Martinez");
    expect(c.shipTo.region).toBe("TX");
  });
});

describe("barcode geometry", () => {
  it("sizes every format's bars in whole printer dots, at least 2 wide, inside the label", () => {
    for (const c of everyService) {
      const op = layoutLabel(c).ops.find((o) => o.kind === "barcode");
      if (op?.kind !== "barcode") throw new Error("no barcode");
      expect(Number.isInteger(op.xDots) && Number.isInteger(op.moduleDots)).toBe(true);
      expect(op.moduleDots).toBeGreaterThanOrEqual(2);
      expect(op.xDots).toBeGreaterThanOrEqual(10 * op.moduleDots); // room for the quiet zone
      expect(op.xDots + op.symbol.modules * op.moduleDots).toBeLessThanOrEqual(PANEL_DOTS.width - 10 * op.moduleDots);
      expect(op.symbol.data).toBe(c.trackingNumber);
    }
  });
});

describe.skipIf(!barcodeToolsAvailable)("PDF labels scan back to their tracking numbers", { timeout: 60_000 }, () => {
  it("4x6: one label per page, every carrier format, at the printer's 203 dpi", () => {
    const file = renderLabelFile(everyService, { format: "pdf", layout: "4x6", packingSlips: false, title: "t" });
    expect(file.pages).toEqual(everyService.map((_, i) => i + 1));
    const decoded = decodePdfBarcodes(file.bytes, { dpi: 203 });
    expect(decoded).toEqual(everyService.map((c) => [c.trackingNumber]));
  });

  it("4x6 with packing slips: the label, then its slip (no barcode) after each", () => {
    const three = everyService.slice(0, 3);
    const file = renderLabelFile(three, { format: "pdf", layout: "4x6", packingSlips: true, title: "t" });
    expect(file.pages).toEqual([1, 3, 5]);
    expect(decodePdfBarcodes(file.bytes, { dpi: 203 })).toEqual([[three[0].trackingNumber], [], [three[1].trackingNumber], [], [three[2].trackingNumber], []]);
  });

  it("letter: two labels side by side per page", { timeout: 60_000 }, () => {
    const file = renderLabelFile(everyService, { format: "pdf", layout: "letter", packingSlips: false, title: "t" });
    const pages = Math.ceil(everyService.length / 2);
    expect(file.pages).toEqual(everyService.map((_, i) => Math.floor(i / 2) + 1));
    const decoded = decodePdfBarcodes(file.bytes, { dpi: 203 });
    expect(decoded).toHaveLength(pages);
    decoded.forEach((found, p) => {
      const expected = everyService.slice(p * 2, p * 2 + 2).map((c) => c.trackingNumber);
      expect([...found].sort()).toEqual([...expected].sort());
    });
  });

  it("a UPS number with the shop's own shipper id scans too", () => {
    const c = label("ups", "ups_next_day_air", 4242, { shipperId: "A1B2C3" });
    expect(c.trackingNumber.startsWith("1ZA1B2C301")).toBe(true);
    const file = renderLabelFile([c], { format: "pdf", layout: "4x6", packingSlips: false, title: "t" });
    expect(decodePdfBarcodes(file.bytes, { dpi: 203 })).toEqual([[c.trackingNumber]]);
  });
});

describe("PDF file", () => {
  it("draws the barcode as vector rectangles, never an image", () => {
    const c = everyService.find((l) => l.carrierCode === "ups")!;
    const file = renderLabelFile([c], { format: "pdf", layout: "4x6", packingSlips: false, title: "t" });
    const text = file.bytes.toString("latin1");
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text).not.toMatch(/\/Subtype\s*\/Image/);
    expect(text).toContain("/MediaBox [0 0 288 432]");
    const stream = text.slice(text.indexOf("stream\n", text.indexOf("/FlateDecode")) + 7, text.lastIndexOf("\nendstream"));
    const content = inflateSync(Buffer.from(stream, "latin1")).toString("latin1");
    const bars = content.match(/ re\n/g)?.length ?? 0;
    const symbolBars = (encodeCode128(c.trackingNumber).widths.length + 1) / 2;
    // Every bar of the symbol is one rectangle ("x y w h re"), filled once.
    expect(bars + 1).toBeGreaterThanOrEqual(symbolBars);
    expect(content).toContain("(1Z PD0 000 03 ");
    expect(content).toContain("(Generated by Parcel Desk) Tj");
  });

  it("is byte-identical for the same labels, whenever rendered", () => {
    const a = renderLabelFile(everyService, { format: "pdf", layout: "letter", packingSlips: true, title: "Labels" });
    const b = renderLabelFile(everyService, { format: "pdf", layout: "letter", packingSlips: true, title: "Labels" });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    // The creation date is the label's, not the clock's.
    expect(a.bytes.toString("latin1")).toContain("/CreationDate (D:20261123150405Z)");
    const later = renderLabelFile(
      everyService.map((c) => ({ ...c, createdAt: new Date("2026-11-24T00:00:00Z") })),
      { format: "pdf", layout: "letter", packingSlips: true, title: "Labels" },
    );
    expect(later.bytes.equals(a.bytes)).toBe(false);
  });

  it.skipIf(!qpdfAvailable)("passes qpdf --check in every layout (cross-reference table, objects, streams)", () => {
    for (const [layout, packingSlips] of [["4x6", false], ["4x6", true], ["letter", false], ["letter", true]] as const) {
      const file = renderLabelFile(everyService, { format: "pdf", layout, packingSlips, title: "Labels" });
      expect(qpdfProblems(file.bytes), `${layout}${packingSlips ? " with packing slips" : ""}`).toBeNull();
    }
  });

  it.skipIf(!qpdfAvailable)("qpdf --check reports a cross-reference table that points to the wrong place (which poppler repairs silently)", () => {
    const file = renderLabelFile(everyService.slice(0, 1), { format: "pdf", layout: "4x6", packingSlips: false, title: "t" });
    const text = file.bytes.toString("latin1");
    // Shift the first object's offset in the xref table by one byte (same length, so the rest holds).
    const entry = /\n(\d{10}) 00000 n ?\r?\n/.exec(text.slice(text.lastIndexOf("\nxref")))!;
    const broken = text.replace(entry[0], entry[0].replace(entry[1], String(Number(entry[1]) + 1).padStart(10, "0")));
    expect(broken).not.toBe(text);
    expect(qpdfProblems(Buffer.from(broken, "latin1"))).toMatch(/qpdf --check exited [23]/);
  });

  it("lays letter pages out at 8.5 x 11 in", () => {
    const file = renderLabelFile(everyService.slice(0, 3), { format: "pdf", layout: "letter", packingSlips: false, title: "t" });
    const text = file.bytes.toString("latin1");
    expect(text.match(/\/MediaBox \[0 0 612 792\]/g)).toHaveLength(2);
    expect(text).toContain("/Count 2");
  });
});

describe("ZPL", () => {
  const zplOf = (labels: LabelContent[], packingSlips = false) =>
    renderLabelFile(labels, { format: "zpl", layout: "4x6", packingSlips, title: "t" });

  it("writes one ^XA ... ^XZ format per label, 812 x 1218 dots, UTF-8", () => {
    const file = zplOf(everyService);
    const text = file.bytes.toString("utf8");
    const formats = text.trim().split(/\n(?=\^XA)/);
    expect(formats).toHaveLength(everyService.length);
    expect(file.pages).toEqual(everyService.map((_, i) => i + 1));
    for (const f of formats) {
      expect(f.startsWith("^XA\n^CI28\n^PW812\n^LL1218\n")).toBe(true);
      expect(f.endsWith("^XZ")).toBe(true);
      expect(f.match(/\^XA/g)).toHaveLength(1);
      expect(f.match(/\^BC/g)).toHaveLength(1);
      // Every field (text, box, barcode) is closed.
      expect(f.match(/\^FO/g)?.length).toBe(f.match(/\^FS/g)?.length);
      // Everything is placed on the label.
      for (const [, x, y] of f.matchAll(/\^FO(\d+),(\d+)/g)) {
        expect(Number(x)).toBeLessThan(812);
        expect(Number(y)).toBeLessThan(1218);
      }
    }
  });

  it("encodes the tracking number in ^BC with our code sets, so the printer draws the same symbol", () => {
    for (const c of everyService) {
      const text = zplOf([c]).bytes.toString("utf8");
      const match = text.match(/\^FO(\d+),(\d+)\^BY(\d)\^BCN,(\d+),N,N,N,N\^FD([^^]*)\^FS/);
      expect(match, c.trackingNumber).not.toBeNull();
      const data = match![5];
      // Invocation codes: >: start B, >; start C, >5 switch to C, >6 switch to B.
      const runs = data.split(/(?=>[:;56])/).map((part) => ({ set: part[1] === ";" || part[1] === "5" ? "C" : "B", text: part.slice(2) }));
      expect(runs.map((r) => r.text).join("")).toBe(c.trackingNumber);
      expect(runs).toEqual(encodeCode128(c.trackingNumber).runs);
      expect(Number(match![3])).toBeGreaterThanOrEqual(2);
    }
  });

  it("writes the human-readable number, service banner reversed on black, and escapes ^ and ~ in text", () => {
    const c = label("usps", "usps_priority_mail", 77, { order: { buyerName: "A^B~C_D" } });
    const text = zplOf([c]).bytes.toString("utf8");
    expect(text).toContain(`^FD${formatTrackingNumber(c.trackingNumber, c.trackingFormat)}^FS`);
    expect(text).toMatch(/\^FR\^FH_\^FDUSPS PRIORITY MAIL\^FS/);
    expect(text).toContain("^FDA_5EB_7EC_5FD^FS");
    expect(text).not.toContain("A^B");
  });

  it("adds a packing slip format after each label when asked", () => {
    const file = zplOf(everyService.slice(0, 2), true);
    const formats = file.bytes.toString("utf8").trim().split(/\n(?=\^XA)/);
    expect(formats).toHaveLength(4);
    expect(file.pages).toEqual([1, 3]);
    expect(formats[1]).toContain("^FDPACKING SLIP^FS");
    expect(formats[1]).not.toContain("^BC");
  });

  it("turns a literal > in barcode data into >0", () => {
    const op = { kind: "barcode" as const, xDots: 0, yDots: 0, moduleDots: 2, heightDots: 100, symbol: encodeCode128("A>B") };
    expect(barcodeFieldData(op)).toBe(">:A>0B");
  });
});
