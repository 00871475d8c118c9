// Files of scans (for carriers that send files instead of calling the webhook): CSV with the event's
// fields as columns, or JSON Lines with one event per line. Each record is checked with the same
// schema as the webhook; rejections carry the physical line where the record starts (the header is
// line 1; a quoted field may span lines). Pure.
import Papa from "papaparse";
import { describeIssues, futureProblem, type TrackingEvent, trackingEventSchema } from "../tracking/schemas";

export type EventFileFormat = "csv" | "jsonl";

export interface ParsedEventFile {
  /** Data records read (valid or not). */
  received: number;
  events: { line: number; event: TrackingEvent }[];
  rejected: { line: number; message: string }[];
}

/** A file that cannot be read as events at all (unknown or missing columns). */
export class EventFileError extends Error {}

/** CSV column names, compared without case, spaces, dots or underscores. */
const COLUMNS: Record<string, string> = {
  eventid: "eventId",
  trackingnumber: "trackingNumber",
  carrier: "carrier",
  occurredat: "occurredAt",
  code: "code",
  description: "description",
  city: "city",
  locationcity: "city",
  region: "region",
  state: "region",
  locationregion: "region",
  postalcode: "postalCode",
  zip: "postalCode",
  locationpostalcode: "postalCode",
  country: "country",
  locationcountry: "country",
  facility: "facility",
  locationfacility: "facility",
  prooftype: "proofType",
  proofsignedby: "proofSignedBy",
  signedby: "proofSignedBy",
  proofphotourl: "proofPhotoUrl",
  photourl: "proofPhotoUrl",
};
const REQUIRED = ["eventId", "trackingNumber", "occurredAt", "code"];
export const CSV_COLUMNS = ["eventId", "trackingNumber", "carrier", "occurredAt", "code", "description", "city", "region", "postalCode", "country", "facility", "proofType", "proofSignedBy", "proofPhotoUrl"];

export function formatOf(fileName: string): EventFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

function check(input: unknown, now: Date): { ok: true; event: TrackingEvent } | { ok: false; message: string } {
  const parsed = trackingEventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error).replace(/\n/g, "; ") };
  const problem = futureProblem(parsed.data, now);
  return problem ? { ok: false, message: problem } : { ok: true, event: parsed.data };
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

function recordFromRow(row: Record<string, string>): unknown {
  const location = { city: blank(row.city), region: blank(row.region), postalCode: blank(row.postalCode), country: blank(row.country), facility: blank(row.facility) };
  const proofType = blank(row.proofType);
  return {
    eventId: row.eventId,
    trackingNumber: row.trackingNumber,
    carrier: blank(row.carrier),
    occurredAt: row.occurredAt,
    code: row.code ?? "",
    description: row.description ?? "",
    location,
    proof: proofType ? { type: proofType.trim().toLowerCase(), signedBy: blank(row.proofSignedBy), photoUrl: blank(row.proofPhotoUrl) } : undefined,
  };
}

export function parseEventsCsv(raw: string, now = new Date()): ParsedEventFile {
  const text = raw.replace(/^\uFEFF/, "");
  const out: ParsedEventFile = { received: 0, events: [], rejected: [] };
  const headerEnd = text.indexOf("\n");
  const header = Papa.parse<string[]>(headerEnd < 0 ? text : text.slice(0, headerEnd), { header: false }).data[0] ?? [];
  const names = header.map((h) => {
    const key = h.trim().toLowerCase().replace(/[\s._-]+/g, "");
    const name = COLUMNS[key];
    if (!name) throw new EventFileError(`Unknown column "${h.trim()}" in the header. Expected: ${CSV_COLUMNS.join(", ")}.`);
    return name;
  });
  const missing = REQUIRED.filter((r) => !names.includes(r));
  if (missing.length) throw new EventFileError(`The header lacks the column(s) ${missing.join(", ")}. Expected: ${CSV_COLUMNS.join(", ")}.`);
  if (headerEnd < 0) return out;

  let cursor = headerEnd;
  let countedTo = 0;
  let line = 1;
  Papa.parse<string[]>(text.slice(headerEnd + 1), {
    header: false,
    skipEmptyLines: "greedy",
    step(result) {
      // The record starts after the previous one's line break (blank lines skipped).
      let start = cursor + 1;
      while (text[start] === "\n" || text[start] === "\r") start++;
      for (let i = countedTo; i < start; i++) if (text[i] === "\n") line++;
      countedTo = start;
      cursor = headerEnd + 1 + result.meta.cursor;
      const cells = result.data;
      out.received++;
      if (cells.length !== names.length) {
        out.rejected.push({ line, message: `expected ${names.length} columns, found ${cells.length}` });
        return;
      }
      const row: Record<string, string> = {};
      names.forEach((n, i) => (row[n] = cells[i]));
      const checked = check(recordFromRow(row), now);
      if (checked.ok) out.events.push({ line, event: checked.event });
      else out.rejected.push({ line, message: checked.message });
    },
  });
  return out;
}

export function parseEventsJsonl(raw: string, now = new Date()): ParsedEventFile {
  const out: ParsedEventFile = { received: 0, events: [], rejected: [] };
  raw
    .replace(/^\uFEFF/, "")
    .split("\n")
    .forEach((text, i) => {
      const line = i + 1;
      if (!text.trim()) return;
      out.received++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        out.rejected.push({ line, message: `not valid JSON: ${(error as Error).message}` });
        return;
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        out.rejected.push({ line, message: "each line must be one JSON object (an event)" });
        return;
      }
      const checked = check(value, now);
      if (checked.ok) out.events.push({ line, event: checked.event });
      else out.rejected.push({ line, message: checked.message });
    });
  return out;
}

export function parseEventsFile(text: string, format: EventFileFormat, now = new Date()): ParsedEventFile {
  return format === "csv" ? parseEventsCsv(text, now) : parseEventsJsonl(text, now);
}
