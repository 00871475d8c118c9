// Single-key shortcuts for the queue and the case page: the hook that listens (never while the user
// types in a field, holds a modifier, or has a dialog open), the always-visible hint line, and the
// help dialog that "?" opens.
import { Group, Kbd, Modal, Table, Text, UnstyledButton } from "@mantine/core";
import { useEffect, useRef } from "react";

export interface Shortcut {
  keys: string[];
  label: string;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** Calls handlers[event.key] for plain key presses on the page. */
export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (typingIn(event.target)) return;
      // Enter on a focused link or button is that element's own business.
      const tag = (event.target as HTMLElement | null)?.tagName;
      if (event.key === "Enter" && (tag === "A" || tag === "BUTTON")) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

export function ShortcutHint({ shortcuts, onHelp }: { shortcuts: Shortcut[]; onHelp: () => void }) {
  return (
    <Group gap={10} wrap="wrap" data-testid="shortcut-hint" aria-label="Keyboard shortcuts">
      <Text size="xs" c="dimmed">
        Keyboard:
      </Text>
      {shortcuts.map((s) => (
        <Group key={s.label} gap={4} wrap="nowrap">
          {s.keys.map((k) => (
            <Kbd key={k} size="xs">
              {k}
            </Kbd>
          ))}
          <Text size="xs" c="dimmed">
            {s.label}
          </Text>
        </Group>
      ))}
      <UnstyledButton onClick={onHelp} aria-label="Show all keyboard shortcuts">
        <Group gap={4} wrap="nowrap">
          <Kbd size="xs">?</Kbd>
          <Text size="xs" c="indigo">
            all shortcuts
          </Text>
        </Group>
      </UnstyledButton>
    </Group>
  );
}

export function ShortcutHelp({ opened, onClose, title, shortcuts }: { opened: boolean; onClose: () => void; title: string; shortcuts: Shortcut[] }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md">
      <Table withRowBorders={false} verticalSpacing={6}>
        <Table.Tbody>
          {shortcuts.map((s) => (
            <Table.Tr key={s.label}>
              <Table.Td w={120}>
                <Group gap={4}>
                  {s.keys.map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{s.label}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Shortcuts are off while you type in a field. In a text box, Ctrl+Enter (⌘+Enter on a Mac) submits.
      </Text>
    </Modal>
  );
}
