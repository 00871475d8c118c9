// The public forms: finding a parcel on /track, and proving the destination postal code.
import { z } from "zod";
import { trackingNumberFromInput } from "./presentation";

export const findParcelSchema = z
  .object({
    trackingNumber: z.string().trim().max(60, "a tracking number is at most 40 letters and digits").optional().default(""),
    orderId: z.string().trim().max(64, "an order number is at most 64 characters").optional().default(""),
    email: z.string().trim().max(254).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.trackingNumber) {
      if (!trackingNumberFromInput(v.trackingNumber)) {
        ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: "A tracking number has 6 to 40 letters and digits (spaces and dashes are ignored)." });
      }
      return;
    }
    if (!v.orderId && !v.email) {
      ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: "Enter a tracking number, or your order number and email address." });
      return;
    }
    if (!v.orderId) ctx.addIssue({ code: "custom", path: ["orderId"], message: "Enter the order number from your order confirmation." });
    if (!z.email().safeParse(v.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the email address you ordered with." });
  });

export const postalCodeSchema = z.object({
  postalCode: z
    .string()
    .trim()
    .min(3, "Enter the postal code (ZIP) the parcel is going to.")
    .max(12, "A postal code is at most 12 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, "A postal code has only letters, digits, spaces and dashes."),
});
