// The case lifecycle driven by signals, worked out in memory before anything is written: one open
// case per (shipment, type); a signal opens a case or appends to the open one; a clearing resolves
// it. Ingestion replays a batch's events in time order through a CaseBook, the scan replays its
// findings, and case-writer.server.ts writes the outcome in a few set-based statements. Pure.
import type { ExceptionType } from "../../../db/types";
import type { CaseSignal, Clearing, OpenCaseFacts } from "./rules";

export interface ExistingCase {
  id: number;
  shipmentId: number;
  type: ExceptionType;
  rule: string;
  openedAt: Date;
  lastSignalAt: Date;
  /** Rules that already signalled this case (lets the periodic scan append a rule once, not every run). */
  signalRules?: readonly string[];
}

export interface PlannedSignal<R> extends CaseSignal {
  /** The event that caused it (mapped to its database id once the events are stored). */
  ref?: R;
}

export interface NewCase<R> {
  shipmentId: number;
  type: ExceptionType;
  rule: string;
  reason: string;
  openedAt: Date;
  signals: PlannedSignal<R>[];
  resolved: { at: Date; clearing: Clearing } | null;
}

export interface Resolution {
  caseId: number;
  shipmentId: number;
  type: ExceptionType;
  at: Date;
  clearing: Clearing;
}

interface Slot<R> {
  existing?: ExistingCase;
  fresh?: NewCase<R>;
  rules: Set<string>;
  lastSignalAt: Date;
  rule: string;
}

export class CaseBook<R = unknown> {
  /** Open cases by shipment, then type. */
  private open = new Map<number, Map<ExceptionType, Slot<R>>>();
  readonly created: NewCase<R>[] = [];
  readonly appended = new Map<number, PlannedSignal<R>[]>();
  readonly resolutions: Resolution[] = [];

  constructor(existing: readonly ExistingCase[] = []) {
    for (const c of existing) {
      this.slots(c.shipmentId).set(c.type, { existing: c, rules: new Set([c.rule, ...(c.signalRules ?? [])]), lastSignalAt: c.lastSignalAt, rule: c.rule });
    }
  }

  private slots(shipmentId: number): Map<ExceptionType, Slot<R>> {
    let m = this.open.get(shipmentId);
    if (!m) {
      m = new Map();
      this.open.set(shipmentId, m);
    }
    return m;
  }

  /** The open cases of a shipment, as the clearing rules see them. */
  openCases(shipmentId: number): OpenCaseFacts[] {
    const m = this.open.get(shipmentId);
    if (!m) return [];
    return [...m].map(([type, slot]) => ({ type, rule: slot.rule, lastSignalAt: slot.lastSignalAt }));
  }

  hasOpen(shipmentId: number, type: ExceptionType): boolean {
    return Boolean(this.open.get(shipmentId)?.has(type));
  }

  /**
   * Opens a case or appends to the open one. With `oncePerRule`, a rule that already signalled the
   * open case is not appended again (the periodic scan re-finds the same condition every run).
   */
  signal(shipmentId: number, signal: PlannedSignal<R>, options: { oncePerRule?: boolean } = {}): "opened" | "appended" | "unchanged" {
    const slots = this.slots(shipmentId);
    const slot = slots.get(signal.type);
    if (slot) {
      if (options.oncePerRule && slot.rules.has(signal.rule)) return "unchanged";
      slot.rules.add(signal.rule);
      if (signal.at.getTime() > slot.lastSignalAt.getTime()) slot.lastSignalAt = signal.at;
      if (slot.fresh) slot.fresh.signals.push(signal);
      else if (slot.existing) {
        const list = this.appended.get(slot.existing.id) ?? [];
        list.push(signal);
        this.appended.set(slot.existing.id, list);
      }
      return "appended";
    }
    const fresh: NewCase<R> = {
      shipmentId,
      type: signal.type,
      rule: signal.rule,
      reason: signal.reason,
      openedAt: signal.at,
      signals: [signal],
      resolved: null,
    };
    this.created.push(fresh);
    slots.set(signal.type, { fresh, rules: new Set([signal.rule]), lastSignalAt: signal.at, rule: signal.rule });
    return "opened";
  }

  resolve(shipmentId: number, type: ExceptionType, at: Date, clearing: Clearing): boolean {
    const slots = this.open.get(shipmentId);
    const slot = slots?.get(type);
    if (!slots || !slot) return false;
    slots.delete(type);
    if (slot.fresh) {
      // Never resolve before the case opened (a late old event can clear a newer case).
      slot.fresh.resolved = { at: at < slot.fresh.openedAt ? slot.fresh.openedAt : at, clearing };
    } else if (slot.existing) {
      const at2 = at < slot.existing.openedAt ? slot.existing.openedAt : at;
      this.resolutions.push({ caseId: slot.existing.id, shipmentId, type, at: at2, clearing });
    }
    return true;
  }

  get isEmpty(): boolean {
    return this.created.length === 0 && this.appended.size === 0 && this.resolutions.length === 0;
  }
}

