// Links built from what others send us (a carrier's proof photo URL, say) are shown only when they
// are plain http(s) URLs; anything else (javascript:, data:, protocol-relative) is no link at all.

/** The URL, normalised, when it is an absolute http or https URL; otherwise null. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
