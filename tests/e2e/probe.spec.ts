// The probe's attacks against the running server (issue 13), over real sockets:
//   1: an oversized upload sent chunked (no Content-Length) answers 413 and the server stays up;
//   4: a tab in ?redirectTo= after sign-in stays on this site;
//  11: a malformed Origin header is refused with 403, not a 500 with a stack trace.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./playwright.config";
import { demoUser, signInAs } from "./support";

/** Streams 64 KB chunks until the server answers (or 260 MB went out); returns the status. */
function chunkedUpload(path: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "localhost", port: E2E_PORT, path, method: "POST", headers: { Cookie: cookie, "Content-Type": "text/csv", "Transfer-Encoding": "chunked" } });
    const chunk = Buffer.alloc(64 * 1024, "a,b,c\n");
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < 260 * 1024 * 1024) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

test("1: an oversized chunked upload answers 413, every time, and the server stays up", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "owner");
  const session = (await page.context().cookies()).find((c) => c.name === "pd_session");
  expect(session).toBeDefined();
  for (let run = 0; run < 3; run++) {
    expect(await chunkedUpload("/s/demo/api/imports?name=big.csv&preset=generic", `pd_session=${session!.value}`)).toBe(413);
    expect((await page.request.get("/healthz")).status()).toBe(200);
  }
});

test("4: a tab in ?redirectTo= does not leave the site after sign-in", async ({ page }) => {
  const owner = demoUser("owner");
  await page.goto("/login?redirectTo=%2F%09%2F127.0.0.1%3A9999%2Fphish");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByRole("textbox", { name: "Password" }).fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://localhost:${E2E_PORT}/s/demo`));
});

test("11: a malformed Origin is refused with 403 and no stack trace", async ({ request }) => {
  for (const origin of ["http://[::1", "not a url"]) {
    const response = await request.post("/login", { headers: { Origin: origin }, form: { email: "x@y.test", password: "z" } });
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).toBe("Cross-site request refused.");
  }
});
