// "How these numbers are defined": every metric's definition, formula and the SQL that counts it,
// straight from app/modules/analytics/definitions.ts (the same strings the summaries are built from).
import { Accordion, Code, Paper, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { METRICS } from "../../modules/analytics/definitions";

export function DefinitionsPanel() {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="definitions-title" data-testid="definitions">
      <Title order={3} size="h4" id="definitions-title" mb="xs">
        <IconInfoCircle size={18} style={{ verticalAlign: "-3px", marginRight: 6 }} />
        How these numbers are defined
      </Title>
      <Accordion variant="separated" multiple chevronPosition="left">
        {METRICS.map((m) => (
          <Accordion.Item key={m.key} value={m.key}>
            <Accordion.Control>
              <Text fw={600} size="sm">
                {m.label}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                <Text size="sm">{m.definition}</Text>
                {m.formula ? (
                  <Text size="sm">
                    Formula: <Code>{m.formula}</Code>
                  </Text>
                ) : null}
                {m.sql ? (
                  <div>
                    <Text size="xs" c="dimmed" mb={4}>
                      SQL, as the summaries run it
                    </Text>
                    <Code block>{m.sql}</Code>
                  </div>
                ) : null}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  );
}
