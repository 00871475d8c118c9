// Carrier and service choices as the UI lists them (grouped by carrier, with transit days), and
// the "carrier:service" value those pickers use. Pure, shared by server and browser.
import { ASSIGNABLE_CARRIERS, CARRIERS, type ServiceDefinition } from "./registry";

export interface ServiceOptionGroup {
  group: string;
  items: { value: string; label: string; disabled?: boolean }[];
}

export function transitText(s: Pick<ServiceDefinition, "minTransitDays" | "maxTransitDays">): string {
  const days = s.minTransitDays === s.maxTransitDays ? `${s.maxTransitDays}` : `${s.minTransitDays}–${s.maxTransitDays}`;
  return `${days} business day${s.maxTransitDays === 1 ? "" : "s"}`;
}

/** Every assignable service, grouped by carrier; a carrier the shop turned off is listed but disabled. */
export function serviceOptions(disabledCarriers: readonly string[] = []): ServiceOptionGroup[] {
  return ASSIGNABLE_CARRIERS.map((code) => {
    const off = disabledCarriers.includes(code);
    return {
      group: `${CARRIERS[code].name}${off ? " (turned off)" : ""}`,
      items: CARRIERS[code].services.map((s) => ({
        value: serviceValue(code, s.code),
        label: `${s.name} · ${transitText(s)}${s.international && !s.domestic ? " · international" : ""}`,
        disabled: off || undefined,
      })),
    };
  });
}

export function serviceValue(carrier: string, service: string): string {
  return `${carrier}:${service}`;
}

export function parseServiceValue(value: string | null | undefined): { carrier: string; service: string } | null {
  if (!value) return null;
  const [carrier, service] = value.split(":");
  return carrier && service ? { carrier, service } : null;
}

/** What the assignment dialogs show before anything is assigned (GET /s/:shop/api/assign). */
export interface AssignmentOptions {
  unassigned: number;
  enabledRules: number;
  defaultService: { value: string; name: string };
  services: ServiceOptionGroup[];
}
