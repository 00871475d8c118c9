// The four-step progress bar of the public tracking page: an ordered list (so screen readers read
// "step 2 of 4"), with the current step marked and a problem shown in colour and in words.
import { Box, Text, VisuallyHidden } from "@mantine/core";
import { PROGRESS_STEPS, type Progress } from "../../modules/public-tracking/presentation";

export function TrackingProgress({ progress, delivered }: { progress: Progress; delivered: boolean }) {
  return (
    <Box
      component="ol"
      aria-label="Delivery progress"
      style={{ display: "grid", gridTemplateColumns: `repeat(${PROGRESS_STEPS.length}, 1fr)`, gap: 6, listStyle: "none", padding: 0, margin: 0 }}
    >
      {PROGRESS_STEPS.map((label, i) => {
        const done = i < progress.step || (delivered && i === progress.step);
        const current = i === progress.step;
        const colour = current && progress.problem ? "orange.7" : done || current ? (delivered ? "teal.7" : "indigo.6") : "gray.3";
        const state = done ? "done" : current ? (progress.problem ? "current step, with a problem" : "current step") : "not yet";
        return (
          <li key={label} aria-current={current ? "step" : undefined} data-state={state}>
            <Box h={8} bg={colour} style={{ borderRadius: 4 }} />
            <Text size="sm" mt={6} fw={current ? 700 : 500} c={done || current ? undefined : "light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))"}>
              {label}
            </Text>
            <VisuallyHidden>({state})</VisuallyHidden>
          </li>
        );
      })}
    </Box>
  );
}
