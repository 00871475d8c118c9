import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Select, Stack, Text, ThemeIcon } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IconAlertCircle, IconDownload, IconFileSpreadsheet, IconHistory, IconUpload, IconX } from "@tabler/icons-react";
import Papa from "papaparse";
import { useEffect, useRef, useState } from "react";
import { type BatchJson, BatchProgress, BatchSummary, UploadProgress } from "../components/imports/import-run";
import { MappingStep } from "../components/imports/mapping-step";
import { PageHeader } from "../components/page";
import { env } from "../lib/env.server";
import { AppError } from "../lib/errors";
import { fieldErrors, formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { type ColumnMapping, mappingToJson } from "../modules/imports/fields";
import { detectPreset, missingRequired, PRESET_IDS, type PresetId, PRESETS, presetMapping } from "../modules/imports/presets";
import type { ListedIssue } from "../modules/imports/report.server";
import { saveTemplateSchema } from "../modules/imports/schemas";
import { firstLine, sniffDelimiter, uniqueColumns } from "../modules/imports/sniff";
import { suggestMapping } from "../modules/imports/suggest";
import { listTemplates, saveTemplate } from "../modules/imports/templates.server";
import { formatBytes } from "../modules/orders/format";

export const meta: MetaFunction = () => [{ title: "Import · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.import");
  return {
    slug: ctx.shop.slug,
    timeZone: ctx.shop.timeZone,
    uploadLimitBytes: env().uploadLimitBytes,
    templates: await listTemplates(ctx.scope),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.import");
  const parsed = saveTemplateSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return data({ ok: false, error: errors.name ?? errors.mapping ?? Object.values(errors)[0] }, { status: 400 });
  }
  try {
    const saved = await saveTemplate(ctx.scope, { name: parsed.data.name, mapping: parsed.data.mapping, actorUserId: ctx.user.userId });
    return data({ ok: true, message: `Saved "${saved.name}". It is now in the format list.` });
  } catch (error) {
    if (error instanceof AppError) return data({ ok: false, error: error.message }, { status: error.status });
    throw error;
  }
}

interface Sample {
  header: string[];
  rows: string[][];
  delimiter: string;
}

type Phase =
  | { kind: "choose" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "importing"; batchId: number; batch: BatchJson | null }
  | { kind: "done"; batch: BatchJson; issues: ListedIssue[] };

/** "auto" | a preset id | "template:<id>" | "custom". */
type Format = string;

async function readSample(file: File): Promise<Sample> {
  const text = await file.slice(0, 256 * 1024).text();
  const delimiter = sniffDelimiter(firstLine(text));
  const parsed = Papa.parse<string[]>(text, { delimiter, preview: 21, skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  return { header: uniqueColumns(header), rows, delimiter };
}

export default function ImportPage() {
  const { slug, timeZone, uploadLimitBytes, templates } = useLoaderData<typeof loader>();
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState<Sample | null>(null);
  const [format, setFormat] = useState<Format>("auto");
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const openRef = useRef<() => void>(null);

  const detected: PresetId | null = sample ? detectPreset(sample.header).preset : null;

  const reset = () => {
    setFile(null);
    setSample(null);
    setMapping(null);
    setProblem(null);
    setFormat("auto");
    setPhase({ kind: "choose" });
  };

  const choose = async (f: File) => {
    setProblem(null);
    if (f.size > uploadLimitBytes) {
      setProblem(`${f.name} is ${formatBytes(f.size)}, larger than the upload limit of ${formatBytes(uploadLimitBytes)}. Split it into smaller files, or ask your administrator to raise UPLOAD_LIMIT_MB.`);
      return;
    }
    if (f.size === 0) {
      setProblem(`${f.name} is empty.`);
      return;
    }
    const s = await readSample(f);
    if (s.header.length < 2) {
      setProblem(`${f.name} does not look like a CSV file: its first line has no commas, semicolons or tabs between column names.`);
      return;
    }
    setFile(f);
    setSample(s);
    const guess = detectPreset(s.header).preset;
    setFormat(guess ? "auto" : "custom");
    setMapping(guess ? null : suggestMapping(s.header));
  };

  // The mapping in effect for the chosen format (what the upload sends, and what "ready" checks).
  const effective: ColumnMapping | null = (() => {
    if (!sample) return null;
    if (format === "custom") return mapping;
    if (format.startsWith("template:")) return templates.find((t) => `template:${t.id}` === format)?.mapping ?? null;
    const id = format === "auto" ? detected : (format as PresetId);
    return id ? presetMapping(PRESETS[id], sample.header) : null;
  })();
  const missing = effective ? missingRequired(effective) : ["a format"];

  const formatOptions = [
    ...(detected ? [{ value: "auto", label: `${PRESETS[detected].name} (detected from the header)` }] : []),
    ...PRESET_IDS.filter((id) => id !== detected).map((id) => ({ value: id, label: PRESETS[id].name })),
    ...templates.map((t) => ({ value: `template:${t.id}`, label: `Template: ${t.name}` })),
    { value: "custom", label: "Map the columns myself" },
  ];

  const start = () => {
    if (!file || !effective) return;
    const query = new URLSearchParams({ name: file.name });
    if (format === "custom") query.set("mapping", JSON.stringify(mappingToJson(effective)));
    else if (format.startsWith("template:")) query.set("template", format.slice("template:".length));
    else query.set("preset", format === "auto" ? "auto" : format);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/s/${slug}/api/imports?${query}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.upload.onprogress = (e) => setPhase({ kind: "uploading", loaded: e.loaded, total: e.total || file.size });
    xhr.onload = () => {
      let body: { batchId?: number; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: `The server answered ${xhr.status}.` };
      }
      if (xhr.status >= 400 || !body.batchId) {
        setProblem(body.error ?? `The upload failed (${xhr.status}).`);
        setPhase({ kind: "choose" });
        return;
      }
      setPhase({ kind: "importing", batchId: body.batchId, batch: null });
    };
    xhr.onerror = () => {
      setProblem("The upload was interrupted. Check your connection and try again: nothing is duplicated if part of it already arrived.");
      setPhase({ kind: "choose" });
    };
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    xhr.send(file);
  };

  // Poll the batch while it runs.
  const batchId = phase.kind === "importing" ? phase.batchId : null;
  useEffect(() => {
    if (batchId === null) return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/s/${slug}/api/imports/${batchId}`, { headers: { Accept: "application/json" } });
        const body = (await res.json()) as { batch?: BatchJson; issues?: ListedIssue[]; error?: string };
        if (stopped) return;
        if (!body.batch) {
          setProblem(body.error ?? "The import could not be read.");
          return;
        }
        if (body.batch.status === "running") setPhase({ kind: "importing", batchId, batch: body.batch });
        else {
          setPhase({ kind: "done", batch: body.batch, issues: body.issues ?? [] });
          return;
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, 700);
    };
    let timer = setTimeout(tick, 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, slug]);

  return (
    <>
      <PageHeader
        title="Import orders"
        description="TikTok Shop and Shopify exports, or any CSV. Importing the same file again changes nothing; changed rows update their orders."
        actions={
          <>
            <Button component={Link} to={`/s/${slug}/import/history`} variant="default" leftSection={<IconHistory size={16} />}>
              Import history
            </Button>
            <Button component="a" href={`/s/${slug}/api/imports/template`} variant="default" leftSection={<IconDownload size={16} />} download>
              Generic template
            </Button>
          </>
        }
      />
      <Stack gap="lg" maw={1100}>
        {problem ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} title="That file cannot be imported" withCloseButton onClose={() => setProblem(null)} role="alert">
            {problem}
          </Alert>
        ) : null}

        {phase.kind === "choose" ? (
          <>
            {!file ? (
              <Dropzone
                onDrop={(files) => files[0] && void choose(files[0])}
                onReject={(rejections) => setProblem(rejections[0]?.errors[0]?.message ?? "That file cannot be used.")}
                accept={{ "text/csv": [".csv"], "text/plain": [".csv", ".txt"], "application/vnd.ms-excel": [".csv"] }}
                multiple={false}
                openRef={openRef}
                aria-label="Choose a CSV file to import"
                data-testid="import-dropzone"
              >
                <Group justify="center" gap="lg" mih={160} style={{ pointerEvents: "none" }}>
                  <Dropzone.Accept>
                    <IconUpload size={44} stroke={1.5} />
                  </Dropzone.Accept>
                  <Dropzone.Reject>
                    <IconX size={44} stroke={1.5} />
                  </Dropzone.Reject>
                  <Dropzone.Idle>
                    <IconFileSpreadsheet size={44} stroke={1.5} />
                  </Dropzone.Idle>
                  <div>
                    <Text size="lg" fw={600}>
                      Drop an order export here, or click to choose a file
                    </Text>
                    <Text size="sm" c="dimmed" mt={4}>
                      CSV up to {formatBytes(uploadLimitBytes)}. The format is recognised from the header row.
                    </Text>
                  </div>
                </Group>
              </Dropzone>
            ) : (
              <Paper withBorder p="lg" radius="md">
                <Stack gap="md">
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                      <ThemeIcon variant="light" size="lg">
                        <IconFileSpreadsheet size={20} />
                      </ThemeIcon>
                      <div>
                        <Text fw={600} data-testid="chosen-file">
                          {file.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatBytes(file.size)} · {sample?.header.length} columns
                        </Text>
                      </div>
                    </Group>
                    <Button variant="subtle" onClick={reset}>
                      Choose another file
                    </Button>
                  </Group>
                  <Group align="flex-end" gap="sm">
                    <Select
                      label="Format"
                      data={formatOptions}
                      value={format}
                      onChange={(v) => {
                        const next = v ?? "auto";
                        setFormat(next);
                        if (next === "custom" && !mapping && sample) setMapping(suggestMapping(sample.header));
                      }}
                      allowDeselect={false}
                      w={380}
                      data-testid="import-format"
                      comboboxProps={{ withinPortal: true }}
                    />
                    {detected && format === "auto" ? (
                      <Badge color="green" variant="light" mb={8}>
                        Recognised
                      </Badge>
                    ) : null}
                  </Group>
                  {!detected && format !== "custom" && missing.length ? (
                    <Alert color="yellow" icon={<IconAlertCircle size={18} />}>
                      This file lacks columns the chosen format needs: {missing.join(", ")}. Pick another format or map the columns yourself.
                    </Alert>
                  ) : null}
                  {!detected && format === "custom" ? (
                    <Text size="sm" c="dimmed">
                      The header matches no preset, so map its columns below. Get the{" "}
                      <Anchor href={`/s/${slug}/api/imports/template`}>generic template</Anchor> to see the columns we read.
                    </Text>
                  ) : null}
                  {format === "custom" && mapping && sample ? (
                    <MappingStep shopSlug={slug} header={sample.header} sample={sample.rows} mapping={mapping} onChange={setMapping} timeZone={timeZone} />
                  ) : null}
                  <Group>
                    <Button size="md" leftSection={<IconUpload size={18} />} onClick={start} disabled={missing.length > 0} data-testid="start-import">
                      Import {file.name}
                    </Button>
                    {missing.length && format !== "custom" ? null : missing.length ? (
                      <Text size="sm" c="dimmed">
                        Map the required fields first.
                      </Text>
                    ) : null}
                  </Group>
                </Stack>
              </Paper>
            )}
          </>
        ) : null}

        {phase.kind === "uploading" && file ? <UploadProgress fileName={file.name} loaded={phase.loaded} total={phase.total} /> : null}
        {phase.kind === "importing" ? (
          phase.batch ? (
            <BatchProgress batch={phase.batch} />
          ) : (
            <Paper withBorder p="lg" radius="md" data-testid="import-progress">
              <Stack gap="xs">
                <Text fw={600}>Starting the import…</Text>
                <Progress value={100} size="lg" striped animated aria-label="Import progress" />
              </Stack>
            </Paper>
          )
        ) : null}
        {phase.kind === "done" ? <BatchSummary shopSlug={slug} batch={phase.batch} issues={phase.issues} onAgain={reset} /> : null}
      </Stack>
    </>
  );
}
