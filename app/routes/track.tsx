// The public frame for buyers (/track, /track/<number>): no app shell, no account, landmarks for
// screen readers, and its own error page (a buyer has no dashboard to go back to).
import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { PublicErrorPage, PublicFrame } from "../components/public-tracking/frame";

export const meta: MetaFunction = () => [
  { title: "Track your parcel" },
  // Tracking pages are for the person who has the number, not for search engines.
  { name: "robots", content: "noindex, nofollow" },
];

// When a tracking page fails (429 above all), this route renders the error page: pass on its
// Retry-After, and never let a cache keep a buyer page.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const out = new Headers({ "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" });
  errorHeaders?.forEach((value, key) => {
    if (key.toLowerCase() !== "set-cookie") out.set(key, value);
  });
  return out;
};

export default function TrackLayout() {
  return (
    <PublicFrame>
      <Outlet />
    </PublicFrame>
  );
}

export function ErrorBoundary() {
  return (
    <PublicFrame>
      <PublicErrorPage />
    </PublicFrame>
  );
}
