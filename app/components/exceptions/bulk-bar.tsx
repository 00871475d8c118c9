// The bar above the queue when cases are selected: assign them (to me, to someone, or nobody) or
// resolve them together. For roles that can only view cases, the actions stay visible but disabled,
// with the reason on hover.
import { Button, Group, Paper, Select, Text, Tooltip } from "@mantine/core";
import { IconCircleCheck, IconUserCheck, IconX } from "@tabler/icons-react";
import { useState } from "react";

export const VIEW_ONLY_REASON = "Your role can view cases but not act on them. Support agents and owners can.";

export function BulkBar({
  count,
  assignees,
  canAct,
  busy,
  onAssign,
  onResolve,
  onClear,
}: {
  count: number;
  assignees: { userId: number; name: string }[];
  canAct: boolean;
  busy: boolean;
  onAssign: (assignee: string) => void;
  onResolve: () => void;
  onClear: () => void;
}) {
  const [assignee, setAssignee] = useState<string | null>(null);
  const disabled = !canAct;
  const guard = (fn: () => void) => (event: React.MouseEvent) => {
    if (disabled) {
      event.preventDefault();
      return;
    }
    fn();
  };
  return (
    <Paper withBorder p="xs" radius="md" bg="var(--mantine-color-indigo-light)" data-testid="bulk-bar">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {count} selected
        </Text>
        <Tooltip label={VIEW_ONLY_REASON} disabled={canAct}>
          <Button size="xs" leftSection={<IconUserCheck size={14} />} data-disabled={disabled || undefined} onClick={guard(() => onAssign("me"))} loading={busy}>
            Assign to me
          </Button>
        </Tooltip>
        <Group gap={4}>
          <Select
            size="xs"
            w={180}
            placeholder="Assign to…"
            aria-label="Assign selected cases to"
            data={[{ value: "none", label: "Nobody (unassign)" }, ...assignees.map((a) => ({ value: String(a.userId), label: a.name }))]}
            value={assignee}
            onChange={setAssignee}
            disabled={disabled}
            comboboxProps={{ withinPortal: true }}
          />
          <Tooltip label={VIEW_ONLY_REASON} disabled={canAct}>
            <Button size="xs" variant="default" data-disabled={disabled || !assignee || undefined} onClick={guard(() => assignee && onAssign(assignee))}>
              Assign
            </Button>
          </Tooltip>
        </Group>
        <Tooltip label={VIEW_ONLY_REASON} disabled={canAct}>
          <Button size="xs" color="teal" leftSection={<IconCircleCheck size={14} />} data-disabled={disabled || undefined} onClick={guard(onResolve)}>
            Resolve…
          </Button>
        </Tooltip>
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
          Clear selection
        </Button>
      </Group>
    </Paper>
  );
}
