// Reproductions of the probe's findings that need no database (issue 13): each test is the attack
// as the probe made it, and fails on the code the probe ran against.
//   4: open redirect after sign-in through a tab (and a 500 through a newline) in ?redirectTo=
//  10: a webhook's `proof.photoUrl` of javascript:... rendered as a link on the seller's order page
//  11: a malformed Origin header answering 500 with a stack trace
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrackingTimeline } from "../../app/components/tracking/timeline";
import { safeRedirect } from "../../app/lib/guard.server";
import { crossSiteRefusal } from "../../app/lib/http.server";
import type { TimelineEvent } from "../../app/modules/tracking/timeline.server";

describe("finding 4: ?redirectTo= only ever leads to a page of this site", () => {
  // URLSearchParams has already decoded %09 / %0A when the value reaches safeRedirect.
  const attacks = [
    "/\t/127.0.0.1:9999/phish",
    "/\n/127.0.0.1:9999/phish",
    "/\r\n/evil.example",
    "/ /evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\u2028/evil.example",
    "\t//evil.example",
  ];
  for (const attack of attacks) {
    it(`refuses ${JSON.stringify(attack)}`, () => {
      const to = safeRedirect(attack, "/");
      expect(to).toBe("/");
      // Whatever comes back resolves to this origin and is a valid header value.
      expect(new URL(to, "https://parceldesk.test").origin).toBe("https://parceldesk.test");
      expect(() => new Headers({ Location: to })).not.toThrow();
    });
  }

  it("keeps a same-site path with its query and hash", () => {
    expect(safeRedirect("/s/demo/orders?status=to_ship&q=a%20b#top")).toBe("/s/demo/orders?status=to_ship&q=a%20b#top");
    expect(safeRedirect("/invitations/abc")).toBe("/invitations/abc");
  });
});

describe("finding 11: a malformed Origin is refused as cross-site, never a crash", () => {
  const base = { method: "POST", path: "/login", host: "localhost:3000" };
  it("refuses origins that do not parse", () => {
    for (const origin of ["http://[::1", "not a url", "http://", "%", "http://exa mple.com"]) {
      expect(() => crossSiteRefusal({ ...base, origin })).not.toThrow();
      expect(crossSiteRefusal({ ...base, origin }), origin).toBe(true);
    }
  });
  it("lets same-site posts, reads, absent origins and signed webhooks through", () => {
    expect(crossSiteRefusal({ ...base, origin: "http://localhost:3000" })).toBe(false);
    expect(crossSiteRefusal({ ...base, origin: undefined })).toBe(false);
    expect(crossSiteRefusal({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
    expect(crossSiteRefusal({ ...base, path: "/api/webhooks/tracking/demo", origin: "https://carrier.example" })).toBe(false);
    expect(crossSiteRefusal({ ...base, origin: "https://evil.example" })).toBe(true);
  });
});

describe("finding 10: a proof photo URL is a link only when it is http(s)", () => {
  const event = (photoUrl: string): TimelineEvent => ({
    id: 1,
    occurredAt: "2026-11-20T12:00:00.000Z",
    localIso: "2026-11-20T07:00:00-05:00",
    localTime: "Fri, Nov 20, 7:00 AM (UTC−05:00)",
    status: "delivered",
    statusLabel: "Delivered",
    substatus: "delivered",
    rawCode: "DL",
    description: "Delivered",
    place: "Austin, TX",
    location: { city: "Austin", region: "TX", postalCode: null, country: "US", facility: null },
    mappingRule: "fedex:DL",
    unmapped: false,
    exceptionType: null,
    proof: { type: "photo", photoUrl },
    source: "webhook",
    signals: [],
  });
  const render = (photoUrl: string) =>
    renderToString(createElement(MantineProvider, null, createElement(TrackingTimeline, { timeline: { events: [event(photoUrl)], ruleSignals: [] } })));

  it("renders no link for javascript:, data: or other schemes", () => {
    for (const url of ["javascript:alert(document.cookie)", " JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>", "vbscript:x", "//evil.example/x.png"]) {
      const html = render(url);
      expect(html, url).not.toContain("view photo");
      expect(html.toLowerCase(), url).not.toMatch(/href="\s*(javascript|data|vbscript):/);
    }
  });
  it("keeps an https photo link", () => {
    expect(render("https://photos.carrier.example/p/1.jpg")).toContain('href="https://photos.carrier.example/p/1.jpg"');
  });
});
