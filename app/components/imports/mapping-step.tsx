// The mapping step for a file no preset knows: which column holds each field, how dates and
// weights are written, a preview of the first rows as they would import (with each row's
// problems), and saving the mapping as a named template for next time.
import { Alert, Badge, Button, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { IconAlertCircle, IconCircleCheck, IconDeviceFloppy } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { type ColumnMapping, type DateOrder, FIELD_INFO, IMPORT_FIELDS, type ImportField, mappingToJson, WEIGHT_UNITS, type WeightUnit } from "../../modules/imports/fields";
import { columnIndexes, missingRequired, rawRow } from "../../modules/imports/presets";
import { rowSchemas, validateRow } from "../../modules/imports/rows";

const PREVIEW_ROWS = 5;
// Required fields first: they are what stands between the seller and the Import button.
const FIELD_ORDER: ImportField[] = [...IMPORT_FIELDS.filter((f) => FIELD_INFO[f].required || f === "sku" || f === "productName"), ...IMPORT_FIELDS.filter((f) => !FIELD_INFO[f].required && f !== "sku" && f !== "productName")];

export function MappingStep({
  shopSlug,
  header,
  sample,
  mapping,
  onChange,
  timeZone,
}: {
  shopSlug: string;
  header: string[];
  sample: string[][];
  mapping: ColumnMapping;
  onChange: (m: ColumnMapping) => void;
  timeZone: string;
}) {
  const options = header.map((h) => ({ value: h, label: h }));
  const missing = missingRequired(mapping);
  const setColumn = (f: ImportField, column: string | null) => onChange({ ...mapping, columns: { ...mapping.columns, [f]: column ?? undefined } });

  const preview = useMemo(() => {
    const indexes = columnIndexes(mapping, header);
    const schemas = rowSchemas({ dateOrder: mapping.dateOrder, weightUnit: mapping.weightUnit, timeZone });
    return sample.slice(0, PREVIEW_ROWS).map((cells) => {
      const raw = rawRow(cells, indexes);
      return { raw, result: validateRow(schemas, raw, false) };
    });
  }, [mapping, header, sample, timeZone]);

  const shown: ImportField[] = ["orderId", "buyerName", "address1", "city", "region", "postalCode", "country", "sku", "productName", "quantity"];

  return (
    <Stack gap="md">
      <div>
        <Title order={4}>Map the columns</Title>
        <Text size="sm" c="dimmed">
          This file does not match a preset. Pick the column that holds each field; fields marked * are required (SKU or product name: at least one).
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {FIELD_ORDER.map((f) => (
          <Select
            key={f}
            label={`${FIELD_INFO[f].label}${FIELD_INFO[f].required ? " *" : ""}`}
            description={FIELD_INFO[f].hint}
            placeholder="Not in this file"
            data={options}
            value={mapping.columns[f] ?? null}
            onChange={(v) => setColumn(f, v)}
            clearable
            searchable
            error={FIELD_INFO[f].required && !mapping.columns[f] ? "Required" : undefined}
            comboboxProps={{ withinPortal: true }}
            data-testid={`map-${f}`}
          />
        ))}
        <Select
          label="Dates like 03/11/2026 are"
          data={[
            { value: "mdy", label: "Month/day/year (US)" },
            { value: "dmy", label: "Day/month/year" },
          ]}
          value={mapping.dateOrder}
          onChange={(v) => onChange({ ...mapping, dateOrder: (v as DateOrder) ?? "mdy" })}
          allowDeselect={false}
        />
        <Select
          label="Weights are in"
          data={(Object.keys(WEIGHT_UNITS) as WeightUnit[]).map((u) => ({ value: u, label: WEIGHT_UNITS[u].label }))}
          value={mapping.weightUnit}
          onChange={(v) => onChange({ ...mapping, weightUnit: (v as WeightUnit) ?? "kg" })}
          allowDeselect={false}
        />
      </SimpleGrid>

      {missing.length ? (
        <Alert color="yellow" icon={<IconAlertCircle size={18} />} title="Still to map">
          {missing.join(", ")}
        </Alert>
      ) : null}

      <Paper withBorder p="sm" radius="md">
        <Text fw={600} size="sm" mb="xs">
          Preview of the first {Math.min(PREVIEW_ROWS, sample.length)} rows as they would import
        </Text>
        <ScrollArea>
          <Table striped withTableBorder fz="xs" miw={900} data-testid="mapping-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                {shown.map((f) => (
                  <Table.Th key={f}>{FIELD_INFO[f].label}</Table.Th>
                ))}
                <Table.Th>Check</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.map((row, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{i + 1}</Table.Td>
                  {shown.map((f) => (
                    <Table.Td key={f}>{row.raw[f] ?? ""}</Table.Td>
                  ))}
                  <Table.Td>
                    {row.result.ok ? (
                      <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} />}>
                        OK
                      </Badge>
                    ) : (
                      <Stack gap={2}>
                        {row.result.issues.map((issue, n) => (
                          <Text key={n} size="xs" c="red">
                            {issue.message}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <SaveTemplate shopSlug={shopSlug} mapping={mapping} disabled={missing.length > 0} />
    </Stack>
  );
}

function SaveTemplate({ shopSlug, mapping, disabled }: { shopSlug: string; mapping: ColumnMapping; disabled: boolean }) {
  const fetcher = useFetcher<{ ok?: boolean; message?: string; error?: string }>();
  const [name, setName] = useState("");
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" action={`/s/${shopSlug}/import?index`}>
      <input type="hidden" name="intent" value="saveTemplate" />
      <input type="hidden" name="mapping" value={JSON.stringify(mappingToJson(mapping))} />
      <Group align="flex-end" gap="sm">
        <TextInput
          name="name"
          label="Save this mapping as a template"
          description="It appears in the format list next time, for this shop."
          placeholder="e.g. Etsy export"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={60}
          w={320}
          error={fetcher.data?.error}
        />
        <Button type="submit" variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={busy} disabled={disabled || !name.trim()}>
          Save template
        </Button>
        {fetcher.data?.ok ? (
          <Text size="sm" c="green" role="status">
            {fetcher.data.message}
          </Text>
        ) : null}
      </Group>
    </fetcher.Form>
  );
}
