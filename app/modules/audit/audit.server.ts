// The audit log: who did what, when, to which order, shipment or case. Every module that changes
// seller data writes here through `recordAudit`; the order history and a case's activity log read it.
import type { ShopScope } from "../../lib/tenancy.server";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  orderId?: number | null;
  shipmentId?: number | null;
  caseId?: number | null;
  details?: Record<string, unknown>;
  at?: Date;
}

// PostgreSQL takes at most 65,535 parameters per statement; 8 columns per entry stays well below.
const CHUNK = 5_000;

export async function recordAudit(scope: ShopScope, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += CHUNK) await insertAudit(scope, list.slice(i, i + CHUNK));
}

async function insertAudit(scope: ShopScope, list: AuditEntry[]): Promise<void> {
  if (list.length === 0) return;
  await scope
    .insertInto(
      "audit_log",
      list.map((e) => ({
        actor_user_id: e.actorUserId,
        action: e.action,
        order_id: e.orderId ?? null,
        shipment_id: e.shipmentId ?? null,
        case_id: e.caseId ?? null,
        details: JSON.stringify(e.details ?? {}),
        ...(e.at ? { at: e.at } : {}),
      })),
    )
    .execute();
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  details: Record<string, unknown>;
  shipmentId: number | null;
  caseId: number | null;
}

/** Audit entries with the actor's name, as the history and activity views show them. */
function auditRows(scope: ShopScope) {
  return scope
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "users.name as actorName",
      "audit_log.details",
      "audit_log.shipment_id as shipmentId",
      "audit_log.case_id as caseId",
    ]);
}

/** An order's history (newest first), including its shipments' and cases' entries. */
export async function orderHistory(scope: ShopScope, orderId: number, limit = 200): Promise<AuditRow[]> {
  return auditRows(scope).where("audit_log.order_id", "=", orderId).orderBy("audit_log.at", "desc").orderBy("audit_log.id", "desc").limit(limit).execute();
}

/** A case's activity log (oldest first). */
export async function caseActivity(scope: ShopScope, caseId: number): Promise<AuditRow[]> {
  return auditRows(scope).where("audit_log.case_id", "=", caseId).orderBy("audit_log.at", "asc").orderBy("audit_log.id", "asc").execute();
}
