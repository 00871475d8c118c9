// The scan history of the public tracking page, grouped by day. The server renders each scan in its
// own local time (what the carrier's site shows, and correct without any script); once the page has
// loaded in a browser, times switch to the buyer's own time zone and the note says which.
import { Box, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import type { PublicEvent } from "../../modules/public-tracking/lookup.server";
import { zonedTime } from "../../modules/public-tracking/presentation";

const SECONDARY = "light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))";

export function ScanHistory({ events }: { events: PublicEvent[] }) {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    try {
      setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null);
    } catch {
      setZone(null);
    }
  }, []);
  const shown = events.map((e) => (zone ? { ...e, ...zonedTime(new Date(e.at), zone) } : e));
  const days: { day: string; events: PublicEvent[] }[] = [];
  for (const e of shown) {
    const last = days[days.length - 1];
    if (last?.day === e.day) last.events.push(e);
    else days.push({ day: e.day, events: [e] });
  }
  return (
    <section aria-labelledby="history-heading">
      <Title order={2} fz="h4" id="history-heading">
        Tracking history
      </Title>
      <Text size="xs" c={SECONDARY} mb="sm" data-testid="time-note">
        {zone ? `Times in your time zone (${zone.replace(/_/g, " ")}).` : "Times are local to where each scan happened."}
      </Text>
      <Stack gap="md">
        {days.map((d) => (
          <div key={d.day}>
            <Title order={3} fz="sm" fw={700} mb={6}>
              {d.day}
            </Title>
            <Box component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {d.events.map((e, i) => (
                <Box
                  component="li"
                  key={`${e.at}-${i}`}
                  py={6}
                  pl="sm"
                  style={{ borderLeft: `3px solid var(--mantine-color-${e.problem ? "orange-7" : "gray-4"})` }}
                >
                  <Text size="sm" fw={600}>
                    {e.description}
                  </Text>
                  <Text size="xs" c={SECONDARY}>
                    {[e.time, e.location].filter(Boolean).join(" · ")}
                  </Text>
                </Box>
              ))}
            </Box>
          </div>
        ))}
      </Stack>
    </section>
  );
}
