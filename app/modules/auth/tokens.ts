// Tokens for emailed links (invitations, password resets): 32 random bytes in the link, only their
// SHA-256 in the database, so reading the table opens no link.
import { createHash, randomBytes } from "node:crypto";

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: linkTokenHash(token) };
}

export function linkTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as it can appear in a link; anything else is not looked up at all. */
export function isLinkTokenShape(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
