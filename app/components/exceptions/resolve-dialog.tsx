// The resolve dialog: pick a resolution code (digits 1-7 or arrow keys), write what was done, and
// submit with Ctrl+Enter. Its draft lives in the parent, so closing the dialog or a refused
// submission never loses what the agent typed.
import { Alert, Button, Group, Kbd, Modal, Radio, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { type ReactNode, useRef } from "react";
import { RESOLUTION_CODES, RESOLUTION_LABELS, type ResolutionCode } from "../../modules/exceptions/workflow";

export interface ResolveDraft {
  code: ResolutionCode | "";
  note: string;
}

export const EMPTY_RESOLVE_DRAFT: ResolveDraft = { code: "", note: "" };

export function ResolveDialog({
  opened,
  onClose,
  title,
  draft,
  onDraft,
  onSubmit,
  submitting,
  error,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  draft: ResolveDraft;
  onDraft: (draft: ResolveDraft) => void;
  onSubmit: () => void;
  submitting: boolean;
  error?: string | null;
  children?: ReactNode;
}) {
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const ready = draft.code !== "" && draft.note.trim().length > 0;
  const submit = () => {
    if (ready && !submitting) onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <Stack
        gap="md"
        onKeyDown={(event) => {
          const target = event.target as HTMLElement;
          if (target.tagName !== "TEXTAREA" && /^[1-7]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
            event.preventDefault();
            onDraft({ ...draft, code: RESOLUTION_CODES[Number(event.key) - 1] });
            noteRef.current?.focus();
          }
        }}
      >
        {children}
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Radio.Group
          label="Resolution"
          description="Press 1–7 to choose, then write the note."
          value={draft.code}
          onChange={(value) => onDraft({ ...draft, code: value as ResolutionCode })}
          required
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
            {RESOLUTION_CODES.map((code, i) => (
              <Radio
                key={code}
                value={code}
                data-autofocus={i === 0 && !draft.code ? true : undefined}
                label={
                  <Group gap={6} wrap="nowrap">
                    <Kbd size="xs">{i + 1}</Kbd>
                    <Text size="sm">{RESOLUTION_LABELS[code]}</Text>
                  </Group>
                }
              />
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Textarea
          ref={noteRef}
          label="Note"
          description="What was done, for the next person who reads this case."
          placeholder="e.g. Reshipped with UPS 2nd Day Air, new tracking 1Z…"
          autosize
          minRows={3}
          maxRows={10}
          maxLength={4000}
          required
          value={draft.note}
          data-autofocus={draft.code ? true : undefined}
          onChange={(event) => onDraft({ ...draft, note: event.currentTarget.value })}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> resolves
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="teal" onClick={submit} disabled={!ready} loading={submitting}>
              Resolve
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
