// A buyer's contact as the preferences table keys it: a lower-cased email address, or a phone
// number in E.164 form ("+15550100123"). Marketplaces mask phone numbers ("(+1)764*****29"): those
// are not numbers anyone can text, so they normalize to null.

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  if (!email || email.length > 254 || !EMAIL.test(email)) return null;
  return email;
}

/** Countries whose national numbers start after a "1" trunk code (the North American plan). */
const NANP = new Set(["US", "CA", "PR", "GU", "VI", "AS", "MP"]);
/** Country calling codes for national numbers in the countries we see most (ITU-T E.164 list). */
const CALLING_CODES: Record<string, string> = { GB: "44", AU: "61", DE: "49", FR: "33", MX: "52", IE: "353", NZ: "64" };

/**
 * "+1 555 0100 1234", "(555) 010-1234" (US), "00 44 20 7946 0958", "020 7946 0958" (GB) ->
 * "+15550101234" style E.164; null for masked, too short or too long numbers.
 */
export function normalizePhone(raw: string | null | undefined, country = "US"): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const withoutExtension = text.replace(/\s*(?:ext\.?|x)\s*\d+$/i, "");
  if (/[*#]|[a-z]/i.test(withoutExtension)) return null;
  const international = /^\s*(\+|00)/.test(withoutExtension) || /^\(\+/.test(withoutExtension);
  let digits = withoutExtension.replace(/\D/g, "");
  if (international) {
    if (withoutExtension.trim().startsWith("00")) digits = digits.slice(2);
  } else if (NANP.has(country.toUpperCase())) {
    if (digits.length === 10) digits = `1${digits}`;
    else if (!(digits.length === 11 && digits.startsWith("1"))) return null;
  } else {
    const code = CALLING_CODES[country.toUpperCase()];
    if (!code) return null;
    digits = code + digits.replace(/^0/, "");
  }
  // E.164: at most 15 digits; nothing real is shorter than 8 with its country code.
  if (digits.length < 8 || digits.length > 15 || digits.startsWith("0")) return null;
  return `+${digits}`;
}

/** "jamie.doe@example.com" -> "j***e@example.com"; "+15550101234" -> "+1•••••••1234". */
export function maskContact(contact: string): string {
  const at = contact.indexOf("@");
  if (at > 0) {
    const local = contact.slice(0, at);
    const shown = local.length <= 2 ? `${local[0]}***` : `${local[0]}***${local[local.length - 1]}`;
    return `${shown}${contact.slice(at)}`;
  }
  if (contact.startsWith("+") && contact.length > 6) return `${contact.slice(0, 2)}${"•".repeat(contact.length - 6)}${contact.slice(-4)}`;
  return contact;
}
