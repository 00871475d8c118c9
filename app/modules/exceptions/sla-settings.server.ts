// Settings > Case SLAs: saving the `sla` section of the shop settings (severity per exception type,
// hours per severity) with an audit entry listing what changed. New cases use the new values; open
// cases keep the due time they were opened with.
import type { ExceptionType, Severity } from "../../../db/types";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { getShopSettings, updateShopSettings } from "../shops/shops.server";
import type { SlaSettings } from "./sla";
import { EXCEPTION_TYPE_LABELS, EXCEPTION_TYPES, SEVERITIES, SEVERITY_LABELS } from "../vocabulary/shipments";

export async function slaSettings(scope: ShopScope): Promise<SlaSettings> {
  return (await getShopSettings(scope.db, scope.shopId)).sla;
}

/** The differences between two SLA settings, as short phrases ("High: 8 h → 6 h"). */
export function slaDifferences(before: SlaSettings, after: SlaSettings): string[] {
  const out: string[] = [];
  for (const s of SEVERITIES) {
    if (before.hoursBySeverity[s] !== after.hoursBySeverity[s]) {
      out.push(`${SEVERITY_LABELS[s]}: ${before.hoursBySeverity[s]} h → ${after.hoursBySeverity[s]} h`);
    }
  }
  for (const t of EXCEPTION_TYPES) {
    const from = before.severityByType[t as ExceptionType] as Severity | undefined;
    const to = after.severityByType[t as ExceptionType] as Severity | undefined;
    if (from !== to) out.push(`${EXCEPTION_TYPE_LABELS[t]}: ${from ? SEVERITY_LABELS[from] : "default"} → ${to ? SEVERITY_LABELS[to] : "default"}`);
  }
  return out;
}

export async function saveSlaSettings(scope: ShopScope, actorUserId: number, value: SlaSettings): Promise<{ changes: string[] }> {
  return scope.transaction(async (tx) => {
    const before = await slaSettings(tx);
    const next = await updateShopSettings(tx.db, tx.shopId, "sla", value);
    const changes = slaDifferences(before, next.sla);
    if (changes.length) {
      await recordAudit(tx, {
        actorUserId,
        action: "settings.sla_updated",
        details: { summary: `Changed case SLAs (applies to new cases): ${changes.join("; ")}.`, changes },
      });
    }
    return { changes };
  });
}
