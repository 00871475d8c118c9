// The case page's action bar: take or assign the case, move it to another state (only the moves
// the workflow allows are offered), resolve it, or reopen it when resolved. View-only roles see the
// same controls disabled, with the reason on hover.
import { Button, Group, Kbd, Menu, Select, Tooltip } from "@mantine/core";
import { IconArrowBackUp, IconChevronDown, IconCircleCheck, IconUserCheck } from "@tabler/icons-react";
import type { CaseState } from "../../../db/types";
import { nextStates, STATE_LABELS } from "../../modules/exceptions/workflow";
import { VIEW_ONLY_REASON } from "./bulk-bar";

export function CaseActionBar({
  state,
  assigneeId,
  meId,
  assignees,
  canAct,
  busy,
  stateMenuOpen,
  onStateMenu,
  onAssign,
  onState,
  onResolve,
  onReopen,
}: {
  state: CaseState;
  assigneeId: number | null;
  meId: number;
  assignees: { userId: number; name: string }[];
  canAct: boolean;
  busy: boolean;
  stateMenuOpen: boolean;
  onStateMenu: (open: boolean) => void;
  onAssign: (assignee: string) => void;
  onState: (state: CaseState) => void;
  onResolve: () => void;
  onReopen: () => void;
}) {
  const resolved = state === "resolved";
  const moves = nextStates(state);
  const off = !canAct;
  const tip = (label: string) => (off ? VIEW_ONLY_REASON : label);
  return (
    <Group gap="xs" wrap="wrap" data-testid="case-actions">
      {!resolved ? (
        <>
          <Tooltip label={tip(assigneeId === meId ? "Already yours" : "Assign this case to yourself (a)")}>
            <Button
              size="xs"
              leftSection={<IconUserCheck size={14} />}
              rightSection={<Kbd size="xs">a</Kbd>}
              data-disabled={off || assigneeId === meId || undefined}
              onClick={(e) => (off || assigneeId === meId ? e.preventDefault() : onAssign("me"))}
              loading={busy}
            >
              Assign to me
            </Button>
          </Tooltip>
          <Tooltip label={VIEW_ONLY_REASON} disabled={canAct}>
            <div>
              <Select
                size="xs"
                w={190}
                aria-label="Assignee"
                data={[{ value: "none", label: "Unassigned" }, ...assignees.map((a) => ({ value: String(a.userId), label: a.name }))]}
                value={assigneeId === null ? "none" : String(assigneeId)}
                onChange={(v) => v && onAssign(v)}
                allowDeselect={false}
                disabled={off}
                comboboxProps={{ withinPortal: true }}
              />
            </div>
          </Tooltip>
          <Menu opened={stateMenuOpen} onChange={(open) => onStateMenu(open && !off && moves.length > 0)} position="bottom-start" withinPortal>
            <Tooltip label={tip(moves.length ? "Move to another state (s)" : "No other state to move to")}>
              <Menu.Target>
                <Button
                  size="xs"
                  variant="default"
                  rightSection={<IconChevronDown size={14} />}
                  data-disabled={off || moves.length === 0 || undefined}
                >
                  Change state
                </Button>
              </Menu.Target>
            </Tooltip>
            <Menu.Dropdown>
              <Menu.Label>Move to</Menu.Label>
              {moves.map((s) => (
                <Menu.Item key={s} onClick={() => onState(s)}>
                  {STATE_LABELS[s]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Tooltip label={tip("Resolve with a resolution code and a note (r)")}>
            <Button
              size="xs"
              color="teal"
              leftSection={<IconCircleCheck size={14} />}
              rightSection={<Kbd size="xs">r</Kbd>}
              data-disabled={off || undefined}
              onClick={(e) => (off ? e.preventDefault() : onResolve())}
            >
              Resolve
            </Button>
          </Tooltip>
        </>
      ) : (
        <Tooltip label={tip("Reopen the case; its SLA clock restarts")}>
          <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} data-disabled={off || undefined} onClick={(e) => (off ? e.preventDefault() : onReopen())} loading={busy}>
            Reopen
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}
