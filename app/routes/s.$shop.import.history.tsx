import { Alert, Anchor, Button, Group, Paper, ScrollArea, Table, Text, Tooltip } from "@mantine/core";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { IconDownload, IconFileImport, IconHistory, IconPlayerPlay } from "@tabler/icons-react";
import { useEffect } from "react";
import { StatusBadge } from "../components/imports/import-run";
import { EmptyState, PageHeader } from "../components/page";
import { AppError } from "../lib/errors";
import { formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { listBatches } from "../modules/imports/batches.server";
import { batchIdSchema, resumeSchema } from "../modules/imports/schemas";
import { resumeImport } from "../modules/imports/uploads.server";
import { count, formatBytes, formatDateTime, formatDuration } from "../modules/orders/format";

export const meta: MetaFunction = () => [{ title: "Import history · Parcel Desk" }];

const PRESET_NAMES: Record<string, string> = { tiktok: "TikTok Shop", shopify: "Shopify", generic: "Generic template", custom: "Own mapping" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.view");
  const before = new URL(request.url).searchParams.get("before");
  const cursor = before ? batchIdSchema.safeParse(before) : null;
  if (cursor && !cursor.success) throw data({ message: "Invalid page: before must be an import number." }, { status: 400 });
  const { batches, more } = await listBatches(ctx.scope, { before: cursor?.data });
  return { slug: ctx.shop.slug, timeZone: ctx.shop.timeZone, canImport: ctx.can("orders.import"), batches, more, paged: Boolean(cursor) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "orders.import");
  const parsed = resumeSchema.safeParse(formObject(await request.formData()));
  if (!parsed.success) return data({ ok: false, message: "That import could not be resumed: the request was malformed." }, { status: 400 });
  try {
    await resumeImport(ctx.scope, parsed.data.batchId, ctx.user.userId);
    return data({ ok: true, message: `Import #${parsed.data.batchId} is running again; it picks up where it stopped.` });
  } catch (error) {
    if (error instanceof AppError) return data({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function ImportHistory() {
  const { slug, timeZone, canImport, batches, more, paged } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = batches.some((b) => b.status === "running");
  // While an import runs, keep its row's counts moving.
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(t);
  }, [running, revalidator]);

  return (
    <>
      <PageHeader
        title="Import history"
        description="Every file imported into this shop, with what it did. Interrupted imports can be resumed."
        actions={
          canImport ? (
            <Button component={Link} to={`/s/${slug}/import`} leftSection={<IconFileImport size={16} />}>
              Import orders
            </Button>
          ) : null
        }
      />
      {outcome ? (
        <Alert color={outcome.ok ? "green" : "red"} mb="md" role="status">
          {outcome.message}
        </Alert>
      ) : null}
      {batches.length === 0 ? (
        <EmptyState icon={<IconHistory size={26} />} title="No imports yet">
          Imported files appear here with their counts and an error report.{" "}
          {canImport ? <Anchor component={Link} to={`/s/${slug}/import`}>Import your first file.</Anchor> : null}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <ScrollArea>
            <Table striped highlightOnHover miw={1250} data-testid="import-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>Started</Table.Th>
                  <Table.Th ta="right">Rows</Table.Th>
                  <Table.Th ta="right">Created</Table.Th>
                  <Table.Th ta="right">Updated</Table.Th>
                  <Table.Th ta="right">Unchanged</Table.Th>
                  <Table.Th ta="right">Rejected</Table.Th>
                  <Table.Th ta="right">Errors</Table.Th>
                  <Table.Th>Took</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.map((b) => {
                  const took = b.finishedAt ? new Date(b.finishedAt).getTime() - new Date(b.startedAt).getTime() : null;
                  const preset = b.preset.startsWith("template:") ? `Template "${b.preset.slice(9)}"` : (PRESET_NAMES[b.preset] ?? b.preset);
                  const resuming = navigation.state !== "idle" && navigation.formData?.get("batchId") === String(b.id);
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Td>{b.id}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {b.fileName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatBytes(b.fileBytes)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{preset}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{b.createdBy ?? "CLI"}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(b.startedAt, timeZone)}</Table.Td>
                      <Table.Td ta="right">{count(b.records)}</Table.Td>
                      <Table.Td ta="right">
                        {b.created ? <Anchor component={Link} to={`/s/${slug}/orders?batch=${b.id}`}>{count(b.created)}</Anchor> : 0}
                      </Table.Td>
                      <Table.Td ta="right">{count(b.updated)}</Table.Td>
                      <Table.Td ta="right">{count(b.unchanged)}</Table.Td>
                      <Table.Td ta="right">{count(b.rejected)}</Table.Td>
                      <Table.Td ta="right">
                        {b.errors || b.warnings ? (
                          <Tooltip label={`${count(b.errors)} errors, ${count(b.warnings)} warnings`}>
                            <span>{count(b.errors)}</span>
                          </Tooltip>
                        ) : (
                          0
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{took !== null ? formatDuration(took) : "—"}</Table.Td>
                      <Table.Td miw={120}>
                        <Tooltip label={b.failure ?? ""} disabled={!b.failure} multiline w={320}>
                          <span>
                            <StatusBadge status={b.status} />
                          </span>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap" justify="flex-end">
                          {b.resumable && canImport ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="resume" />
                              <input type="hidden" name="batchId" value={b.id} />
                              <Button type="submit" size="xs" leftSection={<IconPlayerPlay size={14} />} loading={resuming}>
                                Resume
                              </Button>
                            </Form>
                          ) : null}
                          {b.errors || b.warnings ? (
                            <Button
                              component="a"
                              href={`/s/${slug}/api/imports/${b.id}/errors`}
                              size="xs"
                              variant="light"
                              leftSection={<IconDownload size={14} />}
                              download
                              aria-label={`Download the error report of import ${b.id}`}
                            >
                              Errors
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {more || paged ? (
            <Group justify="space-between" p="sm">
              {paged ? <Anchor component={Link} to={`/s/${slug}/import/history`}>Newest imports</Anchor> : <span />}
              {more ? (
                <Anchor component={Link} to={`/s/${slug}/import/history?before=${batches[batches.length - 1].id}`}>
                  Older imports
                </Anchor>
              ) : null}
            </Group>
          ) : null}
        </Paper>
      )}
    </>
  );
}
