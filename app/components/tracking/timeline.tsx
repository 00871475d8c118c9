// A shipment's tracking timeline, newest first: each carrier event at its local time (with the
// offset), its normalized status, the raw code and words, where it happened, the mapping rule that
// read it, and the exception rules that fired on it; rule firings without an event (the scan's
// "stalled", "delayed"...) sit in between. Presentational: feed it shipmentTimeline() from
// app/modules/tracking/timeline.server.ts (case view, order page, buyer page).
import { Anchor, Badge, Code, Group, Stack, Text, ThemeIcon, Timeline, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconMapPin, IconSignature, IconPhoto, IconTruck } from "@tabler/icons-react";
import type { ShipmentStatus } from "../../../db/types";
import type { ShipmentTimeline, TimelineEvent, TimelineSignal } from "../../modules/tracking/timeline.server";
import { httpUrlOrNull } from "../../lib/safe-url";
import { EXCEPTION_TYPE_LABELS, STATUS_COLORS, STATUS_LABELS } from "../../modules/vocabulary/shipments";

export function StatusBadge({ status, size = "sm" }: { status: ShipmentStatus; size?: "xs" | "sm" | "md" }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

function SignalLine({ signal, showReason }: { signal: TimelineSignal; showReason: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Badge color="red" variant="outline" size="xs" radius="sm" style={{ flexShrink: 0 }}>
        {EXCEPTION_TYPE_LABELS[signal.type]}
      </Badge>
      <div>
        <Text size="xs">
          <Text span fw={600} size="xs">
            Rule {signal.rule}
          </Text>{" "}
          <Text span c="dimmed" size="xs">
            (case #{signal.caseId})
          </Text>
        </Text>
        {showReason ? (
          <Text size="xs" c="dimmed">
            {signal.reason}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}

function EventItem({ event }: { event: TimelineEvent }) {
  // The URL comes from whoever posted the event: only an http(s) URL becomes a link.
  const photoUrl = httpUrlOrNull(event.proof?.photoUrl);
  const place = [event.place, event.location.facility && event.location.facility !== event.place ? event.location.facility : null].filter(Boolean).join(" · ");
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <StatusBadge status={event.status} size="xs" />
        <Text fw={600} size="sm">
          {event.description || event.rawCode}
        </Text>
      </Group>
      <Group gap="md" wrap="wrap">
        <Text size="xs" c="dimmed">
          <time dateTime={event.localIso}>{event.localTime}</time>
        </Text>
        {place ? (
          <Group gap={4} wrap="nowrap">
            <IconMapPin size={12} aria-hidden />
            <Text size="xs" c="dimmed">
              {place}
            </Text>
          </Group>
        ) : null}
      </Group>
      <Group gap="xs" wrap="wrap">
        <Tooltip label="The carrier's raw code" withArrow>
          <Code>{event.rawCode || "(no code)"}</Code>
        </Tooltip>
        <Text size="xs" c="dimmed">
          mapped by <Code>{event.mappingRule}</Code>
          {event.substatus && event.substatus !== "unmapped" ? ` · ${event.substatus.replace(/_/g, " ")}` : ""}
        </Text>
        {event.unmapped ? (
          <Badge color="orange" variant="light" size="xs">
            Unmapped code
          </Badge>
        ) : null}
      </Group>
      {event.proof ? (
        <Group gap={4}>
          {event.proof.type === "signature" ? <IconSignature size={14} aria-hidden /> : <IconPhoto size={14} aria-hidden />}
          <Text size="xs">
            {event.proof.type === "signature" ? `Signed by ${event.proof.signedBy ?? "(no name)"}` : "Photo proof"}
            {photoUrl ? (
              <>
                {" · "}
                <Anchor href={photoUrl} target="_blank" rel="noreferrer noopener" size="xs">
                  view photo
                </Anchor>
              </>
            ) : null}
          </Text>
        </Group>
      ) : null}
      {event.signals.map((s) => (
        <SignalLine key={`${s.caseId}:${s.rule}`} signal={s} showReason={!event.description || !s.reason.includes(event.description)} />
      ))}
    </Stack>
  );
}

type Item = { kind: "event"; at: string; event: TimelineEvent } | { kind: "rule"; at: string; signal: TimelineSignal };

export function TrackingTimeline({ timeline, emptyText = "No carrier events yet: the label exists, but the carrier has not scanned the parcel." }: { timeline: Pick<ShipmentTimeline, "events" | "ruleSignals">; emptyText?: string }) {
  const items: Item[] = [
    ...timeline.events.map((event) => ({ kind: "event" as const, at: event.occurredAt, event })),
    ...timeline.ruleSignals.map((signal) => ({ kind: "rule" as const, at: signal.at, signal })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (!items.length) {
    return (
      <Group gap="xs" c="dimmed">
        <IconTruck size={18} aria-hidden />
        <Text size="sm">{emptyText}</Text>
      </Group>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} aria-label="Tracking timeline">
      {items.map((item) =>
        item.kind === "event" ? (
          <Timeline.Item
            key={`e${item.event.id}`}
            bullet={<ThemeIcon size={22} radius="xl" color={STATUS_COLORS[item.event.status]} variant={item.event.signals.length ? "filled" : "light"} aria-hidden />}
          >
            <EventItem event={item.event} />
          </Timeline.Item>
        ) : (
          <Timeline.Item
            key={`r${item.signal.caseId}:${item.signal.rule}:${item.at}`}
            bullet={
              <ThemeIcon size={22} radius="xl" color="red" variant="light" aria-hidden>
                <IconAlertTriangle size={13} />
              </ThemeIcon>
            }
          >
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {EXCEPTION_TYPE_LABELS[item.signal.type]}: {item.signal.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {item.signal.atLabel} · rule <Code>{item.signal.rule}</Code> · case #{item.signal.caseId}
              </Text>
            </Stack>
          </Timeline.Item>
        ),
      )}
    </Timeline>
  );
}
