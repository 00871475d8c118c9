// The downloadable generic template: our own column names with two example orders. Pure.
import { toCsv } from "../../lib/csv";
import { GENERIC_COLUMNS } from "./presets";

const EXAMPLES: Record<string, string>[] = [
  {
    order_id: "10001", status: "To ship", placed_at: "2026-11-03 19:00:58", recipient: "Ava Smith", email: "ava@example.com",
    phone: "(555) 010-0000", address1: "12 Main St", address2: "Apt 4B", city: "Springfield", state: "MA", postal_code: "01103",
    country: "US", sku: "TMB-40-SAGE", product_name: "Insulated tumbler 40oz", variation: "Sage", quantity: "2", unit_price: "34.99",
    weight_kg: "1.04", order_total: "82.97", currency: "USD", shipping_method: "Standard", buyer_message: "Gift wrap, please",
  },
  // A second item of the same order: order-level columns may be left blank.
  { order_id: "10001", sku: "CASE-IP16-CLR", product_name: "Phone case, clear", variation: "iPhone 16", quantity: "1", unit_price: "12.99", weight_kg: "0.06" },
  {
    order_id: "10002", status: "Shipped", placed_at: "11/04/2026 09:15:00", recipient: "José Álvarez", phone: "(+1)512*****01",
    address1: "400 Oak Ave", city: "Austin", state: "Texas", postal_code: "73301", country: "United States", sku: "MAT-6-PRP",
    product_name: "Yoga mat 6mm", quantity: "1", unit_price: "29.00", weight_kg: "1.35", order_total: "29.00", currency: "USD",
    shipping_method: "Expedited", tracking_number: "1Z999AA10123456784", carrier: "UPS", shipped_at: "2026-11-05T16:24:41-05:00",
  },
];

export function genericTemplateCsv(): string {
  return toCsv(GENERIC_COLUMNS, EXAMPLES.map((row) => GENERIC_COLUMNS.map((c) => row[c] ?? "")));
}
