// The address check that runs before a label is bought: required fields, the postal code's shape
// for the country, US state and ZIP plausibility, PO boxes on services that refuse them, lines too
// long for the label, and characters the label fonts cannot print. Each problem names the field
// and says what is wrong in the seller's words. Pure, no I/O; labels.server.ts stores the result
// on the order (orders.address_problems).
import type { AddressProblem } from "../../../db/types";
import { checkPostalCode, isPoBox, normalizeCountry, normalizeUsState, statesForZip, zipMatchesState } from "../addresses/regions";
import type { ServiceDefinition } from "../carriers/registry";
import { textWidth } from "./fonts";
import { cityLine, printedRegion } from "./label-content";
import { SHIP_TO_MIN_SIZE, SHIP_TO_WIDTH } from "./layout";
import { printable } from "./text";

export interface AddressToCheck {
  buyerName: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** Countries whose addresses have no postal code (so none is required). */
const NO_POSTAL_CODE = new Set(["AE", "HK"]);
/** Countries whose addresses need a state or province. */
const REGION_REQUIRED = new Set(["US", "CA", "AU", "MX", "BR"]);

const FIELD_LABELS: Record<string, string> = {
  buyerName: "Buyer name",
  address1: "Address line 1",
  address2: "Address line 2",
  city: "City",
  region: "State / region",
  postalCode: "Postal code",
  country: "Country",
};

export function checkAddress(address: AddressToCheck, service?: ServiceDefinition | null): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const add = (code: string, field: string, message: string) => problems.push({ code, field, message });
  const trimmed = {
    buyerName: address.buyerName?.trim() ?? "",
    address1: address.address1?.trim() ?? "",
    address2: address.address2?.trim() ?? "",
    city: address.city?.trim() ?? "",
    region: address.region?.trim() ?? "",
    postalCode: address.postalCode?.trim() ?? "",
    country: address.country?.trim() ?? "",
  };

  for (const field of ["buyerName", "address1", "city", "country"] as const) {
    if (!trimmed[field]) add("missing_field", field, `${FIELD_LABELS[field]} is missing.`);
  }
  const country = trimmed.country ? normalizeCountry(trimmed.country) : null;
  if (trimmed.country && !country) add("unknown_country", "country", `"${trimmed.country}" is not a country we recognise.`);

  if (!trimmed.postalCode) {
    if (!country || !NO_POSTAL_CODE.has(country)) add("missing_field", "postalCode", "Postal code is missing.");
  } else if (country) {
    const postal = checkPostalCode(trimmed.postalCode, country);
    if (!postal.ok) add("postal_code_shape", "postalCode", postal.message ?? `"${trimmed.postalCode}" is not a valid postal code.`);
  }

  if (country && REGION_REQUIRED.has(country) && !trimmed.region) {
    add("missing_field", "region", `${country === "US" ? "State" : "State / province"} is missing.`);
  }
  if (country === "US" && trimmed.region) {
    const state = normalizeUsState(trimmed.region);
    if (!state) {
      add("unknown_state", "region", `"${trimmed.region}" is not a US state or territory.`);
    } else if (trimmed.postalCode && checkPostalCode(trimmed.postalCode, "US").ok && !zipMatchesState(trimmed.postalCode, state)) {
      const expected = statesForZip(trimmed.postalCode).join(", ");
      add(
        "zip_state_mismatch",
        "postalCode",
        `ZIP ${trimmed.postalCode} does not belong to ${state}: ZIPs starting with ${trimmed.postalCode[0]} are in ${expected}.`,
      );
    }
  }
  if (service && !service.deliversToPoBox && isPoBox(trimmed.address1, trimmed.address2)) {
    add("po_box", trimmed.address1 && isPoBox(trimmed.address1) ? "address1" : "address2", `${service.name} does not deliver to PO boxes.`);
  }

  // Every printed line of the ship-to block must fit at the smallest ship-to type size.
  const lines: [string, string][] = [
    ["buyerName", trimmed.buyerName],
    ["address1", trimmed.address1],
    ["address2", trimmed.address2],
    ["city", cityLine({ city: trimmed.city, region: printedRegion(trimmed.region, country), postalCode: trimmed.postalCode.toUpperCase() })],
  ];
  for (const [field, value] of lines) {
    if (!value) continue;
    const text = printable(value).text;
    if (textWidth(text, SHIP_TO_MIN_SIZE, "bold") > SHIP_TO_WIDTH) {
      const what = field === "city" ? "City, state and postal code together are" : `${FIELD_LABELS[field]} is`;
      add("line_too_long", field, `${what} too long for the label (${text.length} characters); shorten it to about ${fittingLength(text)} characters.`);
    }
  }

  for (const field of ["buyerName", "address1", "address2", "city", "region", "postalCode"] as const) {
    const { unprintable } = printable(trimmed[field]);
    if (unprintable.length > 0) {
      add(
        "unprintable_characters",
        field,
        `${FIELD_LABELS[field]} has characters the label cannot print (${unprintable.join(" ")}); write it in Latin letters.`,
      );
    }
  }
  return problems;
}

/** How many characters of `text` fit the ship-to width at the smallest size. */
function fittingLength(text: string): number {
  let n = text.length;
  while (n > 0 && textWidth(text.slice(0, n), SHIP_TO_MIN_SIZE, "bold") > SHIP_TO_WIDTH) n--;
  return n;
}

/** One sentence for the batch's skipped list. */
export function describeProblems(problems: readonly AddressProblem[]): string {
  return `Address check failed: ${problems.map((p) => p.message.replace(/\.$/, "")).join("; ")}.`;
}
