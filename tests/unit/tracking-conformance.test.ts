// Conformance with the public tracking_number_data corpus (github.com/jkeen/tracking_number_data,
// MIT), read from ../shared/refdata when present (or TRACKING_NUMBER_DATA); never copied into the
// repository. Every valid test number must be detected as valid, with the file's courier as the
// detected carrier or among the candidates and the format among the candidates; every invalid test
// number must be rejected by that format (and by every format, unless the corpus itself lists the
// number as valid in another format, as it does for a Purolator number).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectTrackingNumber, FORMATS, normalizeTrackingNumber } from "../../app/modules/carriers/tracking-numbers";

const root = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dataDir = process.env.TRACKING_NUMBER_DATA ?? path.resolve(root, "../shared/refdata/tracking_number_data");
const couriersDir = path.join(dataDir, "couriers");
const present = existsSync(couriersDir);

/** The corpus's formats (courier:id, or courier:name where it has no id) -> ours. */
const FORMAT_MAP: Record<string, string[]> = {
  "amazon:amazon_logistics": ["amazon_logistics"],
  "amazon:amazon_international": ["amazon_international"],
  "canada_post:canada_post": ["canada_post_16"],
  "canpar:canpar_22": ["canpar_22"],
  "dhl:dhl_express": ["dhl_express_10", "dhl_express_11"],
  "dhl:dhl_express_piece_id": ["dhl_express_piece"],
  "dhl:dhl_ecommerce": ["dhl_ecommerce"],
  "dhl:dhl_ecommerce_14": ["dhl_ecommerce_14"],
  "dpd:dpd": ["dpd_28"],
  "dpd:dpd_14": ["dpd_14"],
  "fedex:fedex_12": ["fedex_express_12"],
  "fedex:fedex_34": ["fedex_express_34"],
  "fedex:fedex_astra_32": ["fedex_astra_32"],
  "fedex:fedex_ground": ["fedex_ground_15"],
  "fedex:fedex_ground_sscc_18": ["fedex_ground_sscc18"],
  "fedex:fedex_ground_96": ["fedex_ground_96"],
  "fedex:fedex_ground_gsn": ["fedex_ground_gsn"],
  "gofo:gofo_us": ["gofo_us"],
  "landmark:landmark_global": ["landmark_ltn"],
  "lasership:lasership_lx": ["lasership_l"],
  "lasership:lasership_1ls7": ["lasership_1ls7"],
  "lasership:LaserShip 1LS7 (18)": ["lasership_1ls7_piece"],
  "lasership:lasership_1lscx": ["lasership_1lscx"],
  "old_dominion:Old Dominion": ["old_dominion"],
  "old_dominion:Old Dominion Guaranteed Shipment": ["old_dominion_guaranteed"],
  "ontrac:ontrac_c": ["ontrac_c"],
  "ontrac:ontrac_d": ["ontrac_d"],
  "purolator:purolator_numeric": ["purolator_12"],
  "purolator:purolator_alpha": ["purolator_alpha"],
  "s10:s10": ["s10"],
  "speedee:speedee": ["speedee"],
  "ups:ups": ["ups_1z"],
  "ups:UPS Waybill": ["ups_waybill"],
  "usps:usps_20": ["usps_20"],
  "usps:usps_impb_n": ["usps_impb"],
  "usps:usps_legacy": ["usps_legacy"],
  "usps:usps_impb_c": ["usps_impb_commercial"],
  "yodel:yodel": ["yodel"],
  "yunexpress:yunexpress": ["yunexpress"],
};

interface CorpusFormat {
  key: string;
  courier: string;
  valid: string[];
  invalid: string[];
}

function readCorpus(): CorpusFormat[] {
  const out: CorpusFormat[] = [];
  for (const file of readdirSync(couriersDir).filter((f) => f.endsWith(".json")).sort()) {
    const courier = JSON.parse(readFileSync(path.join(couriersDir, file), "utf8")) as {
      courier_code: string;
      tracking_numbers: { id?: string; name: string; test_numbers: { valid?: string[]; invalid?: string[] } }[];
    };
    for (const f of courier.tracking_numbers) {
      out.push({
        key: `${courier.courier_code}:${f.id ?? f.name}`,
        courier: courier.courier_code,
        valid: f.test_numbers.valid ?? [],
        invalid: f.test_numbers.invalid ?? [],
      });
    }
  }
  return out;
}

if (!present) {
  console.warn(`tracking-number conformance skipped: no corpus at ${dataDir} (set TRACKING_NUMBER_DATA to its folder).`);
}

describe.skipIf(!present)("tracking_number_data conformance", () => {
  const corpus = present ? readCorpus() : [];

  it("maps every corpus format to one of ours, and every one of ours exists", () => {
    const unmapped = corpus.filter((f) => !FORMAT_MAP[f.key]).map((f) => f.key);
    expect(unmapped, "new corpus formats need a definition in formats.ts and a line in FORMAT_MAP").toEqual([]);
    const ours = new Set(FORMATS.map((f) => f.id));
    expect(Object.values(FORMAT_MAP).flat().filter((id) => !ours.has(id))).toEqual([]);
    // The corpus holds 18 couriers, 39 formats and 280 test numbers; a short read would hide failures.
    expect(corpus.length).toBeGreaterThanOrEqual(39);
    expect(corpus.reduce((n, f) => n + f.valid.length + f.invalid.length, 0)).toBeGreaterThanOrEqual(280);
  });

  it("accepts every valid test number, with the file's courier among the candidates", () => {
    const failures: string[] = [];
    let topMatches = 0;
    let total = 0;
    for (const f of corpus) {
      for (const number of f.valid) {
        total++;
        const r = detectTrackingNumber(number);
        const carriers = r.candidates.map((c) => c.carrier);
        const formats = r.candidates.map((c) => c.format);
        if (!r.valid) failures.push(`${f.key} ${JSON.stringify(number)}: not valid (${r.problem})`);
        else if (r.carrier !== f.courier && !carriers.includes(f.courier)) failures.push(`${f.key} ${JSON.stringify(number)}: carriers ${carriers}`);
        else if (!FORMAT_MAP[f.key].some((id) => formats.includes(id))) failures.push(`${f.key} ${JSON.stringify(number)}: formats ${formats}`);
        if (r.carrier === f.courier) topMatches++;
      }
    }
    expect(failures).toEqual([]);
    // Ranking: only numbers that several carriers' formats accept may rank another carrier first.
    expect(topMatches / total).toBeGreaterThan(0.97);
  });

  it("rejects every invalid test number", () => {
    const validElsewhere = new Set(corpus.flatMap((f) => f.valid.map(normalizeTrackingNumber)));
    const failures: string[] = [];
    for (const f of corpus) {
      for (const number of f.invalid) {
        const r = detectTrackingNumber(number);
        const formats = r.candidates.map((c) => c.format);
        if (FORMAT_MAP[f.key].some((id) => formats.includes(id))) failures.push(`${f.key} ${JSON.stringify(number)}: accepted as ${formats}`);
        else if (r.valid && !validElsewhere.has(r.normalized)) failures.push(`${f.key} ${JSON.stringify(number)}: valid as ${formats}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
