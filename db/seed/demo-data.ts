// Realistic demo orders: real US cities with ZIPs that match their state, a handful of
// international addresses, a product catalogue with weights and prices, and a few deliberately
// awkward orders (a PO box, a ZIP from the wrong state, a long address line) so the address check
// has something to find. Deterministic for a given seed.
import { type Random, seededRandom } from "../../app/lib/random";

export interface DemoCity {
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export const DEMO_CITIES: DemoCity[] = [
  ["New York", "NY", "10001"], ["Brooklyn", "NY", "11201"], ["Buffalo", "NY", "14202"], ["Boston", "MA", "02108"],
  ["Cambridge", "MA", "02139"], ["Providence", "RI", "02903"], ["Hartford", "CT", "06103"], ["Newark", "NJ", "07102"],
  ["Jersey City", "NJ", "07302"], ["Philadelphia", "PA", "19103"], ["Pittsburgh", "PA", "15222"], ["Baltimore", "MD", "21201"],
  ["Washington", "DC", "20001"], ["Richmond", "VA", "23219"], ["Charlotte", "NC", "28202"], ["Raleigh", "NC", "27601"],
  ["Atlanta", "GA", "30303"], ["Marietta", "GA", "30060"], ["Miami", "FL", "33130"], ["Orlando", "FL", "32801"],
  ["Tampa", "FL", "33602"], ["Nashville", "TN", "37203"], ["Memphis", "TN", "38103"], ["Columbus", "OH", "43215"],
  ["Cleveland", "OH", "44113"], ["Cincinnati", "OH", "45202"], ["Detroit", "MI", "48226"], ["Chicago", "IL", "60601"],
  ["Milwaukee", "WI", "53202"], ["Minneapolis", "MN", "55401"], ["St. Louis", "MO", "63101"], ["Kansas City", "MO", "64105"],
  ["Omaha", "NE", "68102"], ["Dallas", "TX", "75201"], ["Houston", "TX", "77002"], ["Austin", "TX", "78701"],
  ["San Antonio", "TX", "78205"], ["Oklahoma City", "OK", "73102"], ["Denver", "CO", "80202"], ["Phoenix", "AZ", "85004"],
  ["Tempe", "AZ", "85281"], ["Salt Lake City", "UT", "84101"], ["Las Vegas", "NV", "89101"], ["Los Angeles", "CA", "90012"],
  ["San Diego", "CA", "92101"], ["San Francisco", "CA", "94103"], ["Sacramento", "CA", "95814"], ["Costa Mesa", "CA", "92626"],
  ["Portland", "OR", "97204"], ["Seattle", "WA", "98101"], ["Boise", "ID", "83702"], ["Albuquerque", "NM", "87102"],
  ["New Orleans", "LA", "70112"], ["Louisville", "KY", "40202"], ["Indianapolis", "IN", "46204"], ["Anchorage", "AK", "99501"],
  ["Honolulu", "HI", "96813"],
].map(([city, region, postalCode]) => ({ city, region, postalCode, country: "US" }));

export const DEMO_INTERNATIONAL: DemoCity[] = [
  { city: "London", region: "", postalCode: "SW1A 1AA", country: "GB" },
  { city: "Manchester", region: "", postalCode: "M1 1AE", country: "GB" },
  { city: "Toronto", region: "ON", postalCode: "M5V 3L9", country: "CA" },
  { city: "Vancouver", region: "BC", postalCode: "V6B 1A1", country: "CA" },
];

export interface DemoProduct {
  sku: string;
  name: string;
  variation: string | null;
  weightGrams: number;
  priceCents: number;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { sku: "TMB-40-SAGE", name: "Insulated tumbler 40oz", variation: "Sage", weightGrams: 520, priceCents: 3499 },
  { sku: "CASE-IP16-CLR", name: "Phone case, clear", variation: "iPhone 16", weightGrams: 60, priceCents: 1299 },
  { sku: "LED-5M-RGB", name: "LED strip lights 5m", variation: "RGB", weightGrams: 310, priceCents: 1950 },
  { sku: "MAT-6-PRP", name: "Yoga mat 6mm", variation: "Purple", weightGrams: 1350, priceCents: 2900 },
  { sku: "CLIP-12-MIX", name: "Hair clips (12 pack)", variation: "Mixed", weightGrams: 110, priceCents: 899 },
  { sku: "GLOSS-ROSE", name: 'Lip gloss "Glow"', variation: "Rose", weightGrams: 45, priceCents: 1499 },
  { sku: "PROJ-MINI-W", name: "Mini projector", variation: "White", weightGrams: 980, priceCents: 6999 },
  { sku: "SNK-KIT", name: "Sneaker cleaning kit", variation: null, weightGrams: 420, priceCents: 2199 },
  { sku: "BOTTLE-1L-BLK", name: "Steel water bottle 1L", variation: "Black", weightGrams: 380, priceCents: 2499 },
  { sku: "HOOD-M-GRY", name: "Fleece hoodie", variation: "Grey / M", weightGrams: 640, priceCents: 4499 },
];

const FIRST = ["Ava", "Liam", "Olivia", "Noah", "Mia", "Ethan", "Zoë", "José", "Amara", "Chloé", "Mateo", "Priya", "Hana", "Omar", "Grace", "Lucas", "Sofia", "Kai", "Nina", "Diego"];
const LAST = ["Smith", "Johnson", "García", "Kim", "Nguyen", "Okafor", "Müller", "O'Brien", "Brown", "Patel", "Rossi", "Dubois", "Tanaka", "Silva", "Cohen", "Walker", "Haddad", "Novak"];
const STREETS = ["Maple Dr", "Oak Ave", "Elm Street", "Main St", "Pine Rd", "Cedar Ln", "Lakeview Blvd", "Park Pl", "Sunset Ave", "Hillcrest Rd"];
const UNITS = ["Apt 4B", "Suite 300", "Unit 12", "Apt 2", "#5", ""];

export interface DemoOrder {
  externalId: string;
  source: "tiktok" | "shopify";
  placedAt: Date;
  buyerName: string;
  buyerEmail: string | null;
  buyerPhone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  serviceLevel: "standard" | "expedited" | "economy";
  totalCents: number;
  weightGrams: number;
  tags: string[];
  buyerMessage: string | null;
  cancelled: boolean;
  items: { sku: string; productName: string; variation: string | null; quantity: number; unitPriceCents: number; weightGrams: number }[];
}

/** `count` orders placed over the `days` days before `now`. */
export function demoOrders(count: number, now: Date, options: { seed?: number; days?: number } = {}): DemoOrder[] {
  const rnd = seededRandom(options.seed ?? 20261121);
  const days = options.days ?? 45;
  const orders: DemoOrder[] = [];
  for (let i = 0; i < count; i++) orders.push(demoOrder(rnd, i, now, days));
  return orders;
}

function demoOrder(rnd: Random, i: number, now: Date, days: number): DemoOrder {
  const source = rnd.chance(0.7) ? "tiktok" : "shopify";
  const place = rnd.chance(0.04) ? rnd.pick(DEMO_INTERNATIONAL) : rnd.pick(DEMO_CITIES);
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  const itemCount = { one: 1, two: 2, three: 3, four: 4 }[rnd.weighted({ one: 60, two: 28, three: 9, four: 3 })];
  const items = [];
  const used = new Set<string>();
  for (let n = 0; n < itemCount; n++) {
    const product = rnd.pick(DEMO_PRODUCTS);
    if (used.has(product.sku)) continue;
    used.add(product.sku);
    items.push({
      sku: product.sku,
      productName: product.name,
      variation: product.variation,
      quantity: { one: 1, two: 2, three: 3 }[rnd.weighted({ one: 70, two: 22, three: 8 })],
      unitPriceCents: product.priceCents,
      weightGrams: product.weightGrams,
    });
  }
  let address1 = `${rnd.int(10, 9999)} ${rnd.pick(STREETS)}`;
  let postalCode = place.postalCode;
  let region: string | null = place.region || null;
  // A few orders carry the problems the address check exists for.
  const quirk = i % 97;
  if (quirk === 13) address1 = `PO Box ${rnd.int(100, 9999)}`;
  if (quirk === 29) postalCode = "99501"; // an Alaska ZIP on a mainland address
  if (quirk === 41) address1 = `${rnd.int(1000, 9999)} North Martin Luther King Junior Memorial Boulevard Building C`;
  const unit = rnd.pick(UNITS);
  const placedAt = new Date(now.getTime() - rnd.next() * days * 86_400_000);
  const total = items.reduce((s, it) => s + it.quantity * it.unitPriceCents, 0);
  const weight = items.reduce((s, it) => s + it.quantity * it.weightGrams, 0);
  const slug = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
  return {
    externalId: source === "tiktok" ? `5760003${String(100000000000 + i * 7919).slice(0, 11)}` : `#${1001 + i}`,
    source,
    placedAt,
    buyerName: `${first} ${last}`,
    buyerEmail: source === "shopify" || rnd.chance(0.5) ? `${slug}${i}@example.com` : null,
    buyerPhone: rnd.chance(0.6) ? `+1 555 01${String(i % 100).padStart(2, "0")} ${String(rnd.int(1000, 9999))}` : null,
    address1,
    address2: unit || null,
    city: place.city,
    region,
    postalCode,
    country: place.country,
    serviceLevel: rnd.weighted({ standard: 70, expedited: 20, economy: 10 }),
    totalCents: total + (rnd.chance(0.5) ? 599 : 0),
    weightGrams: weight,
    tags: rnd.chance(0.1) ? ["gift"] : rnd.chance(0.05) ? ["vip"] : [],
    buyerMessage: rnd.chance(0.08) ? "Please leave at the side door." : null,
    cancelled: rnd.chance(0.03),
    items,
  };
}
