// Event-driven detection: as ingestion replays a shipment's new events in time order, each event may
// clear open cases (delivered, scanned again, address corrected) and then raise signals (failed
// attempt, address problem, damage, return, misroute by code or by geography, lost, carrier delay).
// Works on a CaseBook, so a batch that holds a whole journey opens and closes cases at the moments
// they happened; ingestion then writes the book with the batch (case-writer.server.ts). Pure.
import type { CaseBook } from "./case-book";
import { clearingFor, eventClearing, eventSignals, type EventFacts, type ScanContext, type ShipmentContext, type ShipmentFacts } from "./rules";
import type { FoldStep, FoldableEvent } from "../tracking/status";

export interface DetectionShipment extends ShipmentContext {
  id: number;
  labelCreatedAt: Date;
}

export function detectEventExceptions<E extends FoldableEvent & { code: string }>(
  book: CaseBook<E>,
  shipment: DetectionShipment,
  steps: readonly FoldStep<E>[],
  ctx: Pick<ScanContext, "now" | "timeZone" | "thresholds">,
): void {
  for (const step of steps) {
    const s = step.after;
    const facts: ShipmentFacts = {
      ...shipment,
      status: s.status,
      substatus: s.substatus,
      lastScanAt: s.lastScanAt,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      eddCurrent: s.eddCurrent,
    };
    const event: EventFacts = { code: step.event.code, description: step.event.description, occurredAt: step.event.occurredAt, location: step.event.location };
    for (const open of book.openCases(shipment.id)) {
      const clearing = eventClearing(open.type, shipment.carrierCode, event, step.normalized) ?? clearingFor(open, facts, ctx);
      if (clearing) book.resolve(shipment.id, open.type, step.event.occurredAt, clearing);
    }
    for (const signal of eventSignals(shipment, event, step.normalized, step.before, step.newest)) {
      book.signal(shipment.id, { ...signal, ref: step.event });
    }
  }
}
