// Reading back the .eml files the file transport writes, for the "Open email" view: the headers a
// person looks at, and the body decoded from quoted-printable or base64 (nodemailer picks one),
// so links read whole instead of broken at 76 characters.

const SHOWN_HEADERS = ["From", "Reply-To", "To", "Subject", "Date", "List-Unsubscribe"];

export function readableEmail(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headerText = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  // Unfold continuation lines (RFC 5322 2.2.3), then keep the first value of each name.
  for (const line of headerText.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  const decoded =
    encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  const lines = SHOWN_HEADERS.filter((h) => headers.has(h.toLowerCase())).map((h) => `${h}: ${decodeEncodedWords(headers.get(h.toLowerCase())!)}`);
  return `${lines.join("\n")}\n\n${decoded.replace(/\r\n/g, "\n")}`;
}

export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 "=?UTF-8?Q?...?=" / "=?UTF-8?B?...?=" words in headers (accented names and subjects). */
function decodeEncodedWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}
