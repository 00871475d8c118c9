// The HTTP side of the buyer's tracking page, shared by its two addresses (/track/<number> and
// /track/<shop>/<number>): turns the page's use cases into Remix answers, never cached or indexed.
import { data, type HeadersFunction, redirect } from "@remix-run/node";
import { fieldErrors, formObject } from "../../lib/forms";
import { clientIp } from "../../lib/http.server";
import { db } from "../../lib/db.server";
import { trackingPage, verifyPostalCode } from "./page.server";
import { postalCodeSchema } from "./schemas";

const NO_STORE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

export async function trackingLoader(request: Request, params: { number?: string; shop?: string }) {
  const result = await trackingPage(db(), { request, ip: clientIp(request), rawNumber: params.number ?? "", shopSlug: params.shop });
  if (result.kind === "redirect") throw redirect(result.to);
  if (result.kind === "rate_limited") throw tooManyRequests(result.retryAfterSeconds);
  return data(result.page, { headers: NO_STORE });
}

export async function trackingAction(request: Request, params: { number?: string; shop?: string }) {
  const parsed = postalCodeSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ error: fieldErrors(parsed.error).postalCode ?? "Enter a postal code." }, { status: 400, headers: NO_STORE });
  const result = await verifyPostalCode(db(), { ip: clientIp(request), rawNumber: params.number ?? "", postalCode: parsed.data.postalCode, shopSlug: params.shop });
  if (result.kind === "rate_limited") throw tooManyRequests(result.retryAfterSeconds);
  if (result.kind === "mismatch") return data({ error: result.message }, { status: 400, headers: NO_STORE });
  throw redirect(result.to, { status: 303, headers: { "Set-Cookie": result.cookie } });
}

function tooManyRequests(retryAfterSeconds: number) {
  return data({ message: "Too many lookups.", retryAfterSeconds }, { status: 429, headers: { "Retry-After": String(retryAfterSeconds), ...NO_STORE } });
}

export const trackingHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers(NO_STORE);
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    source?.forEach((value, key) => {
      if (key.toLowerCase() !== "set-cookie") out.set(key, value);
    });
  }
  return out;
};
