import { Alert, Anchor, Badge, Code, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, type ShouldRevalidateFunction, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { IconArrowLeft, IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import type { CaseState } from "../../db/types";
import { CaseActionBar } from "../components/exceptions/case-action-bar";
import { SeverityBadge, SlaBadge, StateBadge, TypeBadge } from "../components/exceptions/case-badges";
import { Card, OrderCard, RelatedCases, ShipmentCard } from "../components/exceptions/case-cards";
import { MessageComposer, NoteComposer, WorkTabs } from "../components/exceptions/case-work";
import { ConflictAlert } from "../components/exceptions/conflict-alert";
import { formatDateTime } from "../components/exceptions/format";
import { EMPTY_RESOLVE_DRAFT, ResolveDialog, type ResolveDraft } from "../components/exceptions/resolve-dialog";
import { type Shortcut, ShortcutHelp, ShortcutHint, useShortcuts } from "../components/exceptions/shortcuts";
import { TrackingTimeline } from "../components/tracking/timeline";
import { AppError } from "../lib/errors";
import { formObject } from "../lib/forms";
import { requireShop } from "../lib/guard.server";
import { httpError, orHttpError } from "../lib/http.server";
import { carrierName } from "../modules/carriers/registry";
import { addCaseNote, assignCase, changeCaseState, messageBuyer, reopenCase, resolveCase } from "../modules/exceptions/case-actions.server";
import { isVersionConflict } from "../modules/exceptions/version-check.server";
import { loadCaseView } from "../modules/exceptions/case-view.server";
import type { VersionConflict } from "../modules/exceptions/conflict-message";
import { caseActionSchema, caseIdParam } from "../modules/exceptions/schemas";
import { slaOutcome } from "../modules/exceptions/sla";
import { RESOLUTION_LABELS, resolutionLabel, STATE_LABELS } from "../modules/exceptions/workflow";
import { EXCEPTION_TYPE_LABELS } from "../modules/vocabulary/shipments";
import { CASE_MESSAGE_TEMPLATES } from "../modules/notifications/outbox.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `Case #${d.view.case.id} · ${EXCEPTION_TYPE_LABELS[d.view.case.type]} · Parcel Desk` : "Case · Parcel Desk" },
];

function caseId(params: { caseId?: string }): number {
  const id = caseIdParam.safeParse(params.caseId);
  if (!id.success) throw httpError(new AppError(404, "Case not found."));
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "cases.view");
  const view = await orHttpError(loadCaseView(ctx.scope, caseId(params), { timeZone: ctx.shop.timeZone }));
  const back = new URL(request.url).searchParams.get("back") ?? "";
  return {
    shop: { slug: ctx.shop.slug, timeZone: ctx.shop.timeZone },
    me: ctx.user.userId,
    canAct: ctx.can("cases.act"),
    canPrintLabels: ctx.can("labels.print"),
    now: new Date(),
    back: /^\?[\w=&%.:,+-]{0,1500}$/.test(back) ? back : "",
    view,
    templates: Object.entries(CASE_MESSAGE_TEMPLATES).map(([key, t]) => ({ key, label: t.label, subject: t.subject, body: t.body })),
  };
}

type ActionResult = { ok: true; intent: string; message: string } | { ok: false; intent: string; message: string; conflict?: VersionConflict };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireShop(request, params, "cases.act");
  const id = caseId(params);
  const form = formObject(await request.formData());
  const intent = form.intent ?? "";
  const parsed = caseActionSchema.safeParse(form);
  if (!parsed.success) return data<ActionResult>({ ok: false, intent, message: parsed.error.issues[0].message }, { status: 400 });
  const input = parsed.data;
  const actor = { userId: ctx.user.userId, role: ctx.role };
  const ref = { caseId: id, version: input.version };
  try {
    let message: string;
    switch (input.intent) {
      case "assign": {
        const assigneeId = input.assignee === "me" ? actor.userId : input.assignee === "none" ? null : Number(input.assignee);
        await assignCase(ctx.scope, actor, { ...ref, assigneeId });
        message = assigneeId === null ? "Unassigned." : assigneeId === actor.userId ? "Assigned to you." : "Reassigned.";
        break;
      }
      case "state":
        await changeCaseState(ctx.scope, actor, { ...ref, state: input.state });
        message = `Moved to ${STATE_LABELS[input.state]}.`;
        break;
      case "resolve":
        await resolveCase(ctx.scope, actor, { ...ref, code: input.code, note: input.note });
        message = `Resolved: ${RESOLUTION_LABELS[input.code]}.`;
        break;
      case "reopen":
        await reopenCase(ctx.scope, actor, { ...ref, reason: input.reason });
        message = "Reopened.";
        break;
      case "note":
        await addCaseNote(ctx.scope, actor, { ...ref, body: input.body });
        message = "Note added.";
        break;
      case "message":
        await messageBuyer(ctx.scope, actor, { ...ref, template: input.template });
        message = "Message queued for the buyer.";
        break;
    }
    return data<ActionResult>({ ok: true, intent, message });
  } catch (error) {
    if (isVersionConflict(error)) return data<ActionResult>({ ok: false, intent, message: error.message, conflict: error.details }, { status: 409 });
    if (error instanceof AppError) return data<ActionResult>({ ok: false, intent, message: error.message }, { status: error.status });
    throw error;
  }
}

