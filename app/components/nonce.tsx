import { createContext, useContext } from "react";

// "" rather than undefined on the client, so server and client markup agree during hydration.
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);

/**
 * The nonce for style elements Mantine creates after hydration. Browsers hide nonce attributes from
 * getAttribute, but keep the value on the element's `nonce` property; the root layout renders it
 * on a meta tag for exactly this.
 */
export function clientStyleNonce(): string {
  if (typeof document === "undefined") return "";
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce ?? "";
}
