// Accounts that hold against a hostile user (issue 13): invitations by emailed single-use link,
// password reset links, the outbox of account emails (invitations, resets), and sign-in throttling
// counted per email and per client address with a growing delay.
// Frozen: never edit a migration that has landed; add a new one.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Only the SHA-256 of a link's token is stored, so a leaked table opens no invitation.
  await db.schema
    .createTable("invitations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("shop_id", "bigint", (c) => c.notNull().references("shops.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_by", "bigint", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("declined_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("invitations_role", sql`role in ('owner', 'fulfilment', 'support')`)
    .execute();
  // One open invitation per shop and email: inviting again resends it.
  await sql`create unique index invitations_open on invitations (shop_id, lower(email))
    where accepted_at is null and declined_at is null and revoked_at is null`.execute(db);

  await db.schema
    .createTable("password_resets")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("password_resets_user").on("password_resets").column("user_id").execute();

  // Account emails are not a shop's buyer messages: their own outbox, delivered by the same
  // transports (SMTP, or .eml files in DATA_DIR/outbox). The body (which holds the link) is blanked
  // once the message is sent or given up.
  await db.schema
    .createTable("account_emails")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("shop_id", "bigint", (c) => c.references("shops.id").onDelete("cascade"))
    .addColumn("invitation_id", "bigint", (c) => c.references("invitations.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("transport_ref", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addCheckConstraint("account_emails_status", sql`status in ('queued', 'sending', 'sent', 'failed')`)
    .execute();
  await sql`create index account_emails_due on account_emails (next_attempt_at, id) where status in ('queued', 'sending')`.execute(db);
  await sql`create index account_emails_invitation on account_emails (invitation_id, id) where invitation_id is not null`.execute(db);

  // One row per throttled key ("email:<address>" or "ip:<address>"); attempts lock the rows, so
  // parallel attempts are counted one after the other.
  await db.schema
    .createTable("sign_in_throttles")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_allowed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["sign_in_throttles", "account_emails", "password_resets", "invitations"]) {
    await db.schema.dropTable(t).execute();
  }
}
