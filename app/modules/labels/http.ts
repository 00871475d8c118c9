// The HTTP response for a label file: PDF or ZPL bytes with a safe file name, never cached.
import type { LabelFile } from "./batches.server";

export function labelFileResponse(file: LabelFile, disposition: "inline" | "attachment"): Response {
  const name = file.fileName.replace(/[^\w.-]+/g, "_");
  const headers: Record<string, string> = {
    "Content-Type": file.contentType,
    "Content-Length": String(file.bytes.length),
    "Content-Disposition": `${disposition}; filename="${name}"`,
    "Cache-Control": "private, no-store",
  };
  if (disposition === "inline") {
    // The preview is shown in a frame on our own pages: same-origin framing only. Browsers obey
    // CSP frame-ancestors over X-Frame-Options, which the server sets to DENY on every response.
    headers["X-Frame-Options"] = "SAMEORIGIN";
    headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'";
  }
  return new Response(new Uint8Array(file.bytes), { headers });
}
