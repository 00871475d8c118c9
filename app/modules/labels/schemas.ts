// The inputs of the label routes and CLI, one zod schema each, with messages that name the field.
import { z } from "zod";
import { SHIPMENT_STATUSES } from "../vocabulary/shipments";

const id = z.coerce.number({ message: "must be a number" }).int().positive();

/** "1,2,3" or repeated form fields, as positive integer ids. */
const idList = z.preprocess((v) => {
  const parts = Array.isArray(v) ? v.flatMap((x) => String(x).split(",")) : typeof v === "string" ? v.split(",") : v;
  return Array.isArray(parts) ? parts.map((p) => String(p).trim()).filter(Boolean) : parts;
}, z.array(id));

const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

export const labelFormatSchema = z.enum(["pdf", "zpl"], { message: 'format must be "pdf" or "zpl"' });
export const labelLayoutSchema = z.enum(["4x6", "letter"], { message: 'layout must be "4x6" or "letter"' });

/** Starting a batch from the orders toolbar, the Shipments page or the order page. */
export const createLabelsSchema = z
  .object({
    format: labelFormatSchema,
    layout: labelLayoutSchema,
    packingSlips: checkbox.default(false),
    orderIds: idList.default([]),
    allReady: checkbox.default(false),
    /** The orders table's filter query string, for "all matching the filters". */
    matching: z.string().max(1000, "The filter query is too long.").optional(),
  })
  .refine((v) => v.allReady || v.matching !== undefined || v.orderIds.length > 0, {
    message: "Choose at least one order, all orders matching the filters, or all orders ready for labels.",
    path: ["orderIds"],
  });

export const voidLabelSchema = z.object({
  shipmentId: id,
  reason: z.string({ message: "Say why the label is voided." }).trim().min(3, "Say why the label is voided (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

export const overrideSchema = z.object({
  reason: z.string({ message: "Say why the address is fine as it is." }).trim().min(3, "Say why the address is fine as it is (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

export const handOverSchema = z
  .object({ shipmentIds: idList.default([]), allPending: checkbox.default(false) })
  .refine((v) => v.allPending || v.shipmentIds.length > 0, { message: "Choose at least one shipment.", path: ["shipmentIds"] });

export const shipmentsQuerySchema = z.object({
  q: z.string().trim().max(100, "Search is at most 100 characters.").optional(),
  status: z.enum([...SHIPMENT_STATUSES, "awaiting_handover"], { message: "Unknown status filter." }).optional().catch(undefined),
  carrier: z.string().trim().regex(/^[a-z_]{2,20}$/, "Unknown carrier filter.").optional().catch(undefined),
  after: id.optional().catch(undefined),
});

export const idParam = (what: string) => z.coerce.number({ message: `${what} id must be a number` }).int(`${what} id must be a whole number`).positive(`${what} id must be positive`);

