// Case changes other modules ask for, one shipment or a few at a time, outside ingestion and the
// scan: a signal from the labels' address-check override (`openOrAppendCase`) and the clearing of
// cases after a label is voided (`autoResolveCases`). Both lock the shipments first, like ingestion.
import type { ExceptionType } from "../../../db/types";
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { parseShopSettings } from "../shops/settings";
import { getShopSettings } from "../shops/shops.server";
import { CaseBook } from "./case-book";
import { loadOpenCases, writeCaseBook } from "./case-writer.server";
import { caseShipment, factsOf, readFacts } from "./facts.server";
import { clearingFor } from "./rules";

/**
 * Auto-resolves the open cases of some shipments whose conditions have cleared (labels call this
 * after voiding; the scan does it for every shop). Returns how many cases it resolved.
 */
export async function autoResolveCases(scope: ShopScope, shipmentIds: readonly number[], now: Date = new Date()): Promise<number> {
  if (!shipmentIds.length) return 0;
  return scope.transaction(async (tx) => {
    const shop = await tx.db.selectFrom("shops").select(["time_zone", "settings"]).where("id", "=", tx.shopId).executeTakeFirstOrThrow();
    const settings = parseShopSettings(shop.settings);
    const ctx = { now, timeZone: shop.time_zone, thresholds: settings.exceptions };
    const rows = await readFacts(tx, [...shipmentIds].sort((a, b) => a - b), true);
    const book = new CaseBook<never>(await loadOpenCases(tx, rows.map((r) => r.id)));
    for (const row of rows) {
      for (const c of book.openCases(row.id)) {
        const clearing = clearingFor(c, factsOf(row), ctx);
        if (clearing) book.resolve(row.id, c.type, now, clearing);
      }
    }
    const written = await writeCaseBook(tx, book, { shipments: new Map(rows.map((r) => [r.id, caseShipment(r)])), sla: settings.sla, now });
    return written.resolved;
  });
}

/**
 * One signal for one shipment: opens a case of that type, or appends to the open one. For rules that
 * live outside tracking (the labels' address-check override). Returns the case and whether it is new.
 */
export async function openOrAppendCase(
  scope: ShopScope,
  input: { shipmentId: number; type: ExceptionType; rule: string; reason: string; at: Date; eventId?: number | null; actorUserId?: number | null },
): Promise<{ caseId: number; opened: boolean }> {
  return scope.transaction(async (tx) => {
    const shipment = await tx
      .selectFrom("shipments")
      .select(["id", "order_id", "carrier_code", "dest_region", "dest_country"])
      .where("id", "=", input.shipmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!shipment) throw new AppError(404, "Shipment not found.");
    const existing = (await loadOpenCases(tx, [shipment.id])).filter((c) => c.type === input.type);
    const book = new CaseBook<number>(existing);
    const outcome = book.signal(shipment.id, { type: input.type, rule: input.rule, reason: input.reason, at: input.at, ref: input.eventId ?? undefined });
    const settings = await getShopSettings(tx.db, tx.shopId);
    const written = await writeCaseBook(tx, book, {
      shipments: new Map([[shipment.id, caseShipment(shipment)]]),
      sla: settings.sla,
      eventId: (ref) => ref,
      actorUserId: input.actorUserId ?? null,
      now: input.at,
    });
    if (outcome === "opened" && written.opened[0]) return { caseId: written.opened[0].id, opened: true };
    const open = (await loadOpenCases(tx, [shipment.id])).find((c) => c.type === input.type);
    if (!open) throw new Error("openOrAppendCase: the case vanished");
    return { caseId: open.id, opened: false };
  });
}
