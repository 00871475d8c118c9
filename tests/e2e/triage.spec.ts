// The triage workspace in a browser: a support agent works a case end to end with the keyboard,
// two agents edit one case at once and the second sees what changed (and keeps what they typed),
// bulk assignment from the queue, and a fulfilment user who can look but not act.
import { expect, type Page, test } from "@playwright/test";
import { E2E_TRIAGE } from "./fixtures-seed";
import { signInAs } from "./support";

async function openQueueRow(page: Page, search: string, orderId: string) {
  await page.goto(`/s/demo/exceptions${search}`);
  const rows = page.getByTestId("queue-table").locator("tbody tr");
  await expect(rows.filter({ hasText: orderId })).toHaveCount(1);
  return { rows, index: await rows.evaluateAll((trs, id) => trs.findIndex((tr) => tr.textContent?.includes(id)), orderId) };
}

test("a support agent works a case end to end with the keyboard", async ({ page }) => {
  await signInAs(page, "support");
  const { rows, index } = await openQueueRow(page, "?type=damaged", E2E_TRIAGE.keyboardOrder);
  await expect(page.getByTestId("shortcut-hint")).toContainText("assign to me");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Queue shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  for (let i = 0; i < index; i++) await page.keyboard.press("j");
  await expect(rows.nth(index)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Damaged · order ${E2E_TRIAGE.keyboardOrder}` })).toBeVisible();

  // a: take the case.
  await page.keyboard.press("a");
  await expect(page.getByTestId("assignee")).toHaveText("Assigned to Sam Support");

  // n: an internal note, submitted with Ctrl+Enter.
  await page.keyboard.press("n");
  await expect(page.getByRole("textbox", { name: "Internal note" })).toBeFocused();
  await page.keyboard.type("Called UPS: they confirmed the damage and will send photos.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("notes")).toContainText("Called UPS: they confirmed the damage");
  await expect(page.getByRole("textbox", { name: "Internal note" })).toHaveValue("");

  // m: pick a template and send it with Enter.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("m");
  await expect(page.getByLabel("Message template")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const template = await page.getByLabel("Message template").evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text);
  await page.keyboard.press("Enter");
  await page.getByRole("tab", { name: /Buyer messages/ }).click();
  await expect(page.getByTestId("messages-list")).toContainText(template);
  await expect(page.getByTestId("messages-list")).toContainText("nina.patel@example.com");

  // r: resolve with a code chosen by its number and a note.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: /Resolve case/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("1");
  await expect(dialog.getByRole("textbox", { name: "Note" })).toBeFocused();
  await page.keyboard.type("Reshipped with UPS Next Day Air; the buyer keeps the damaged one.");
  await page.keyboard.press("Control+Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Resolved: Reshipped", { exact: true })).toBeVisible();

  // Every step is in the activity log.
  await page.getByRole("tab", { name: /Activity/ }).click();
  const activity = page.getByTestId("activity");
  await expect(activity).toContainText("Took the damaged case of order E2E-TRIAGE-1001");
  await expect(activity).toContainText("Added an internal note");
  await expect(activity).toContainText(`Queued the “${template}” message`);
  await expect(activity).toContainText("Resolved the damaged case of order E2E-TRIAGE-1001: Reshipped.");
});

test("two agents edit one case: the second sees what changed and keeps what they typed", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const sam = await first.newPage();
  const olivia = await second.newPage();
  await signInAs(sam, "support");
  await signInAs(olivia, "owner");

  await sam.goto("/s/demo/exceptions?type=lost");
  await sam.getByRole("row", { name: new RegExp(E2E_TRIAGE.conflictOrder) }).getByRole("link").click();
  await expect(sam.getByRole("heading", { name: `Lost · order ${E2E_TRIAGE.conflictOrder}` })).toBeVisible();
  await olivia.goto(sam.url());
  await expect(olivia.getByRole("heading", { name: `Lost · order ${E2E_TRIAGE.conflictOrder}` })).toBeVisible();

  // Olivia starts writing while Sam moves the case on.
  const note = "Filing a claim with FedEx today; the buyer gets a refund if it is not found by Friday.";
  await olivia.getByRole("textbox", { name: "Internal note" }).fill(note);
  await sam.getByRole("button", { name: "Change state" }).click();
  await sam.getByRole("menuitem", { name: "Investigating" }).click();
  await expect(sam.getByTestId("case-actions").getByRole("button", { name: "Change state" })).toBeEnabled();
  await expect(sam.getByText("Moved to Investigating.")).toBeVisible();

  await olivia.getByRole("button", { name: "Add note" }).click();
  const conflict = olivia.getByTestId("conflict");
  await expect(conflict).toContainText("This case changed while you were working on it");
  await expect(conflict).toContainText("Sam Support");
  await expect(conflict).toContainText("State: Open → Investigating");
  await expect(olivia.getByRole("textbox", { name: "Internal note" })).toHaveValue(note);
  // The page caught up with the case, so sending again works.
  await expect(olivia.getByText("Investigating").first()).toBeVisible();
  await olivia.getByRole("button", { name: "Add note" }).click();
  await expect(olivia.getByTestId("notes")).toContainText(note);
  await expect(olivia.getByTestId("conflict")).toHaveCount(0);

  await first.close();
  await second.close();
});

test("bulk-assigns selected cases from the queue with the keyboard", async ({ page }) => {
  await signInAs(page, "support");
  await page.goto("/s/demo/exceptions?assignee=unassigned&sort=age");
  const rows = page.getByTestId("queue-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const picked = Math.min(2, await rows.count());
  const ids: string[] = [];
  for (let i = 0; i < picked; i++) {
    ids.push((await rows.nth(i).getAttribute("data-case-id"))!);
    await page.keyboard.press("x");
    if (i < picked - 1) await page.keyboard.press("j");
  }
  await expect(page.getByTestId("bulk-bar")).toContainText(`${picked} selected`);
  await page.keyboard.press("a");
  await expect(page.getByTestId("action-result")).toContainText(`${picked} case${picked === 1 ? "" : "s"} assigned to you.`);
  // They leave the "unassigned" view, and show up under "mine".
  for (const id of ids) await expect(page.locator(`tr[data-case-id="${id}"]`)).toHaveCount(0);
  await page.goto("/s/demo/exceptions?assignee=mine");
  for (const id of ids) await expect(page.locator(`tr[data-case-id="${id}"]`)).toHaveCount(1);
});

test("fulfilment sees cases with the actions disabled, and the server refuses them", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await page.goto("/s/demo/exceptions?type=misrouted");
  await page.getByRole("row", { name: /E2E-TRIAGE-1005/ }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: /Misrouted · order E2E-TRIAGE-1005/ })).toBeVisible();
  const take = page.getByRole("button", { name: /Assign to me/ });
  await expect(take).toHaveAttribute("data-disabled", "true");
  await take.hover();
  await expect(page.getByRole("tooltip", { name: /can view cases but not act on them/ })).toBeVisible();
  await page.keyboard.press("a");
  await expect(page.getByTestId("assignee")).toHaveText("Unassigned");
  // A hand-made request is refused by the server too.
  const status = await page.evaluate(async () => {
    const body = new URLSearchParams({ intent: "assign", assignee: "me", version: "1" });
    const response = await fetch(location.pathname, { method: "POST", body });
    return response.status;
  });
  expect(status).toBe(403);
});

test("the order page shows the parcel's carrier scans, its exception cases and the buyer messages", async ({ page }) => {
  await signInAs(page, "fulfilment");
  await page.goto("/s/demo/exceptions?type=stalled");
  await page.getByRole("row", { name: /E2E-TRIAGE-1004/ }).getByRole("link").click();
  await page.getByRole("link", { name: "Open order" }).click();
  await expect(page.getByRole("heading", { name: /Order E2E-TRIAGE-1004/ })).toBeVisible();

  const tracking = page.getByTestId("order-tracking");
  await expect(tracking.getByRole("heading", { name: "Tracking" })).toBeVisible();
  await expect(tracking).toContainText("Arrived at Facility");
  await expect(tracking).toContainText("Louisville, KY");

  const cases = page.getByTestId("order-cases");
  await expect(cases).toContainText("Exception cases (1)");
  await expect(cases).toContainText("Stalled");
  await expect(page.getByTestId("order-messages").getByRole("heading", { name: "Buyer messages" })).toBeVisible();

  // The case link leads back to the case.
  await cases.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Stalled · order E2E-TRIAGE-1004/ })).toBeVisible();
});
