// The orders table's URL filters: what is accepted, what is refused (with a message naming the
// parameter), and the query string written back for links and "all matching" bulk actions.
import { describe, expect, it } from "vitest";
import { filtersToQuery, hasFilters, parseOrderFilters } from "../../app/modules/orders/filters";
import { formatDay, formatDuration, formatMoney } from "../../app/modules/orders/format";

const parse = (q: string) => parseOrderFilters(new URLSearchParams(q));

describe("order filters", () => {
  it("reads every filter and ignores blanks", () => {
    expect(parse("q=%20Ava%20&status=shipped&batch=12&carrier=ups&from=2026-11-01&to=2026-11-30&after=5")).toEqual({
      ok: true,
      filters: { q: "Ava", status: "shipped", batch: 12, carrier: "ups", from: "2026-11-01", to: "2026-11-30" },
    });
    expect(parse("q=&status=&batch=")).toEqual({ ok: true, filters: {} });
  });

  it.each([
    ["status=lost", "Invalid filter: status: must be one of to_ship, shipped, delivered, cancelled."],
    ["batch=abc", "Invalid filter: batch: must be an import number."],
    ["batch=-4", "Invalid filter: batch: must be an import number."],
    ["carrier=UPS%20Ground!", "Invalid filter: carrier: must be a carrier code such as ups."],
    ["from=2026-02-30", "Invalid filter: from: is not a real date."],
    ["to=11/30/2026", "Invalid filter: to: must be a date written YYYY-MM-DD."],
    ["from=2026-12-01&to=2026-11-01", "Invalid filter: from: is after the 'to' date."],
  ])("refuses %s", (q, message) => {
    expect(parse(q)).toEqual({ ok: false, message });
  });

  it("writes the filters back as a query string without the page cursor", () => {
    const r = parse("status=to_ship&q=Smith&after=99");
    expect(r.ok && filtersToQuery(r.filters)).toBe("q=Smith&status=to_ship");
    expect(r.ok && hasFilters(r.filters)).toBe(true);
    const none = parse("after=99");
    expect(none.ok && hasFilters(none.filters)).toBe(false);
  });

  it("formats money, days and durations for sellers", () => {
    expect(formatMoney(123456)).toBe("$1,234.56");
    expect(formatMoney(999, "GBP")).toBe("£9.99");
    expect(formatDay("2026-11-24")).toBe("Nov 24, 2026");
    expect(formatDuration(400)).toBe("under a second");
    expect(formatDuration(75_000)).toBe("1 min 15 s");
  });
});
