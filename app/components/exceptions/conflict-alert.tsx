// The "someone changed this case" message: what changed since the agent's version, field by field,
// who and when, and where the case stands now.
import { Alert, List, Text } from "@mantine/core";
import { IconGitCompare } from "@tabler/icons-react";
import type { VersionConflict } from "../../modules/exceptions/conflict-message";
import { formatDateTime } from "./format";

export function ConflictAlert({ conflict, message, timeZone, onClose }: { conflict: VersionConflict; message: string; timeZone: string; onClose?: () => void }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGitCompare size={20} />}
      title="This case changed while you were working on it"
      role="alert"
      data-testid="conflict"
      withCloseButton={Boolean(onClose)}
      onClose={onClose}
    >
      <Text size="sm">{message}</Text>
      {conflict.changes.length ? (
        <List size="sm" mt="xs" spacing={4}>
          {conflict.changes.map((change, i) => (
            <List.Item key={`${change.at}-${i}`}>
              <Text span size="sm" c="dimmed">
                {formatDateTime(change.at, timeZone)} ·{" "}
              </Text>
              <Text span size="sm" fw={600}>
                {change.actor}
              </Text>
              {change.fields.length ? (
                change.fields.map((f) => (
                  <Text key={f.field} span size="sm">
                    {" "}
                    · {f.field}: {f.from} → <b>{f.to}</b>
                  </Text>
                ))
              ) : (
                <Text span size="sm">
                  {" "}
                  · {change.summary}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      ) : null}
      <Text size="sm" mt="xs">
        Now: state <b>{conflict.now.state}</b> · assignee <b>{conflict.now.assignee}</b>
        {conflict.now.resolution ? (
          <>
            {" "}
            · resolution <b>{conflict.now.resolution}</b>
          </>
        ) : null}
      </Text>
    </Alert>
  );
}
