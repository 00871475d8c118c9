import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { setNonce } from "get-nonce";
import { clientStyleNonce } from "./components/nonce";

// Mantine's modals lock scrolling with a <style> element made by react-remove-scroll, which takes
// its nonce from get-nonce; without it the CSP blocks that style.
setNonce(clientStyleNonce());

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
