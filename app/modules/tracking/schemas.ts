// The one shape a tracking event has when it reaches Parcel Desk, whichever way it came (webhook,
// CSV/JSONL file, simulator). A batch is an array of these. Validation messages name the field, and
// a batch's messages name the index: `[3].occurredAt: ...`.
import { z } from "zod";
import { CARRIERS, carrierFromName, type TrackedCarrierCode } from "../carriers/registry";
import { normalizeTrackingNumber } from "../carriers/tracking-numbers";

/** ISO 8601 with an explicit offset: the offset is the scan's local time zone, which we keep. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "Z" -> "+00:00", "-0500" -> "-05:00". */
export function normalizeOffset(raw: string): string {
  if (raw === "Z") return "+00:00";
  const digits = raw.replace(":", "");
  return `${digits.slice(0, 3)}:${digits.slice(3, 5)}`;
}


const KNOWN_CARRIERS = Object.keys(CARRIERS) as TrackedCarrierCode[];

/** A carrier as a code ("fedex") or a name ("FedEx", "United Parcel Service"). */
export function parseCarrier(value: string): TrackedCarrierCode | null {
  const v = value.trim().toLowerCase();
  if ((KNOWN_CARRIERS as string[]).includes(v)) return v as TrackedCarrierCode;
  return carrierFromName(value);
}

const optionalText = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

export const locationSchema = z
  .object({
    city: optionalText(80),
    region: optionalText(80),
    postalCode: optionalText(20),
    country: optionalText(60),
    facility: optionalText(120),
  })
  .strict();

export const proofSchema = z
  .object({
    type: z.enum(["signature", "photo"], { error: 'must be "signature" or "photo"' }),
    signedBy: optionalText(120),
    photoUrl: optionalText(500),
  })
  .strict();

export const trackingEventSchema = z
  .object({
    eventId: z.string({ error: "is required (the carrier's event id)" }).trim().min(1, "is required (the carrier's event id)").max(200, "must be at most 200 characters"),
    trackingNumber: z
      .string({ error: "is required" })
      .trim()
      .min(1, "is required")
      .max(64, "must be at most 64 characters")
      .transform(normalizeTrackingNumber)
      .refine((v) => /^[A-Z0-9]{4,40}$/.test(v), "must be 4-40 letters and digits"),
    carrier: z
      .string({ error: "must be text" })
      .nullish()
      .transform((v, ctx) => {
        if (!v || !v.trim()) return null;
        const code = parseCarrier(v);
        if (!code) {
          ctx.addIssue({ code: "custom", message: `unknown carrier "${v}" (use ${KNOWN_CARRIERS.slice(0, 4).join(", ")}, ... or leave it out)` });
          return z.NEVER;
        }
        return code;
      }),
    occurredAt: z
      .string({ error: "is required (ISO 8601 with offset, e.g. 2026-11-20T14:12:00-05:00)" })
      .trim()
      .transform((v, ctx) => {
        const m = ISO_WITH_OFFSET.exec(v);
        const at = m ? new Date(v) : null;
        if (!m || !at || Number.isNaN(at.getTime()) || Number(m[2]) > 12 || Number(m[3]) > 31 || Number(m[4]) > 23) {
          ctx.addIssue({ code: "custom", message: `"${v.slice(0, 40)}" is not an ISO 8601 time with an offset (e.g. 2026-11-20T14:12:00-05:00)` });
          return z.NEVER;
        }
        return { at, offset: normalizeOffset(m[7]) };
      }),
    // Carriers' raw codes. UPS may send "<type>:<code>" ("I:OR", "X:48"); FedEx "<eventType>:<exceptionCode>"
    // ("DE:08"). Empty is allowed (USPS weather/damage events carry only text) when there is a description.
    code: z.string({ error: "must be text" }).trim().toUpperCase().max(24, "must be at most 24 characters").nullish().transform((v) => v ?? ""),
    description: z.string({ error: "must be text" }).trim().max(1000, "must be at most 1000 characters").nullish().transform((v) => v ?? ""),
    location: locationSchema.nullish().transform((v) => v ?? { city: null, region: null, postalCode: null, country: null, facility: null }),
    proof: proofSchema.nullish().transform((v) => v ?? null),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.code && !e.description) ctx.addIssue({ code: "custom", path: ["code"], message: "needs a code or a description" });
  });

const FUTURE_SLACK_MS = 24 * 3600_000;

/**
 * An event stamped more than a day after `now` (the receiver's clock) is a sender's clock or time
 * zone error. Checked apart from the schema so the caller's clock decides, never the wall's.
 */
export function futureProblem(event: TrackingEvent, now: Date): string | null {
  return event.occurredAt.at.getTime() > now.getTime() + FUTURE_SLACK_MS ? "occurredAt: is more than a day in the future" : null;
}

export type TrackingEventInput = z.input<typeof trackingEventSchema>;
export type TrackingEvent = z.output<typeof trackingEventSchema>;

export const MAX_EVENTS_PER_BATCH = 5000;

export const trackingBatchSchema = z
  .array(trackingEventSchema)
  .min(1, "the batch is empty")
  .max(MAX_EVENTS_PER_BATCH, `send at most ${MAX_EVENTS_PER_BATCH} events per request`);

/** `[3].occurredAt: must be ...`; one line per problem, the first few only. */
export function describeIssues(error: z.ZodError, limit = 10): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - limit;
  if (more > 0) lines.push(`... and ${more} more`);
  return lines.join("\n");
}

/** The largest webhook body accepted (a sender splits bigger batches); Settings > Tracking shows it. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** A JSON body: one event or an array of them. */
export function parseTrackingBody(body: unknown, now = new Date()): { ok: true; events: TrackingEvent[] } | { ok: false; message: string } {
  let events: TrackingEvent[];
  if (Array.isArray(body)) {
    const parsed = trackingBatchSchema.safeParse(body);
    if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
    events = parsed.data;
  } else if (body && typeof body === "object") {
    const parsed = trackingEventSchema.safeParse(body);
    if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
    events = [parsed.data];
  } else {
    return { ok: false, message: "the body must be a JSON object (one event) or an array of events" };
  }
  const late = events.flatMap((e, i) => {
    const problem = futureProblem(e, now);
    return problem ? [Array.isArray(body) ? `[${i}].${problem}` : problem] : [];
  });
  return late.length ? { ok: false, message: late.slice(0, 10).join("\n") } : { ok: true, events };
}
