// HTTP helpers shared by routes and the server entry: security headers, the CSP, client address,
// and turning AppError into responses.
import { AppError } from "./errors";

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    // Mantine writes inline style attributes; style elements must carry the nonce (in development,
    // Remix injects critical CSS without one).
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** Headers for every response (documents also get the CSP from entry.server). */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/**
 * Defence in depth next to SameSite cookies: a state-changing request whose Origin is another site
 * (or is not a URL at all) is refused. Signed webhooks are called by servers of other sites.
 */
export function crossSiteRefusal(request: { method: string; path: string; origin: string | undefined; host: string | undefined }): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return false;
  const origin = request.origin;
  if (!origin || origin === "null" || request.path.startsWith("/api/webhooks/")) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}

export function clientIp(request: Request): string {
  // Set by the server entry from the socket (and X-Forwarded-For only when TRUST_PROXY is on).
  return request.headers.get("x-parcel-desk-client-ip") ?? "unknown";
}

/**
 * JSON from a resource route (fetchers and API calls). A real Response: Remix keeps the status of a
 * `data()` only for page routes, and a resource route returning one answers 200 whatever it says.
 */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

/** For resource routes (CLI-like JSON endpoints): AppError -> JSON with its status. */
export function errorJson(error: unknown): Response {
  if (error instanceof AppError) {
    return json({ error: error.message, code: error.code, details: error.details ?? null }, { status: error.status });
  }
  throw error;
}

/**
 * Thrown from loaders and actions: Remix renders it with the route's ErrorBoundary at the right
 * status (403, 404, ...), with the message safe to show.
 */
export function httpError(error: AppError): Response {
  // A real Response rather than data(): resource routes pass a thrown Response through as it is,
  // while page routes hand its JSON to the ErrorBoundary. (A thrown data() reaches resource-route
  // callers as "Unexpected Server Error".)
  return Response.json({ message: error.message, code: error.code }, { status: error.status });
}

/** Runs module code and turns its AppError into an HTTP error response (a 404 page, say). */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError) throw httpError(error);
    throw error;
  }
}
