// When a message whose send failed is tried again: exponential backoff (1, 2, 4, 8 ... minutes,
// capped at an hour), plus up to 20% of jitter derived from the message id, so thousands of
// messages that failed together in an SMTP outage do not all come back in the same second.

export const RETRY_BASE_SECONDS = 60;
export const RETRY_MAX_SECONDS = 60 * 60;

/** Seconds to wait after the `attempts`-th failed attempt (1-based) of message `messageId`. */
export function retryDelaySeconds(attempts: number, messageId = 0): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** exponent);
  // Knuth's multiplicative hash spreads consecutive ids over [0, 1).
  const spread = ((Math.imul(messageId, 2654435761) >>> 0) % 1000) / 1000;
  return Math.round(base * (1 + 0.2 * spread));
}

/** True when the attempt just made was the last one allowed. */
export function isFinalAttempt(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}
