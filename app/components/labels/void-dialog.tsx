// Voiding a label: a confirmation that asks for the reason (required, kept in the order's history).
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";

export interface VoidTarget {
  id: number;
  trackingNumber: string;
}

export function VoidDialog({
  target,
  onClose,
  onVoid,
  busy,
  error,
}: {
  target: VoidTarget | null;
  onClose: () => void;
  onVoid: (reason: string) => void;
  busy: boolean;
  error?: string;
}) {
  const [reason, setReason] = useState("");
  useEffect(() => setReason(""), [target?.id]);
  return (
    <Modal opened={target !== null} onClose={onClose} title="Void this label?">
      <Stack gap="sm">
        <Text size="sm">
          <Text span ff="monospace">
            {target?.trackingNumber}
          </Text>{" "}
          will no longer be valid and the order can get a new label. This cannot be undone.
        </Text>
        <Textarea label="Reason" description="Recorded in the order's history." value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus />
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the label
          </Button>
          <Button color="red" disabled={reason.trim().length < 3} loading={busy} onClick={() => onVoid(reason)}>
            Void label
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
