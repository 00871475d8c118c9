// Countries, US states and postal-code shapes: the reference data that import validation, the
// address check and the misroute rule all read. Pure data and pure functions.

/** ISO 3166-1 alpha-2 codes by the names and aliases sellers' exports use (lower-case keys). */
const COUNTRY_ALIASES: Record<string, string> = {
  us: "US", usa: "US", "u.s.": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US", america: "US",
  ca: "CA", can: "CA", canada: "CA",
  gb: "GB", uk: "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", england: "GB", scotland: "GB", wales: "GB",
  mx: "MX", mexico: "MX", méxico: "MX",
  de: "DE", germany: "DE", deutschland: "DE",
  fr: "FR", france: "FR",
  es: "ES", spain: "ES", españa: "ES",
  it: "IT", italy: "IT", italia: "IT",
  nl: "NL", netherlands: "NL", "the netherlands": "NL", holland: "NL",
  be: "BE", belgium: "BE",
  ie: "IE", ireland: "IE",
  pt: "PT", portugal: "PT",
  se: "SE", sweden: "SE",
  no: "NO", norway: "NO",
  dk: "DK", denmark: "DK",
  fi: "FI", finland: "FI",
  pl: "PL", poland: "PL",
  at: "AT", austria: "AT",
  ch: "CH", switzerland: "CH",
  au: "AU", australia: "AU",
  nz: "NZ", "new zealand": "NZ",
  jp: "JP", japan: "JP",
  kr: "KR", "south korea": "KR", korea: "KR",
  cn: "CN", china: "CN",
  hk: "HK", "hong kong": "HK",
  sg: "SG", singapore: "SG",
  my: "MY", malaysia: "MY",
  th: "TH", thailand: "TH",
  vn: "VN", vietnam: "VN", "viet nam": "VN",
  ph: "PH", philippines: "PH",
  id: "ID", indonesia: "ID",
  in: "IN", india: "IN",
  br: "BR", brazil: "BR", brasil: "BR",
  ar: "AR", argentina: "AR",
  cl: "CL", chile: "CL",
  co: "CO", colombia: "CO",
  za: "ZA", "south africa": "ZA",
  ae: "AE", "united arab emirates": "AE", uae: "AE",
  il: "IL", israel: "IL",
  pr: "PR", "puerto rico": "PR",
};

/** The ISO code for a country name or code as a seller's export writes it, or null. */
export function normalizeCountry(value: string | null | undefined): string | null {
  if (!value) return null;
  const key = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (!key) return null;
  return COUNTRY_ALIASES[key] ?? null;
}

export const US_STATES: Record<string, string> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado", CT: "Connecticut",
  DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho", IL: "Illinois",
  IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland",
  MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico", NY: "New York",
  NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania",
  RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas", UT: "Utah",
  VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
  // Territories and military "states" that USPS, UPS and FedEx deliver to.
  PR: "Puerto Rico", VI: "U.S. Virgin Islands", GU: "Guam", AS: "American Samoa", MP: "Northern Mariana Islands",
  AA: "Armed Forces Americas", AE: "Armed Forces Europe", AP: "Armed Forces Pacific",
};

const STATE_BY_NAME: Record<string, string> = Object.fromEntries(
  Object.entries(US_STATES).map(([code, name]) => [name.toLowerCase(), code]),
);
STATE_BY_NAME["washington dc"] = "DC";
STATE_BY_NAME["washington d.c."] = "DC";
STATE_BY_NAME["virgin islands"] = "VI";

/** The two-letter code for a US state written as a code or a name ("ny", "New York"), or null. */
export function normalizeUsState(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  const upper = v.toUpperCase();
  if (upper.length === 2 && US_STATES[upper]) return upper;
  return STATE_BY_NAME[v.toLowerCase().replace(/\s+/g, " ")] ?? null;
}

/**
 * Which states use ZIP codes starting with each digit (USPS's national areas). A state/ZIP pair
 * outside this table is almost certainly a typo in one of them.
 */
const ZIP_FIRST_DIGIT: Record<string, readonly string[]> = {
  "0": ["CT", "MA", "ME", "NH", "NJ", "NY", "PR", "RI", "VT", "VI", "AE"],
  "1": ["DE", "NY", "PA"],
  "2": ["DC", "MD", "NC", "SC", "VA", "WV"],
  "3": ["AL", "FL", "GA", "MS", "TN", "AA"],
  "4": ["IN", "KY", "MI", "OH"],
  "5": ["IA", "MN", "MT", "ND", "SD", "WI"],
  "6": ["IL", "KS", "MO", "NE"],
  "7": ["AR", "LA", "OK", "TX"],
  "8": ["AZ", "CO", "ID", "NM", "NV", "UT", "WY"],
  "9": ["AK", "CA", "HI", "OR", "WA", "GU", "AS", "MP", "AP"],
};

export function zipMatchesState(zip: string, state: string): boolean {
  const states = ZIP_FIRST_DIGIT[zip.trim()[0] ?? ""];
  return Boolean(states?.includes(state));
}

export function statesForZip(zip: string): readonly string[] {
  return ZIP_FIRST_DIGIT[zip.trim()[0] ?? ""] ?? [];
}

const POSTAL_SHAPES: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "12345 or 12345-6789" },
  PR: { pattern: /^\d{5}(-\d{4})?$/, example: "00901" },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: "K1A 0B1" },
  // Royal Mail's outward + inward code shapes, plus the GIR 0AA special case.
  GB: {
    pattern: /^(GIR ?0AA|[A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})$/i,
    example: "SW1A 1AA",
  },
  DE: { pattern: /^\d{5}$/, example: "10115" },
  FR: { pattern: /^\d{5}$/, example: "75001" },
  ES: { pattern: /^\d{5}$/, example: "28001" },
  IT: { pattern: /^\d{5}$/, example: "00118" },
  AU: { pattern: /^\d{4}$/, example: "2000" },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: "1012 AB" },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: "100-0001" },
  MX: { pattern: /^\d{5}$/, example: "01000" },
};
// Anywhere else: 2-10 letters, digits, spaces and dashes, starting with a letter or digit.
const PERMISSIVE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;

export interface PostalCheck {
  ok: boolean;
  /** Upper-cased and with the canonical space where the country has one. */
  normalized: string;
  message?: string;
}

export function checkPostalCode(value: string, country: string): PostalCheck {
  const v = value.trim().toUpperCase().replace(/\s+/g, " ");
  const shape = POSTAL_SHAPES[country];
  if (shape) {
    if (!shape.pattern.test(v)) {
      return { ok: false, normalized: v, message: `"${value.trim()}" is not a valid ${country} postal code (expected e.g. ${shape.example}).` };
    }
    if ((country === "CA" || country === "GB") && !v.includes(" ")) {
      return { ok: true, normalized: `${v.slice(0, -3)} ${v.slice(-3)}` };
    }
    return { ok: true, normalized: v };
  }
  if (!PERMISSIVE.test(v)) return { ok: false, normalized: v, message: `"${value.trim()}" does not look like a postal code.` };
  return { ok: true, normalized: v };
}

const PO_BOX = /\b(p\.?\s*o\.?\s*box|post\s+office\s+box|p\.?\s*o\.?\s*b\.?\s+\d|box\s+#?\d+\s*$)/i;

export function isPoBox(...lines: (string | null | undefined)[]): boolean {
  return lines.some((l) => Boolean(l && PO_BOX.test(l)));
}
