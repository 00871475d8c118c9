// Tracking-number formats of the four carriers Parcel Desk assigns (UPS, USPS, FedEx, DHL),
// including the long barcode forms their labels carry. See formats.ts.
import { mod10CheckDigit, mod7CheckDigit, weightedSumCheckDigit } from "./check-digits";
import { checked, DIGITS, digit, type MatchResult, NO_MATCH, regexFormat, type TrackingNumberFormat, VALID } from "./format-kit";

// FedEx Express: weights 3,1,7 repeated over the serial, then mod 11, mod 10.
const FEDEX_EXPRESS_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1] as const;
// FedEx's long barcodes (34 digits) and the Ground GSN: weights 1,7,3 repeated over 13 digits.
const FEDEX_LONG_WEIGHTS = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1] as const;

/**
 * USPS barcodes may carry a routing prefix, "420" + the destination ZIP (5 digits) or ZIP+4 (9),
 * in front of the tracking number proper. Yields the candidate tracking numbers inside `n`: `n`
 * itself, and what follows a ZIP or ZIP+4 prefix when that part has one of the allowed lengths
 * (IMpb barcodes are at most 34 digits, which is what limits the lengths).
 */
function withoutRoutingPrefix(n: string, afterZip5: readonly number[] | null, afterZip9: readonly number[] | null): string[] {
  const out = [n];
  if (n.length > 8 && n.startsWith("420")) {
    const rest5 = n.slice(8);
    if (!afterZip5 || afterZip5.includes(rest5.length)) out.push(rest5);
    const rest9 = n.slice(12);
    if (n.length > 12 && (!afterZip9 || afterZip9.includes(rest9.length))) out.push(rest9);
  }
  return out;
}

function bestOf(cores: string[], matchCore: (core: string) => MatchResult): MatchResult {
  let best: MatchResult = NO_MATCH;
  for (const core of cores) {
    const r = matchCore(core);
    if (r === VALID) return VALID;
    if (r > best) best = r;
  }
  return best;
}

const ALL_DIGITS = /^\d+$/;

/**
 * USPS Intelligent Mail package barcode, "N" constructs (application identifier 94: labels bought
 * online or from a vendor): 94, a 3-digit service type code, the Mailer ID (9 digits starting with
 * 9, or 6 digits), the package serial, and a mod-10 check digit (weights 3,1 from the right).
 */
function matchImpbOnline(core: string): MatchResult {
  if (!core.startsWith("94") || !ALL_DIGITS.test(core)) return NO_MATCH;
  const nineDigitMailer = core[5] === "9";
  const lengths = nineDigitMailer ? [22, 26, 30] : [22, 26];
  if (!lengths.includes(core.length)) return NO_MATCH;
  return checked(mod10CheckDigit(core.slice(0, -1), { weights: [3, 1], fromRight: true }) === digit(core.slice(-1)));
}

/**
 * IMpb "C" constructs (commercial mailers and USPS retail): 92 with a 9-digit Mailer ID, 93 with a
 * 6-digit one, or 95 (retail) with either; then as above, with weights 3,1 from the left.
 */
function matchImpbCommercial(core: string): MatchResult {
  if (core.length !== 22 && core.length !== 26) return NO_MATCH;
  const ai = core.slice(0, 2);
  if (ai !== "92" && ai !== "93" && ai !== "95") return NO_MATCH;
  if (!ALL_DIGITS.test(core)) return NO_MATCH;
  const nineDigitMailer = core[5] === "9";
  if ((ai === "92" && !nineDigitMailer) || (ai === "93" && nineDigitMailer)) return NO_MATCH;
  return checked(mod10CheckDigit(core.slice(0, -1), { weights: [3, 1] }) === digit(core.slice(-1)));
}

/**
 * The older USPS Delivery/Signature Confirmation numbers: [91] + 2-digit service type + 9-digit
 * shipper + 8-digit package + check digit. The check digit always covers the 91, also when the
 * number is printed without it.
 */
function matchUspsLegacy(core: string): MatchResult {
  if ((core.length !== 20 && core.length !== 22) || !ALL_DIGITS.test(core)) return NO_MATCH;
  if (core.length === 22 && !core.startsWith("91")) return NO_MATCH;
  let serial = core.slice(0, -1);
  if (!serial.startsWith("91")) serial = `91${serial}`;
  return checked(mod10CheckDigit(serial, { weights: [3, 1] }) === digit(core.slice(-1)));
}