// A refused (409) change must still bring the page up to date, or the next try would be stale too.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

const SHORTCUTS: Shortcut[] = [
  { keys: ["a"], label: "assign to me" },
  { keys: ["n"], label: "write a note" },
  { keys: ["m"], label: "message the buyer" },
  { keys: ["s"], label: "change state" },
  { keys: ["r"], label: "resolve" },
  { keys: ["u"], label: "back to the queue" },
];
const ALL_SHORTCUTS: Shortcut[] = [...SHORTCUTS, { keys: ["Ctrl", "Enter"], label: "submit the note or resolution you are typing" }, { keys: ["?"], label: "this help" }];

/** A fetcher that calls `onDone` once per result. */
function useCaseFetcher(onDone: (result: ActionResult) => void) {
  const fetcher = useFetcher<ActionResult>();
  const seen = useRef<unknown>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data && seen.current !== fetcher.data) {
      seen.current = fetcher.data;
      done.current(fetcher.data);
    }
  }, [fetcher.state, fetcher.data]);
  return fetcher;
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const { view } = d;
  const c = view.case;
  const navigate = useNavigate();
  const queueHref = `/s/${d.shop.slug}/exceptions${d.back}`;
  const caseHref = (id: number) => `/s/${d.shop.slug}/exceptions/${id}${d.back ? `?back=${encodeURIComponent(d.back)}` : ""}`;
  const [note, setNote] = useState("");
  const [template, setTemplate] = useState("");
  const [resolveOpen, setResolveOpen] = useState(false);
  const [resolveDraft, setResolveDraft] = useState<ResolveDraft>(EMPTY_RESOLVE_DRAFT);
  const [stateMenu, setStateMenu] = useState(false);
  const [help, setHelp] = useState(false);
  const [tab, setTab] = useState<string | null>("notes");
  const [refusal, setRefusal] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const templateRef = useRef<HTMLSelectElement>(null);

  const report = (result: ActionResult, onOk?: () => void) => {
    if (result.ok) {
      setRefusal(null);
      notifications.show({ color: "teal", message: result.message });
      onOk?.();
    } else {
      setRefusal(result);
    }
  };
  const quick = useCaseFetcher((r) => report(r));
  const noteFetcher = useCaseFetcher((r) => report(r, () => setNote("")));
  const messageFetcher = useCaseFetcher((r) => report(r, () => setTemplate("")));
  const resolveFetcher = useCaseFetcher((r) =>
    report(r, () => {
      setResolveOpen(false);
      setResolveDraft(EMPTY_RESOLVE_DRAFT);
    }),
  );
  const version = String(c.version);
  const post = (fetcher: ReturnType<typeof useCaseFetcher>, fields: Record<string, string>) => fetcher.submit({ ...fields, version }, { method: "post" });
  const assign = (assignee: string) => d.canAct && post(quick, { intent: "assign", assignee });
  const resolved = c.state === "resolved";

  useShortcuts({
    a: () => !resolved && c.assigneeId !== d.me && assign("me"),
    r: () => d.canAct && !resolved && setResolveOpen(true),
    s: () => d.canAct && !resolved && setStateMenu(true),
    n: () => {
      setTab("notes");
      setTimeout(() => noteRef.current?.focus(), 0);
    },
    m: () => templateRef.current?.focus(),
    u: () => navigate(queueHref),
    "?": () => setHelp(true),
  });

  const conflict = refusal?.conflict ? <ConflictAlert conflict={refusal.conflict} message={refusal.message} timeZone={d.shop.timeZone} onClose={() => setRefusal(null)} /> : null;
  const outcome = resolved && c.resolvedAt ? slaOutcome(new Date(c.slaDueAt), new Date(c.resolvedAt)) : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={queueHref} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Back to the queue
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2}>
              {EXCEPTION_TYPE_LABELS[c.type]} · order {view.order.externalId}
            </Title>
            <Text c="dimmed" size="sm">
              Case #{c.id}
            </Text>
          </Group>
          <Group gap={6}>
            <TypeBadge type={c.type} />
            <StateBadge state={c.state} />
            <SeverityBadge severity={c.severity} />
            <SlaBadge dueAt={c.slaDueAt} now={d.now} timeZone={d.shop.timeZone} resolved={resolved} />
            {outcome ? (
              <Badge color={outcome === "met" ? "teal" : "red"} variant="light" tt="none">
                SLA {outcome}
              </Badge>
            ) : null}
            <Text size="sm" c="dimmed" data-testid="assignee">
              {c.assigneeName ? `Assigned to ${c.assigneeName}` : "Unassigned"}
            </Text>
          </Group>
        </Stack>
        <CaseActionBar
          state={c.state as CaseState}
          assigneeId={c.assigneeId}
          meId={d.me}
          assignees={view.assignees}
          canAct={d.canAct}
          busy={quick.state !== "idle"}
          stateMenuOpen={stateMenu}
          onStateMenu={setStateMenu}
          onAssign={assign}
          onState={(s) => post(quick, { intent: "state", state: s })}
          onResolve={() => setResolveOpen(true)}
          onReopen={() => post(quick, { intent: "reopen" })}
        />
      </Group>
      {conflict}
      {refusal && !refusal.conflict ? (
        <Alert color="red" role="alert" withCloseButton onClose={() => setRefusal(null)}>
          {refusal.message}
        </Alert>
      ) : null}
      {resolved ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`Resolved${c.resolutionCode ? `: ${resolutionLabel(c.resolutionCode)}` : ""}${c.autoResolved ? " (automatically)" : ""}`}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {c.resolutionNote}
          </Text>
          {c.resolvedAt ? (
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(c.resolvedAt, d.shop.timeZone)}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Card title="Why this case was opened">
              <Text size="sm">{c.reason}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                Rule <Code fz="xs">{c.rule}</Code> · opened {formatDateTime(c.openedAt, d.shop.timeZone)} · {c.signalCount} signal{c.signalCount === 1 ? "" : "s"}, last{" "}
                {formatDateTime(c.lastSignalAt, d.shop.timeZone)}
              </Text>
              {view.signals.length > 1 ? (
                <Stack gap={2} mt="xs">
                  {view.signals.map((s) => (
                    <Text key={s.id} size="xs">
                      {formatDateTime(s.at, d.shop.timeZone)} · <Code fz="xs">{s.rule}</Code> {s.reason}
                    </Text>
                  ))}
                </Stack>
              ) : null}
            </Card>
            <Card title={`Tracking · ${carrierName(view.shipment.carrierCode)} ${view.shipment.trackingNumber}`}>
              <TrackingTimeline timeline={view.timeline} />
            </Card>
            <WorkTabs
              tab={tab}
              onTab={setTab}
              notes={view.notes}
              activity={view.activity}
              messages={view.messages}
              shopSlug={d.shop.slug}
              timeZone={d.shop.timeZone}
              canAct={d.canAct}
              composer={<NoteComposer ref={noteRef} value={note} onChange={setNote} onSubmit={() => post(noteFetcher, { intent: "note", body: note })} busy={noteFetcher.state !== "idle"} canAct={d.canAct} />}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <MessageComposer
              ref={templateRef}
              templates={d.templates}
              value={template}
              onChange={setTemplate}
              onSend={() => post(messageFetcher, { intent: "message", template })}
              busy={messageFetcher.state !== "idle"}
              canAct={d.canAct}
              recipient={view.order.buyerEmail}
              values={{ firstName: view.order.buyerName.split(/\s+/)[0] ?? "", orderId: view.order.externalId, carrier: carrierName(view.shipment.carrierCode), trackingNumber: view.shipment.trackingNumber }}
            />
            <OrderCard order={view.order} orderHref={`/s/${d.shop.slug}/orders/${view.order.id}`} timeZone={d.shop.timeZone} />
            <ShipmentCard
              shipment={view.shipment}
              labelHref={d.canPrintLabels ? `/s/${d.shop.slug}/api/labels/shipments/${view.shipment.id}/preview` : null}
              timeZone={d.shop.timeZone}
            />
            <RelatedCases cases={view.relatedCases} caseHref={caseHref} timeZone={d.shop.timeZone} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ShortcutHint shortcuts={SHORTCUTS} onHelp={() => setHelp(true)} />
      <ResolveDialog
        opened={resolveOpen}
        onClose={() => setResolveOpen(false)}
        title={`Resolve case #${c.id} (order ${view.order.externalId})`}
        draft={resolveDraft}
        onDraft={setResolveDraft}
        submitting={resolveFetcher.state !== "idle"}
        error={refusal && !refusal.conflict && refusal.intent === "resolve" ? refusal.message : null}
        onSubmit={() => post(resolveFetcher, { intent: "resolve", code: resolveDraft.code, note: resolveDraft.note })}
      >
        {refusal?.intent === "resolve" ? conflict : null}
      </ResolveDialog>
      <ShortcutHelp opened={help} onClose={() => setHelp(false)} title="Case shortcuts" shortcuts={ALL_SHORTCUTS} />
    </Stack>
  );
}
