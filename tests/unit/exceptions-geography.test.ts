// Misroute by geography, with worked distances between state centres.
import { describe, expect, it } from "vitest";
import { distanceKm, isAirHub, judgeMove, misroutesInSequence, placeOf, STATE_CENTRES, stateForZip } from "../../app/modules/exceptions/geography";

const US = (region: string, city = "") => ({ region, postalCode: null, country: "US", city });
const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h));

describe("placing scans", () => {
  it("places a scan by its state, else by its ZIP's 3-digit prefix, else by its country", () => {
    expect(placeOf(US("TX"))?.key).toBe("US-TX");
    expect(placeOf({ region: null, postalCode: "77002", country: "US" })?.key).toBe("US-TX");
    expect(placeOf({ region: null, postalCode: "88510", country: "US" })?.key).toBe("US-TX"); // El Paso: 885
    expect(placeOf({ region: null, postalCode: "02108", country: null })?.key).toBe("US-MA");
    expect(placeOf({ region: null, postalCode: "SW1A 1AA", country: "GB" })?.key).toBe("GB");
    expect(placeOf({ region: null, postalCode: null, country: "ZZ" })).toBeNull();
    expect(placeOf({ region: null, postalCode: null, country: null })).toBeNull();
  });

  it("maps ZIP prefixes to states (USPS ranges)", () => {
    expect(["10001", "43215", "60601", "73102", "85281", "98101", "99501", "00901", "20001"].map(stateForZip)).toEqual(["NY", "OH", "IL", "OK", "AZ", "WA", "AK", "PR", "DC"]);
    expect(stateForZip("ABCDE")).toBeNull();
  });

  it("measures great-circle distances between state centres", () => {
    // Ohio to Texas is about 1,800 km centre to centre; Oklahoma to Texas about 490.
    expect(Math.round(distanceKm(STATE_CENTRES.OH, STATE_CENTRES.TX) / 100) * 100).toBe(1800);
    expect(Math.round(distanceKm(STATE_CENTRES.OK, STATE_CENTRES.TX) / 10) * 10).toBe(490);
  });
});

describe("the misroute rule", () => {
  const texas = US("TX");

  it("does not fire at Oklahoma (off the road but closer), fires at Ohio (farther than the previous scan)", () => {
    expect(judgeMove(US("TN"), US("OK"), texas)).toMatchObject({ misrouted: false, from: "US-TN", to: "US-OK" });
    const ohio = judgeMove(US("OK"), US("OH"), texas);
    expect(ohio?.misrouted).toBe(true);
    expect(ohio!.currentKm - ohio!.previousKm).toBeGreaterThan(1000);
  });

  it("tolerates small detours: a hub in a neighbouring state a little farther away", () => {
    // New Jersey parcel: Pennsylvania hub (~270 km), then New York hub (~310 km): within the slack.
    expect(judgeMove(US("PA"), US("NY"), US("NJ"))?.misrouted).toBe(false);
    // Same state: nothing to judge.
    expect(judgeMove(US("TX"), US("TX"), texas)).toBeNull();
    // Unknown place: nothing to judge.
    expect(judgeMove({ region: null, postalCode: null, country: null }, US("OH"), texas)).toBeNull();
  });

  it("scales the slack with the distance still to go (20%)", () => {
    // A Massachusetts parcel in Colorado (~2,800 km to go): Utah is ~500 km back, within 20%;
    // California is ~1,300 km back, a misroute.
    expect(judgeMove(US("CO"), US("UT"), US("MA"))?.misrouted).toBe(false);
    expect(judgeMove(US("CO"), US("CA"), US("MA"))?.misrouted).toBe(true);
    // A New York parcel in Illinois (~1,200 km to go) sent ~320 km back to Iowa: beyond the 250 km slack.
    expect(judgeMove(US("IL"), US("IA"), US("NY"))?.misrouted).toBe(true);
  });

  it("abroad, only leaving the destination country counts", () => {
    const london = { region: null, postalCode: null, country: "GB" };
    expect(judgeMove(US("OH"), US("IL"), { region: "ON", postalCode: null, country: "CA" })?.misrouted).toBe(false);
    expect(judgeMove(london, { region: null, postalCode: null, country: "IE" }, london)?.misrouted).toBe(true);
  });

  it("walks a sequence, skipping national air hubs and unplaced scans", () => {
    const scans = [
      { ...US("TN", "Memphis"), at: at(1) },
      { region: null, postalCode: null, country: null, at: at(2) },
      { ...US("OK", "Oklahoma City"), at: at(3) },
      { ...US("OH", "Columbus"), at: at(4) },
      { ...US("TX", "Houston"), at: at(5) },
    ];
    const found = misroutesInSequence("ups", scans, texas);
    expect(found.map((f) => f.index)).toEqual([3]);
    // FedEx Express sends a Nevada parcel from California through Memphis: not a misroute.
    expect(isAirHub("fedex", US("TN", "Memphis"))).toBe(true);
    expect(misroutesInSequence("fedex", [{ ...US("CA", "Oakland"), at: at(1) }, { ...US("TN", "Memphis"), at: at(2) }, { ...US("NV", "Reno"), at: at(3) }], US("NV"))).toEqual([]);
    // The same move for a carrier without a hub there is a misroute.
    expect(misroutesInSequence("usps", [{ ...US("CA", "Oakland"), at: at(1) }, { ...US("TN", "Memphis"), at: at(2) }], US("NV")).length).toBe(1);
  });
});