export const MAJOR_CARRIER_FORMATS: readonly TrackingNumberFormat[] = [
  // ---- UPS
  regexFormat({
    id: "ups_1z",
    carrier: "ups",
    name: "UPS 1Z",
    specificity: 2,
    firstChars: "1",
    minLength: 18,
    maxLength: 18,
    // 1Z + shipper number (6) + service code (2) + package number (7) + check digit.
    pattern: /^1Z([0-9A-Z]{15})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [1, 2] }) === digit(m[2]),
  }),
  regexFormat({
    id: "ups_waybill",
    carrier: "ups",
    name: "UPS waybill",
    specificity: 1,
    firstChars: "AHJKTV",
    minLength: 11,
    maxLength: 11,
    pattern: /^[AHJKTV](\d{9})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [1, 2] }) === digit(m[2]),
  }),
  // ---- USPS
  {
    id: "usps_impb",
    carrier: "usps",
    name: "USPS IMpb",
    hasCheckDigit: true,
    specificity: 2,
    firstChars: "94",
    minLength: 22,
    maxLength: 34,
    match: (n) => bestOf(withoutRoutingPrefix(n, [22, 26], [22]), matchImpbOnline),
  },
  {
    id: "usps_impb_commercial",
    carrier: "usps",
    name: "USPS IMpb (commercial or retail)",
    hasCheckDigit: true,
    specificity: 2,
    firstChars: "94",
    minLength: 22,
    maxLength: 34,
    match: (n) => bestOf(withoutRoutingPrefix(n, null, [22]), matchImpbCommercial),
  },
  {
    id: "usps_legacy",
    carrier: "usps",
    name: "USPS Delivery Confirmation (91)",
    hasCheckDigit: true,
    specificity: 1,
    firstChars: DIGITS,
    minLength: 20,
    maxLength: 34,
    match: (n) => bestOf(withoutRoutingPrefix(n, null, null), matchUspsLegacy),
  },
  regexFormat({
    id: "usps_20",
    carrier: "usps",
    name: "USPS 20-digit",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 20,
    maxLength: 20,
    pattern: /^(\d{19})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [3, 1] }) === digit(m[2]),
  }),
  // ---- FedEx
  regexFormat({
    id: "fedex_express_12",
    carrier: "fedex",
    name: "FedEx Express (12 digits)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 12,
    maxLength: 12,
    pattern: /^(\d{11})(\d)$/,
    check: (m) => weightedSumCheckDigit(m[1], FEDEX_EXPRESS_WEIGHTS, 11, 10) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_express_34",
    carrier: "fedex",
    name: "FedEx Express (34-digit barcode)",
    specificity: 0,
    firstChars: "012345678",
    minLength: 34,
    maxLength: 34,
    // 15 digits of routing and form data, the destination ZIP (5), the serial (13), check digit.
    pattern: /^[0-8]\d{19}(\d{13})(\d)$/,
    check: (m) => weightedSumCheckDigit(m[1], FEDEX_LONG_WEIGHTS, 11, 10) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_astra_32",
    carrier: "fedex",
    name: "FedEx ASTRA (32-digit barcode)",
    specificity: 1,
    firstChars: "3",
    minLength: 32,
    maxLength: 32,
    // Digits 17-28 hold an Express tracking number with its own check digit.
    pattern: /^3\d{15}(\d{11})(\d)\d{4}$/,
    check: (m) => weightedSumCheckDigit(m[1], FEDEX_EXPRESS_WEIGHTS, 11, 10) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_ground_15",
    carrier: "fedex",
    name: "FedEx Ground (15 digits)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 15,
    maxLength: 15,
    pattern: /^(\d{14})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [1, 3] }) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_ground_sscc18",
    carrier: "fedex",
    name: "FedEx Ground (SSCC-18)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 18,
    maxLength: 18,
    // Container type (2), serial (15), check digit.
    pattern: /^\d{2}(\d{15})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [3, 1] }) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_ground_96",
    carrier: "fedex",
    name: "FedEx Ground 96 (22 digits)",
    specificity: 2,
    firstChars: "9",
    minLength: 22,
    maxLength: 22,
    // 96 + carrier code (2) + service type (3) + shipper (7) + package (7) + check digit.
    pattern: /^96\d{5}(\d{14})(\d)$/,
    check: (m) => mod10CheckDigit(m[1], { weights: [1, 3] }) === digit(m[2]),
  }),
  regexFormat({
    id: "fedex_ground_gsn",
    carrier: "fedex",
    name: "FedEx Ground (34-digit barcode)",
    specificity: 2,
    firstChars: "9",
    minLength: 34,
    maxLength: 34,
    // 96 + carrier code (2) + 5 digits + Ground shipper number (10) + 1 digit + serial (13) + check.
    pattern: /^96\d{18}(\d{13})(\d)$/,
    check: (m) => weightedSumCheckDigit(m[1], FEDEX_LONG_WEIGHTS, 11, 10) === digit(m[2]),
  }),
  // ---- DHL
  regexFormat({
    id: "dhl_express_10",
    carrier: "dhl",
    name: "DHL Express waybill (10 digits)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 10,
    maxLength: 10,
    pattern: /^(\d{9})(\d)$/,
    check: (m) => mod7CheckDigit(m[1]) === digit(m[2]),
  }),
  regexFormat({
    id: "dhl_express_11",
    carrier: "dhl",
    name: "DHL Express waybill (11 digits)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 11,
    maxLength: 11,
    pattern: /^(\d{10})(\d)$/,
    check: (m) => mod7CheckDigit(m[1]) === digit(m[2]),
  }),
  regexFormat({
    id: "dhl_express_piece",
    carrier: "dhl",
    name: "DHL Express piece id",
    specificity: 1,
    firstChars: "J",
    minLength: 12,
    maxLength: 14,
    pattern: /^J[A-Z]{2,3}\d{9,10}$/,
  }),
  // DHL eCommerce numbers are listed under DHL, as the conformance corpus does; detectedCarrier()
  // in index.ts tells the two apart for imports.
  regexFormat({
    id: "dhl_ecommerce",
    carrier: "dhl",
    name: "DHL eCommerce",
    specificity: 2,
    firstChars: "GLRUCSTIHM",
    minLength: 12,
    maxLength: 41,
    pattern: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)(?=[0-9A-Z]*\d)[0-9A-Z]{10,39}$/,
  }),
  regexFormat({
    id: "dhl_ecommerce_14",
    carrier: "dhl",
    name: "DHL eCommerce (14 digits)",
    specificity: 0,
    firstChars: DIGITS,
    minLength: 14,
    maxLength: 14,
    pattern: /^\d{14}$/,
  }),
];
