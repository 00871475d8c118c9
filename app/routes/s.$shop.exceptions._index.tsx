import { Alert, Badge, Button, Group, List, Stack, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useNavigate, type ShouldRevalidateFunction } from "@remix-run/react";
import { IconChevronLeft, IconChevronRight, IconCircleCheck, IconFilterOff } from "@tabler/icons-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BulkBar, VIEW_ONLY_REASON } from "../components/exceptions/bulk-bar";
import { QueueFilterBar } from "../components/exceptions/queue-filters";
import { QueueTable, type QueueTableRow } from "../components/exceptions/queue-table";
import { EMPTY_RESOLVE_DRAFT, ResolveDialog, type ResolveDraft } from "../components/exceptions/resolve-dialog";
import { SavedViewsMenu } from "../components/exceptions/saved-views";
import { type Shortcut, ShortcutHelp, ShortcutHint, useShortcuts } from "../components/exceptions/shortcuts";
import { EmptyState, PageHeader } from "../components/page";
import { AppError } from "../lib/errors";
import { formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { bulkAssign, type BulkResult, bulkResolve } from "../modules/exceptions/case-actions.server";
import { assignableMembers } from "../modules/exceptions/case-view.server";
import { parseQueueQuery, type QueueQuery, queueSearch, viewSearch } from "../modules/exceptions/queue-query";
import { loadQueue } from "../modules/exceptions/queue.server";
import { deleteView, listSavedViews, saveView } from "../modules/exceptions/saved-views.server";
import { queueActionSchema } from "../modules/exceptions/schemas";
import { RESOLUTION_LABELS } from "../modules/exceptions/workflow";
import { EXCEPTION_TYPE_LABELS, EXCEPTION_TYPES } from "../modules/vocabulary/shipments";

export const meta: MetaFunction = () => [{ title: "Exceptions · Parcel Desk" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "cases.view");
  const url = new URL(request.url);
  const { query, problems } = parseQueueQuery(url.searchParams);
  const now = new Date();
  const [page, views, assignees] = await Promise.all([
    loadQueue(ctx.scope, query, { userId: ctx.user.userId, now, timeZone: ctx.shop.timeZone }),
    listSavedViews(ctx.scope, ctx.user.userId),
    assignableMembers(ctx.scope),
  ]);
  return {
    shop: { slug: ctx.shop.slug, timeZone: ctx.shop.timeZone },
    canAct: ctx.can("cases.act"),
    now,
    query,
    problems,
    search: queueSearch(query),
    view: viewSearch(query),
    rows: page.rows.map(({ cursor: _cursor, ...row }) => row),
    counts: page.counts,
    total: page.total,
    nextSearch: page.next ? queueSearch(query, { after: page.next, before: undefined }) : null,
    prevSearch: page.prev ? queueSearch(query, { before: page.prev, after: undefined }) : null,
    views,
    assignees,
  };
}

type ActionResult =
  | { ok: true; intent: string; message: string; result?: BulkResult }
  | { ok: false; intent: string; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = formObject(await request.formData());
  const viewsOnly = form.intent === "save_view" || form.intent === "delete_view";
  const ctx = await requireShop(request, params, viewsOnly ? "cases.view" : "cases.act");
  const intent = form.intent ?? "";
  const parsed = queueActionSchema.safeParse(form);
  if (!parsed.success) return data<ActionResult>({ ok: false, intent, message: parsed.error.issues[0].message }, { status: 400 });
  const input = parsed.data;
  const actor = { userId: ctx.user.userId, role: ctx.role };
  try {
    switch (input.intent) {
      case "assign": {
        const assigneeId = input.assignee === "me" ? actor.userId : input.assignee === "none" ? null : Number(input.assignee);
        const result = await bulkAssign(ctx.scope, actor, { cases: input.cases, assigneeId });
        const who = assigneeId === null ? "nobody" : assigneeId === actor.userId ? "you" : "them";
        return data<ActionResult>({ ok: true, intent, result, message: `${plural(result.done.length)} assigned to ${who}.` });
      }
      case "resolve": {
        const result = await bulkResolve(ctx.scope, actor, { cases: input.cases, code: input.code, note: input.note });
        return data<ActionResult>({ ok: true, intent, result, message: `${plural(result.done.length)} resolved as ${RESOLUTION_LABELS[input.code]}.` });
      }
      case "save_view": {
        const view = await saveView(ctx.scope, actor.userId, { name: input.name, query: input.query });
        return data<ActionResult>({ ok: true, intent, message: `Saved the view “${view.name}”.` });
      }
      case "delete_view": {
        await deleteView(ctx.scope, actor.userId, input.viewId);
        return data<ActionResult>({ ok: true, intent, message: "Deleted the view." });
      }
    }
  } catch (error) {
    if (error instanceof AppError) return data<ActionResult>({ ok: false, intent, message: error.message }, { status: error.status });
    throw error;
  }
}

const plural = (n: number) => `${n} case${n === 1 ? "" : "s"}`;

export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

const SHORTCUTS: Shortcut[] = [
  { keys: ["j", "↓"], label: "next case" },
  { keys: ["k", "↑"], label: "previous case" },
  { keys: ["Enter"], label: "open the case" },
  { keys: ["x"], label: "select / unselect" },
  { keys: ["a"], label: "assign to me" },
  { keys: ["r"], label: "resolve" },
];
const MORE_SHORTCUTS: Shortcut[] = [...SHORTCUTS, { keys: ["]"], label: "next page" }, { keys: ["["], label: "previous page" }, { keys: ["?"], label: "this help" }];

export default function ExceptionsQueue() {
  const d = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const fetcher = useFetcher<ActionResult>();
  const base = `/s/${d.shop.slug}/exceptions`;
  const rows: QueueTableRow[] = d.rows;
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Map<number, number>>(() => new Map());
  const [resolveOpen, setResolveOpen] = useState(false);
  const [resolveTargets, setResolveTargets] = useState<QueueTableRow[]>([]);
  const [draft, setDraft] = useState<ResolveDraft>(EMPTY_RESOLVE_DRAFT);
  const [help, setHelp] = useState(false);
  const [result, setResult] = useState<ActionResult | null>(null);

  useEffect(() => {
    setFocus(0);
    setSelected(new Map());
  }, [d.search]);
  useEffect(() => setFocus((f) => Math.min(f, Math.max(rows.length - 1, 0))), [rows.length]);

  // One result per finished submission: show it, drop the done cases from the selection.
  const seen = useRef<unknown>(null);
  useEffect(() => {
    const r = fetcher.data;
    if (fetcher.state !== "idle" || !r || seen.current === r) return;
    seen.current = r;
    setResult(r);
    if (r.ok && r.result) {
      const done = new Set(r.result.done.map((x) => x.caseId));
      setSelected((s) => new Map([...s].filter(([id]) => !done.has(id))));
      if (r.intent === "resolve") {
        setResolveOpen(false);
        // Keep the note while any case was refused, so it can be sent again.
        if (r.result.refused.length === 0) setDraft(EMPTY_RESOLVE_DRAFT);
      }
    }
  }, [fetcher.state, fetcher.data]);

  const go = useCallback((changes: Partial<Record<keyof QueueQuery, unknown>>) => {
    navigate(`${base}${queueSearch(d.query as QueueQuery, { ...changes, after: undefined, before: undefined })}`);
  }, [navigate, base, d.query]);

  const caseHref = useCallback((id: number) => `${base}/${id}${d.search ? `?back=${encodeURIComponent(d.search)}` : ""}`, [base, d.search]);
  const targets = (): QueueTableRow[] => (selected.size ? rows.filter((r) => selected.has(r.id)) : rows[focus] ? [rows[focus]] : []);
  const refs = (list: { id: number; version: number }[]) => list.map((r) => `${r.id}:${r.version}`).join(",");

  const assign = (assignee: string, list = targets()) => {
    if (!d.canAct) return notifications.show({ color: "gray", message: VIEW_ONLY_REASON });
    if (list.length) fetcher.submit({ intent: "assign", cases: refs(list), assignee }, { method: "post" });
  };
  const openResolve = () => {
    if (!d.canAct) return notifications.show({ color: "gray", message: VIEW_ONLY_REASON });
    const list = targets();
    if (!list.length) return;
    setResolveTargets(list);
    setResolveOpen(true);
  };
  const toggle = (row: { id: number; version: number }) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.version);
      return next;
    });

  useShortcuts({
    j: () => setFocus((f) => Math.min(f + 1, rows.length - 1)),
    ArrowDown: () => setFocus((f) => Math.min(f + 1, rows.length - 1)),
    k: () => setFocus((f) => Math.max(f - 1, 0)),
    ArrowUp: () => setFocus((f) => Math.max(f - 1, 0)),
    Enter: () => rows[focus] && navigate(caseHref(rows[focus].id)),
    o: () => rows[focus] && navigate(caseHref(rows[focus].id)),
    x: () => rows[focus] && toggle(rows[focus]),
    a: () => assign("me"),
    r: openResolve,
    "]": () => d.nextSearch && navigate(`${base}${d.nextSearch}`),
    "[": () => d.prevSearch && navigate(`${base}${d.prevSearch}`),
    "?": () => setHelp(true),
  });

  const countOf = useMemo(() => new Map(d.counts.map((c) => [c.type, c])), [d.counts]);
  const allTotal = d.counts.reduce((n, c) => n + c.total, 0);
  const allOverdue = d.counts.reduce((n, c) => n + c.overdue, 0);
  const firstIndex = rows.length ? 1 : 0;
  const busy = fetcher.state !== "idle";

  return (
    <Stack gap="md">
      <PageHeader
        title="Exceptions"
        description={`${allTotal.toLocaleString("en-US")} case${allTotal === 1 ? "" : "s"} in this view · ${allOverdue.toLocaleString("en-US")} overdue`}
        actions={<SavedViewsMenu views={d.views} currentView={d.view} basePath={base} />}
      />
      {d.problems.length ? (
        <Alert color="yellow" title="Some filters in the address were ignored">
          <List size="sm">
            {d.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Tabs value={d.query.type ?? "all"} onChange={(v) => go({ type: v === "all" ? undefined : (v ?? undefined) })} keepMounted={false}>
        <Tabs.List style={{ flexWrap: "wrap" }}>
          <Tabs.Tab value="all" rightSection={<Badge size="sm" variant="light" color="gray">{allTotal.toLocaleString("en-US")}</Badge>}>
            All types
          </Tabs.Tab>
          {EXCEPTION_TYPES.filter((t) => countOf.get(t) || d.query.type === t).map((t) => {
            const c = countOf.get(t);
            return (
              <Tabs.Tab
                key={t}
                value={t}
                rightSection={
                  <Group gap={4} wrap="nowrap">
                    <Badge size="sm" variant="light" color="gray">
                      {(c?.total ?? 0).toLocaleString("en-US")}
                    </Badge>
                    {c?.overdue ? (
                      <Badge size="sm" color="red" title={`${c.overdue} overdue`}>
                        {c.overdue.toLocaleString("en-US")}
                      </Badge>
                    ) : null}
                  </Group>
                }
              >
                {EXCEPTION_TYPE_LABELS[t]}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <QueueFilterBar query={d.query as QueueQuery} assignees={d.assignees} onChange={go} />
      {selected.size > 0 ? (
        <BulkBar
          count={selected.size}
          assignees={d.assignees}
          canAct={d.canAct}
          busy={busy}
          onAssign={(a) => assign(a)}
          onResolve={openResolve}
          onClear={() => setSelected(new Map())}
        />
      ) : null}
      {result ? <ResultAlert result={result} onClose={() => setResult(null)} /> : null}
      {rows.length === 0 ? (
        allTotal === 0 && d.view === "" ? (
          <EmptyState icon={<IconCircleCheck size={26} />} title="Nothing needs attention">
            There are no unresolved cases. New ones appear here as soon as a tracking rule flags a shipment.
          </EmptyState>
        ) : (
          <EmptyState icon={<IconFilterOff size={26} />} title="No cases match this view">
            <Button component={Link} to={base} variant="light" size="xs" mt="xs">
              Show all unresolved cases
            </Button>
          </EmptyState>
        )
      ) : (
        <QueueTable
          rows={rows}
          caseHref={caseHref}
          focusIndex={focus}
          onFocusRow={setFocus}
          selected={selected}
          onToggle={toggle}
          onToggleAll={() => setSelected(rows.every((r) => selected.has(r.id)) ? new Map() : new Map(rows.map((r) => [r.id, r.version])))}
          now={d.now}
          timeZone={d.shop.timeZone}
        />
      )}
      <Group justify="space-between" wrap="wrap">
        <ShortcutHint shortcuts={SHORTCUTS} onHelp={() => setHelp(true)} />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {rows.length ? `${firstIndex}–${rows.length} shown of ${d.total.toLocaleString("en-US")}` : ""}
          </Text>
          <Button size="xs" variant="default" leftSection={<IconChevronLeft size={14} />} disabled={!d.prevSearch} component={Link} to={`${base}${d.prevSearch ?? ""}`}>
            Previous
          </Button>
          <Button size="xs" variant="default" rightSection={<IconChevronRight size={14} />} disabled={!d.nextSearch} component={Link} to={`${base}${d.nextSearch ?? ""}`}>
            Next
          </Button>
        </Group>
      </Group>
      <ResolveDialog
        opened={resolveOpen}
        onClose={() => setResolveOpen(false)}
        title={resolveTargets.length === 1 ? `Resolve case #${resolveTargets[0].id} (order ${resolveTargets[0].orderExternalId})` : `Resolve ${resolveTargets.length} cases`}
        draft={draft}
        onDraft={setDraft}
        submitting={busy}
        error={result && !result.ok && result.intent === "resolve" ? result.message : null}
        onSubmit={() => fetcher.submit({ intent: "resolve", cases: refs(resolveTargets), code: draft.code, note: draft.note }, { method: "post" })}
      />
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} title="Queue shortcuts" shortcuts={MORE_SHORTCUTS} />
    </Stack>
  );
}

function ResultAlert({ result, onClose }: { result: ActionResult; onClose: () => void }) {
  const refused = result.ok ? (result.result?.refused ?? []) : [];
  const color = !result.ok ? "red" : refused.length ? "yellow" : "teal";
  return (
    <Alert color={color} withCloseButton onClose={onClose} role={result.ok && !refused.length ? "status" : "alert"} data-testid="action-result">
      <Text size="sm" fw={500}>
        {result.message}
        {refused.length ? ` ${plural(refused.length)} refused:` : ""}
      </Text>
      {refused.length ? (
        <List size="sm" mt={4}>
          {refused.map((r) => (
            <List.Item key={r.caseId}>
              Case #{r.caseId}
              {r.orderExternalId ? ` (order ${r.orderExternalId})` : ""}: {r.reason}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
