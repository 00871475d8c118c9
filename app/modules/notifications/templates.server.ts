// A shop's message templates: the built-in text of each trigger and channel unless the owner saved
// their own (notification_templates), whether each is switched on, and saving or resetting them.
import { AppError } from "../../lib/errors";
import type { ShopScope } from "../../lib/tenancy.server";
import { recordAudit } from "../audit/audit.server";
import { templateProblems } from "./templates";
import { ALL_TRIGGERS, CHANNEL_LABELS, type Channel, CHANNELS, defaultText, isSupportTrigger, type Trigger, TRIGGERS } from "./triggers";

export interface ShopTemplate {
  trigger: Trigger;
  channel: Channel;
  enabled: boolean;
  subject: string | null;
  body: string;
  /** The owner saved their own text (or switch). */
  customized: boolean;
  updatedAt: Date | null;
}

/** Every trigger's template on every channel it has, in settings order. */
export async function shopTemplates(scope: ShopScope): Promise<ShopTemplate[]> {
  const rows = await scope.selectFrom("notification_templates").selectAll().execute();
  const saved = new Map(rows.map((r) => [`${r.trigger}/${r.channel}`, r]));
  const out: ShopTemplate[] = [];
  for (const trigger of ALL_TRIGGERS) {
    for (const channel of CHANNELS) {
      const builtIn = defaultText(trigger, channel);
      if (!builtIn) continue;
      const row = saved.get(`${trigger}/${channel}`);
      out.push(
        row
          ? { trigger, channel, enabled: row.enabled, subject: row.subject, body: row.body, customized: true, updatedAt: row.updated_at }
          : { trigger, channel, enabled: TRIGGERS[trigger].defaultChannels[channel], ...builtIn, customized: false, updatedAt: null },
      );
    }
  }
  return out;
}

/** The templates of one trigger (one query; the hooks call this on the tracking transaction). */
export async function templatesForTrigger(scope: ShopScope, trigger: Trigger): Promise<Partial<Record<Channel, ShopTemplate>>> {
  const rows = await scope.selectFrom("notification_templates").selectAll().where("trigger", "=", trigger).execute();
  const out: Partial<Record<Channel, ShopTemplate>> = {};
  for (const channel of CHANNELS) {
    const builtIn = defaultText(trigger, channel);
    if (!builtIn) continue;
    const row = rows.find((r) => r.channel === channel);
    out[channel] = row
      ? { trigger, channel, enabled: row.enabled, subject: row.subject, body: row.body, customized: true, updatedAt: row.updated_at }
      : { trigger, channel, enabled: TRIGGERS[trigger].defaultChannels[channel], ...builtIn, customized: false, updatedAt: null };
  }
  return out;
}

export interface TemplateChange {
  trigger: Trigger;
  channel: Channel;
  enabled: boolean;
  subject: string | null;
  body: string;
  actorUserId: number | null;
}

export async function saveTemplate(scope: ShopScope, change: TemplateChange): Promise<ShopTemplate> {
  const builtIn = defaultText(change.trigger, change.channel);
  if (!builtIn) throw new AppError(400, `${TRIGGERS[change.trigger].label} messages are sent by email only.`);
  if (isSupportTrigger(change.trigger) && !change.enabled) {
    throw new AppError(400, "Support agents choose when to send this message; it cannot be switched off.");
  }
  const subject = change.channel === "email" ? (change.subject ?? "").trim() : null;
  const body = change.body.replace(/\r\n/g, "\n").trim();
  const problems = templateProblems(change.channel, { subject, body });
  if (problems.subject || problems.body) {
    throw new AppError(400, [problems.subject && `subject: ${problems.subject}`, problems.body && `body: ${problems.body}`].filter(Boolean).join(" "), {
      details: { subject: problems.subject, body: problems.body },
    });
  }
  return scope.transaction(async (tx) => {
    const before = (await templatesForTrigger(tx, change.trigger))[change.channel]!;
    const row = await tx
      .insertInto("notification_templates", {
        trigger: change.trigger,
        channel: change.channel,
        enabled: change.enabled,
        subject,
        body,
        updated_by: change.actorUserId,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(["shop_id", "trigger", "channel"]).doUpdateSet({
          enabled: change.enabled,
          subject,
          body,
          updated_by: change.actorUserId,
          updated_at: new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actorUserId: change.actorUserId,
      action: "notification_template.updated",
      details: {
        summary: describeChange(change, before),
        trigger: change.trigger,
        channel: change.channel,
        enabled: change.enabled,
      },
    });
    return { trigger: change.trigger, channel: change.channel, enabled: row.enabled, subject: row.subject, body: row.body, customized: true, updatedAt: row.updated_at };
  });
}

/** Back to the built-in text and switch. */
export async function resetTemplate(
  scope: ShopScope,
  input: { trigger: Trigger; channel: Channel; actorUserId: number | null },
): Promise<void> {
  await scope.transaction(async (tx) => {
    const deleted = await tx
      .deleteFrom("notification_templates")
      .where("trigger", "=", input.trigger)
      .where("channel", "=", input.channel)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "notification_template.reset",
      details: {
        summary: `Reset the ${TRIGGERS[input.trigger].label} ${CHANNEL_LABELS[input.channel].toLowerCase()} to the built-in text.`,
        trigger: input.trigger,
        channel: input.channel,
      },
    });
  });
}

function describeChange(change: TemplateChange, before: ShopTemplate): string {
  const what = `${TRIGGERS[change.trigger].label} ${CHANNEL_LABELS[change.channel].toLowerCase()}`;
  const textChanged = before.body !== change.body.trim() || (change.channel === "email" && before.subject !== (change.subject ?? "").trim());
  if (before.enabled !== change.enabled && !textChanged) return `Switched ${change.enabled ? "on" : "off"} the ${what}.`;
  if (before.enabled !== change.enabled) return `Edited and switched ${change.enabled ? "on" : "off"} the ${what}.`;
  return `Edited the ${what} template.`;
}
