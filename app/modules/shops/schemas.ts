import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, "use 2-41 lower-case letters, digits and dashes, starting with a letter or digit");

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "not a known IANA time zone (e.g. America/New_York)");

export const newShopSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "a shop needs a name").max(80),
  timeZone: timeZoneSchema.default("America/New_York"),
});

export const newUserSchema = z.object({
  email: z.email("not a valid email address"),
  name: z.string().trim().min(1).max(80),
  password: z.string().min(10, "passwords need at least 10 characters").max(200),
});

export const shopProfileSchema = z.object({
  name: z.string().trim().min(1, "a shop needs a name").max(80),
  timeZone: timeZoneSchema,
});

const positive = (what: string) =>
  z.coerce.number({ error: `${what} must be a number` }).positive(`${what} must be more than zero`).max(10_000, `${what} is too large`);

/** The default package as US sellers enter it (inches, pounds); stored in mm and grams. */
export const defaultPackageFormSchema = z
  .object({
    lengthIn: positive("Length"),
    widthIn: positive("Width"),
    heightIn: positive("Height"),
    weightLb: positive("Weight"),
  })
  .transform((v) => ({
    lengthMm: Math.round(v.lengthIn * 25.4),
    widthMm: Math.round(v.widthIn * 25.4),
    heightMm: Math.round(v.heightIn * 25.4),
    weightGrams: Math.round(v.weightLb * 453.59237),
  }));

export const labelDefaultsFormSchema = z.object({
  layout: z.enum(["4x6", "letter"], { error: "Layout must be 4x6 or letter" }),
  format: z.enum(["pdf", "zpl"], { error: "Format must be PDF or ZPL" }),
  packingSlips: z
    .union([z.literal("on"), z.literal("")])
    .optional()
    .transform((v) => v === "on"),
});

export const newMemberSchema = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address")).transform((e) => e.toLowerCase()),
  role: z.enum(["owner", "fulfilment", "support"], { error: "Choose a role" }),
});

export const invitationIdSchema = z.object({ invitationId: z.coerce.number().int().positive() });

export const memberRoleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(["owner", "fulfilment", "support"], { error: "Choose a role" }),
});

export const removeMemberSchema = z.object({ userId: z.coerce.number().int().positive() });
