// Settings > Tracking: codes carriers sent that no table knows, and the shop's own mappings (which
// win over the built-in tables for events that arrive afterwards).
import { Alert, Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { IconCirclePlus, IconListCheck, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { EmptyState } from "../page";

export interface Option {
  value: string;
  label: string;
}

export interface UnmappedRow {
  carrier: string;
  carrierName: string;
  rawCode: string;
  count: number;
  lastSeenLabel: string;
  example: string;
}

export interface MappingRow {
  carrier: string;
  carrierName: string;
  rawCode: string;
  statusLabel: string;
  exceptionLabel: string | null;
  changedLabel: string;
}

interface Choices {
  carriers: Option[];
  statuses: Option[];
  exceptionTypes: Option[];
}

function MappingModal({ target, onClose, choices }: { target: { carrier?: string; rawCode?: string; example?: string } | null; onClose: () => void; choices: Choices }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "map";
  const fixed = Boolean(target?.carrier && target?.rawCode);
  return (
    <Modal opened={target !== null} onClose={onClose} title={fixed ? `Map ${target?.rawCode}` : "Add a code mapping"} centered>
      {target ? (
        <Form method="post" onSubmit={onClose}>
          <input type="hidden" name="intent" value="map" />
          <Stack>
            {fixed ? (
              <>
                <input type="hidden" name="carrier" value={target.carrier} />
                <input type="hidden" name="rawCode" value={target.rawCode} />
                {target.example ? (
                  <Text size="sm" c="dimmed">
                    Seen as: “{target.example}”
                  </Text>
                ) : null}
              </>
            ) : (
              <Group grow>
                <Select name="carrier" label="Carrier" data={choices.carriers} required allowDeselect={false} searchable />
                <TextInput name="rawCode" label="Raw code" placeholder="e.g. X:2B" required />
              </Group>
            )}
            <Select name="status" label="Means status" data={choices.statuses} required allowDeselect={false} defaultValue="in_transit" />
            <Select name="exceptionType" label="Opens a case of type" data={[{ value: "", label: "No case" }, ...choices.exceptionTypes]} defaultValue="" allowDeselect={false} />
            <Text size="xs" c="dimmed">
              Applies to events that arrive from now on; events already stored keep the mapping they got.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Save mapping
              </Button>
            </Group>
          </Stack>
        </Form>
      ) : null}
    </Modal>
  );
}

export function UnmappedCodesCard({ rows, canEdit, choices, error, notice }: { rows: UnmappedRow[]; canEdit: boolean; choices: Choices; error?: string | null; notice?: string | null }) {
  const [target, setTarget] = useState<{ carrier: string; rawCode: string; example: string } | null>(null);
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <div>
          <Title order={4}>Unmapped codes</Title>
          <Text size="sm" c="dimmed">
            Codes no carrier table knows. Their events count as “in transit” until you map them.
          </Text>
        </div>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {notice ? (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        ) : null}
        {rows.length === 0 ? (
          <EmptyState icon={<IconListCheck size={26} />} title="Every code is mapped">
            When a carrier sends a code Parcel Desk does not know, it shows up here with how often it was seen.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped highlightOnHover aria-label="Unmapped codes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Carrier</Table.Th>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Events</Table.Th>
                  <Table.Th>Last seen</Table.Th>
                  {canEdit ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.carrier}:${r.rawCode}`}>
                    <Table.Td>{r.carrierName}</Table.Td>
                    <Table.Td>
                      <Code>{r.rawCode || "(blank)"}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {r.example}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{r.count.toLocaleString("en-US")}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm">{r.lastSeenLabel}</Text>
                    </Table.Td>
                    {canEdit ? (
                      <Table.Td style={{ whiteSpace: "nowrap", width: 1 }}>
                        <Button size="xs" variant="light" style={{ flexShrink: 0 }} onClick={() => setTarget({ carrier: r.carrier, rawCode: r.rawCode, example: r.example })} aria-label={`Map ${r.carrierName} code ${r.rawCode}`}>
                          Map…
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <MappingModal target={target} onClose={() => setTarget(null)} choices={choices} />
    </Paper>
  );
}

export function CodeMappingsCard({ rows, canEdit, choices }: { rows: MappingRow[]; canEdit: boolean; choices: Choices }) {
  const [adding, setAdding] = useState(false);
  const navigation = useNavigation();
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>Your code mappings</Title>
            <Text size="sm" c="dimmed">
              The shop’s own meaning for a carrier code; it wins over the built-in tables.
            </Text>
          </div>
          {canEdit ? (
            <Button size="xs" variant="default" leftSection={<IconCirclePlus size={14} />} onClick={() => setAdding(true)}>
              Add a mapping
            </Button>
          ) : null}
        </Group>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet: every event is read with the built-in carrier tables.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label="Code mappings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Carrier</Table.Th>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Means</Table.Th>
                  <Table.Th>Opens a case</Table.Th>
                  <Table.Th>Changed</Table.Th>
                  {canEdit ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => {
                  const removing = navigation.state === "submitting" && navigation.formData?.get("intent") === "unmap" && navigation.formData?.get("rawCode") === r.rawCode;
                  return (
                    <Table.Tr key={`${r.carrier}:${r.rawCode}`}>
                      <Table.Td>{r.carrierName}</Table.Td>
                      <Table.Td>
                        <Code>{r.rawCode}</Code>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Badge variant="light" tt="none" style={{ overflow: "visible" }}>
                          {r.statusLabel}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.exceptionLabel ?? <Text size="sm" c="dimmed">No</Text>}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.changedLabel}</Text>
                      </Table.Td>
                      {canEdit ? (
                        <Table.Td style={{ whiteSpace: "nowrap", width: 1 }}>
                          <Form method="post">
                            <input type="hidden" name="intent" value="unmap" />
                            <input type="hidden" name="carrier" value={r.carrier} />
                            <input type="hidden" name="rawCode" value={r.rawCode} />
                            <Button type="submit" size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} loading={removing} aria-label={`Remove the mapping of ${r.carrierName} ${r.rawCode}`}>
                              Remove
                            </Button>
                          </Form>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <MappingModal target={adding ? {} : null} onClose={() => setAdding(false)} choices={choices} />
    </Paper>
  );
}
