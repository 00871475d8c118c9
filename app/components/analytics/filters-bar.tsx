// The analytics filters: range presets or custom dates, carrier, service and destination. Every
// change navigates to a new URL, so the address bar always holds a shareable view.
import { Button, CopyButton, Group, Paper, Progress, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { IconCheck, IconLink, IconX } from "@tabler/icons-react";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useState } from "react";
import type { FilterOptions } from "../../modules/analytics/report-assembly";
import { type AnalyticsFilters, filtersToSearch, RANGE_PRESETS } from "../../modules/analytics/schemas";
import { longDay } from "./format";

const RANGE_DATA = [...RANGE_PRESETS.map((p) => ({ value: p, label: `Last ${p} days` })), { value: "custom", label: "Custom" }];
const RANGE_DATA_SHORT = [...RANGE_PRESETS.map((p) => ({ value: p, label: `${p} days` })), { value: "custom", label: "Custom" }];

export function FiltersBar({ filters, options, timeZone }: { filters: AnalyticsFilters; options: FilterOptions; timeZone: string }) {
  const navigate = useNavigate();
  const narrow = useMediaQuery("(max-width: 30em)") ?? false;
  const navigation = useNavigation();
  const location = useLocation();
  // Only a change of this page's filters, not a click away to another page.
  const loading = navigation.state !== "idle" && navigation.location?.pathname === location.pathname;
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  useEffect(() => {
    setFrom(filters.from);
    setTo(filters.to);
  }, [filters.from, filters.to]);

  const go = (next: AnalyticsFilters) => navigate(`?${filtersToSearch(next)}`, { preventScrollReset: true });
  const services = options.services.filter((s) => !filters.carrier || s.carrier === filters.carrier);
  const regions = options.regions.filter((r) => r.country === filters.country);
  const filtered = Boolean(filters.carrier || filters.service || filters.country);
  const customInvalid = !from || !to || to < from;

  return (
    <Paper withBorder p="md" radius="md" mb="lg" pos="relative">
      {loading ? <Progress value={100} animated size="xs" pos="absolute" top={0} left={0} right={0} aria-label="Loading" /> : null}
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <SegmentedControl
            aria-label="Ship date range"
            data={narrow ? RANGE_DATA_SHORT : RANGE_DATA}
            value={filters.range}
            onChange={(value) =>
              go(value === "custom" ? { ...filters, range: "custom" } : { ...filters, range: value as AnalyticsFilters["range"], from: "", to: "" })
            }
          />
          <Group gap="xs">
            {filtered ? (
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconX size={14} />}
                onClick={() => go({ ...filters, carrier: null, service: null, country: null, region: null })}
              >
                Clear filters
              </Button>
            ) : null}
            <CopyButton value={typeof window === "undefined" ? "" : window.location.href}>
              {({ copied, copy }) => (
                <Tooltip label="Copies the address of this view, filters included">
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={copied ? <IconCheck size={14} /> : <IconLink size={14} />}
                    onClick={() => copy()}
                  >
                    {copied ? "Link copied" : "Copy link"}
                  </Button>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Group>
        {filters.range === "custom" ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!customInvalid) go({ ...filters, range: "custom", from, to });
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput type="date" label="Shipped from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
              <TextInput
                type="date"
                label="to"
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
                required
                error={from && to && to < from ? "The end is before the start" : undefined}
              />
              <Button type="submit" disabled={customInvalid}>
                Apply
              </Button>
            </Group>
          </form>
        ) : null}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Carrier"
            placeholder="All carriers"
            clearable
            data={options.carriers}
            value={filters.carrier}
            onChange={(carrier) => {
              const keepService = options.services.some((s) => s.value === filters.service && s.carrier === carrier);
              go({ ...filters, carrier, service: keepService ? filters.service : null });
            }}
            w={180}
          />
          <Select
            label="Service"
            placeholder="All services"
            clearable
            data={services.map((s) => ({ value: s.value, label: s.label }))}
            value={filters.service}
            onChange={(service) => go({ ...filters, service })}
            nothingFoundMessage="No services in this range"
            w={240}
          />
          <Select
            label="Destination country"
            placeholder="All destinations"
            clearable
            data={options.countries}
            value={filters.country}
            onChange={(country) => go({ ...filters, country, region: null })}
            w={190}
          />
          <Select
            label="State / region"
            placeholder={filters.country ? "All regions" : "Pick a country first"}
            clearable
            disabled={!filters.country || regions.length === 0}
            data={regions.map((r) => r.value)}
            value={filters.region}
            onChange={(region) => go({ ...filters, region })}
            w={200}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Parcels shipped {longDay(filters.from)} to {longDay(filters.to)}, by the day they left you in the shop's time zone ({timeZone}).
          Weeks start on Monday.
        </Text>
      </Stack>
    </Paper>
  );
}
