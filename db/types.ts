// The database as Kysely sees it: one interface per table, mirroring db/migrations.
// int8 columns arrive as JS numbers (see app/lib/db.server.ts), `date` columns as "YYYY-MM-DD" strings.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar day, "YYYY-MM-DD". */
type Day = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | T, string | T>;
type JsonDefault<T> = ColumnType<T, string | T | undefined, string | T>;

export type Role = "owner" | "fulfilment" | "support";

export interface ShopsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  settings: JsonDefault<Record<string, unknown>>;
  webhook_secret: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  shop_id: number;
  user_id: number;
  role: Role;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  shop_id: number | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: CreatedAt;
}

/** An emailed invitation to join a shop; open while accepted/declined/revoked are all null. */
export interface InvitationsTable {
  id: Generated<number>;
  shop_id: number;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: number | null;
  created_at: CreatedAt;
  sent_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: number | null;
  declined_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type AccountEmailKind = "invitation" | "password_reset";

export interface AccountEmailsTable {
  id: Generated<number>;
  kind: AccountEmailKind;
  recipient: string;
  subject: string;
  body: string;
  shop_id: number | null;
  invitation_id: number | null;
  status: Generated<"queued" | "sending" | "sent" | "failed">;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  last_error: string | null;
  transport_ref: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface SignInThrottlesTable {
  key: string;
  failures: Generated<number>;
  next_allowed_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  shop_id: number;
  at: CreatedAt;
  actor_user_id: number | null;
  action: string;
  order_id: number | null;
  shipment_id: number | null;
  case_id: number | null;
  details: JsonDefault<Record<string, unknown>>;
}

export type ImportStatus = "running" | "completed" | "interrupted" | "failed";

export interface ImportBatchesTable {
  id: Generated<number>;
  shop_id: number;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  stored_path: string | null;
  preset: string;
  mapping: Json<Record<string, string> | null> | null;
  /** The file's header row, in order (for the error report). */
  columns: Json<string[] | null> | null;
  status: ImportStatus;
  created_by: number | null;
  started_at: CreatedAt;
  heartbeat_at: CreatedAt;
  finished_at: Timestamp | null;
  bytes_done: Generated<number>;
  records: Generated<number>;
  committed_records: Generated<number>;
  orders_created: Generated<number>;
  orders_updated: Generated<number>;
  orders_unchanged: Generated<number>;
  orders_rejected: Generated<number>;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  failure: string | null;
}

export interface ImportErrorsTable {
  id: Generated<number>;
  shop_id: number;
  batch_id: number;
  line: number;
  column_name: string | null;
  code: string;
  message: string;
  severity: Generated<"error" | "warning">;
  order_external_id: string | null;
  raw: Json<Record<string, string>> | null;
}

export interface ImportTemplatesTable {
  id: Generated<number>;
  shop_id: number;
  name: string;
  mapping: Json<Record<string, string>>;
  created_at: CreatedAt;
}

export type OrderStatus = "to_ship" | "shipped" | "delivered" | "cancelled";

export interface AddressProblem {
  code: string;
  field: string;
  message: string;
}

export interface AddressOverride {
  by: number;
  byName: string;
  reason: string;
  at: string;
}

export interface OrdersTable {
  id: Generated<number>;
  shop_id: number;
  external_id: string;
  source: string;
  status: OrderStatus;
  marketplace_status: string | null;
  placed_at: Timestamp | null;
  buyer_name: string;
  buyer_email: string | null;
  buyer_phone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  service_level: Generated<string>;
  shipping_method: string | null;
  total_cents: Generated<number>;
  currency: Generated<string>;
  weight_grams: Generated<number>;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  buyer_message: string | null;
  seller_note: string | null;
  carrier_code: string | null;
  service_code: string | null;
  assigned_at: Timestamp | null;
  ship_date: Day | null;
  edd_min: Day | null;
  edd_max: Day | null;
  address_problems: Json<AddressProblem[]> | null;
  address_override: Json<AddressOverride> | null;
  import_batch_id: number | null;
  content_hash: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface OrderItemsTable {
  id: Generated<number>;
  shop_id: number;
  order_id: number;
  line_no: number;
  sku: string | null;
  product_name: string | null;
  variation: string | null;
  quantity: number;
  unit_price_cents: number | null;
  weight_grams: number | null;
}

export interface CarrierAccountsTable {
  shop_id: number;
  carrier_code: string;
  enabled: Generated<boolean>;
  account_number: string | null;
  handling_days: Generated<number>;
  cutoff_time: Generated<string>;
  updated_at: CreatedAt;
}

export interface HolidaysTable {
  shop_id: number;
  day: Day;
  name: string;
}

export interface AssignmentRulesTable {
  id: Generated<number>;
  shop_id: number;
  position: number;
  name: string;
  enabled: Generated<boolean>;
  conditions: Json<Record<string, unknown>>;
  carrier_code: string;
  service_code: string;
  updated_at: CreatedAt;
}

export type ShipmentStatus =
  | "pending"
  | "info_received"
  | "in_transit"
  | "out_for_delivery"
  | "attempt_failed"
  | "available_for_pickup"
  | "delivered"
  | "exception"
  | "returned_to_sender"
  | "expired"
  | "voided";

export interface ShipmentsTable {
  id: Generated<number>;
  shop_id: number;
  order_id: number;
  carrier_code: string;
  service_code: string | null;
  tracking_number: string;
  status: Generated<ShipmentStatus>;
  substatus: string | null;
  imported: Generated<boolean>;
  weight_grams: Generated<number>;
  package_count: Generated<number>;
  dest_region: string | null;
  dest_postal_code: string | null;
  dest_country: string | null;
  label_created_at: Timestamp | null;
  label_created_by: number | null;
  printed_at: Timestamp | null;
  voided_at: Timestamp | null;
  voided_by: number | null;
  void_reason: string | null;
  shipped_at: Timestamp | null;
  ship_day: Day | null;
  delivered_at: Timestamp | null;
  delivered_day: Day | null;
  edd_original: Day | null;
  edd_current: Day | null;
  edd_min: Day | null;
  edd_max: Day | null;
  proof_type: "signature" | "photo" | null;
  proof_signed_by: string | null;
  proof_photo_url: string | null;
  last_event_at: Timestamp | null;
  last_scan_at: Timestamp | null;
  last_region: string | null;
  last_postal_code: string | null;
  last_country: string | null;
  events_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface GeneratedLabel {
  orderId: string;
  shipmentId: number;
  carrier: string;
  service: string;
  trackingNumber: string;
  page: number;
}

export interface SkippedOrder {
  orderId: string;
  reason: string;
}

export interface LabelBatchesTable {
  id: Generated<number>;
  shop_id: number;
  created_by: number | null;
  created_at: CreatedAt;
  format: "pdf" | "zpl";
  layout: "4x6" | "letter";
  packing_slips: Generated<boolean>;
  status: "running" | "completed" | "failed";
  total: Generated<number>;
  done: Generated<number>;
  generated: JsonDefault<GeneratedLabel[]>;
  skipped: JsonDefault<SkippedOrder[]>;
  file: Buffer | null;
  file_name: string | null;
  failure: string | null;
}

export interface TrackingProof {
  type: "signature" | "photo";
  signedBy?: string | null;
  photoUrl?: string | null;
}

export interface TrackingEventsTable {
  id: Generated<number>;
  shop_id: number;
  shipment_id: number | null;
  carrier_code: string;
  event_id: string;
  tracking_number: string;
  occurred_at: Timestamp;
  utc_offset: string;
  raw_code: string;
  description: Generated<string>;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  facility: string | null;
  proof: Json<TrackingProof> | null;
  raw: Json<Record<string, unknown>> | null;
  status: ShipmentStatus;
  substatus: string | null;
  exception_type: string | null;
  mapping_rule: string;
  unmapped: Generated<boolean>;
  source: "webhook" | "file" | "simulator";
  received_at: CreatedAt;
}

export interface CodeMappingsTable {
  shop_id: number;
  carrier_code: string;
  raw_code: string;
  status: ShipmentStatus;
  exception_type: string | null;
  updated_by: number | null;
  updated_at: CreatedAt;
}

export type ExceptionType =
  | "delayed"
  | "stalled"
  | "not_picked_up"
  | "misrouted"
  | "failed_attempt"
  | "address_issue"
  | "damaged"
  | "returned_to_sender"
  | "lost";

export type CaseState = "open" | "investigating" | "waiting_on_carrier" | "waiting_on_buyer" | "resolved";
export type Severity = "low" | "medium" | "high" | "critical";

export interface CasesTable {
  id: Generated<number>;
  shop_id: number;
  shipment_id: number;
  order_id: number;
  type: ExceptionType;
  severity: Severity;
  state: Generated<CaseState>;
  rule: string;
  reason: string;
  assignee_id: number | null;
  opened_at: CreatedAt;
  sla_due_at: Timestamp;
  last_signal_at: CreatedAt;
  signal_count: Generated<number>;
  resolved_at: Timestamp | null;
  resolution_code: string | null;
  resolution_note: string | null;
  auto_resolved: Generated<boolean>;
  carrier_code: string;
  dest_region: string | null;
  dest_country: string | null;
  version: Generated<number>;
  updated_at: CreatedAt;
}

export interface CaseSignalsTable {
  id: Generated<number>;
  shop_id: number;
  case_id: number;
  at: CreatedAt;
  rule: string;
  reason: string;
  event_id: number | null;
}

export interface CaseNotesTable {
  id: Generated<number>;
  shop_id: number;
  case_id: number;
  author_id: number | null;
  body: string;
  created_at: CreatedAt;
}

export interface SavedViewsTable {
  id: Generated<number>;
  shop_id: number;
  user_id: number;
  name: string;
  query: string;
  created_at: CreatedAt;
}

export type OutboxStatus = "queued" | "sending" | "sent" | "failed" | "skipped";

export interface NotificationOutboxTable {
  id: Generated<number>;
  shop_id: number;
  order_id: number | null;
  shipment_id: number | null;
  case_id: number | null;
  trigger: string;
  channel: "email" | "sms";
  recipient: string;
  subject: string | null;
  body: string;
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  last_error: string | null;
  transport_ref: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface NotificationTemplatesTable {
  shop_id: number;
  trigger: string;
  channel: "email" | "sms";
  subject: string | null;
  body: string;
  /** False: the owner switched this trigger off on this channel (the text is kept). */
  enabled: Generated<boolean>;
  updated_by: number | null;
  updated_at: CreatedAt;
}

export interface BuyerPreferencesTable {
  shop_id: number;
  contact: string;
  unsubscribed: Generated<boolean>;
  triggers_off: ColumnType<string[], string[] | undefined, string[]>;
  channels_off: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: CreatedAt;
}

export interface RateLimitHitsTable {
  bucket: string;
  window_start: Timestamp;
  hits: Generated<number>;
}

/** Analytics summaries (rebuilt from shipments and cases; see app/modules/analytics/refresh.server.ts). */
interface AnalyticsDimensions {
  shop_id: number;
  ship_day: Day;
  carrier_code: string;
  /** "" when the shipment has none. */
  service_code: string;
  /** Upper-cased; "*" in roll-up rows (all destinations, or all regions of a country). */
  dest_country: string;
  dest_region: string;
}

export interface AnalyticsDailyTable extends AnalyticsDimensions {
  shipped: number;
  delivered: number;
  with_proof: number;
  in_flight: number;
  not_delivered: number;
  on_time: number;
  on_time_known: number;
}

export interface AnalyticsTransitDailyTable extends AnalyticsDimensions {
  transit_days: number;
  parcels: number;
}

export interface AnalyticsExceptionDailyTable extends AnalyticsDimensions {
  type: ExceptionType;
  cases: number;
}

export interface AnalyticsDestinationsTable {
  shop_id: number;
  dest_country: string;
  dest_region: string;
  last_ship_day: Day;
}

export interface AnalyticsDirtyDaysTable {
  id: Generated<number>;
  shop_id: number;
  ship_day: Day;
}

export interface AnalyticsRefreshStateTable {
  shop_id: number;
  holidays_key: string;
  refreshed_at: Timestamp;
}

export interface Database {
  shops: ShopsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  account_emails: AccountEmailsTable;
  sign_in_throttles: SignInThrottlesTable;
  audit_log: AuditLogTable;
  import_batches: ImportBatchesTable;
  import_errors: ImportErrorsTable;
  import_templates: ImportTemplatesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  carrier_accounts: CarrierAccountsTable;
  holidays: HolidaysTable;
  assignment_rules: AssignmentRulesTable;
  shipments: ShipmentsTable;
  label_batches: LabelBatchesTable;
  tracking_events: TrackingEventsTable;
  code_mappings: CodeMappingsTable;
  cases: CasesTable;
  case_signals: CaseSignalsTable;
  case_notes: CaseNotesTable;
  saved_views: SavedViewsTable;
  notification_outbox: NotificationOutboxTable;
  notification_templates: NotificationTemplatesTable;
  buyer_preferences: BuyerPreferencesTable;
  rate_limit_hits: RateLimitHitsTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_transit_daily: AnalyticsTransitDailyTable;
  analytics_exception_daily: AnalyticsExceptionDailyTable;
  analytics_destinations: AnalyticsDestinationsTable;
  analytics_dirty_days: AnalyticsDirtyDaysTable;
  analytics_refresh_state: AnalyticsRefreshStateTable;
}

/** Tables whose rows belong to one shop: every query of these goes through `forShop()`. */
export const SHOP_TABLES = [
  "audit_log",
  "invitations",
  "import_batches",
  "import_errors",
  "import_templates",
  "orders",
  "order_items",
  "carrier_accounts",
  "holidays",
  "assignment_rules",
  "shipments",
  "label_batches",
  "tracking_events",
  "code_mappings",
  "cases",
  "case_signals",
  "case_notes",
  "saved_views",
  "notification_outbox",
  "notification_templates",
  "buyer_preferences",
  "analytics_daily",
  "analytics_transit_daily",
  "analytics_exception_daily",
  "analytics_destinations",
  "analytics_dirty_days",
  "analytics_refresh_state",
] as const satisfies readonly (keyof Database)[];
export type ShopTable = (typeof SHOP_TABLES)[number];

export type Shop = Selectable<ShopsTable>;
export type User = Selectable<UsersTable>;
export type Order = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdate = Updateable<OrdersTable>;
export type OrderItem = Selectable<OrderItemsTable>;
export type Shipment = Selectable<ShipmentsTable>;
export type TrackingEvent = Selectable<TrackingEventsTable>;
export type Case = Selectable<CasesTable>;
