// Saved queue views: a menu of the user's views (open one, delete one) and a small form to save
// the current filters under a name.
import { ActionIcon, Badge, Button, Group, Menu, Popover, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useFetcher } from "@remix-run/react";
import { IconBookmark, IconBookmarks, IconTrash } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";

export interface SavedViewItem {
  id: number;
  name: string;
  query: string;
}

interface ViewResult {
  ok: boolean;
  intent?: string;
  message?: string;
}

function useResultNotice(fetcher: { state: string; data?: ViewResult }) {
  const seen = useRef<unknown>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || seen.current === fetcher.data) return;
    seen.current = fetcher.data;
    if (fetcher.data.message) notifications.show({ color: fetcher.data.ok ? "teal" : "red", message: fetcher.data.message });
  }, [fetcher.state, fetcher.data]);
}

export function SavedViewsMenu({ views, currentView, basePath }: { views: SavedViewItem[]; currentView: string; basePath: string }) {
  const fetcher = useFetcher<ViewResult>();
  useResultNotice(fetcher);
  const active = views.find((v) => v.query === currentView);
  return (
    <Group gap={6}>
      {active ? (
        <Badge variant="light" color="indigo" tt="none" leftSection={<IconBookmark size={12} />}>
          {active.name}
        </Badge>
      ) : null}
      <Menu position="bottom-end" withinPortal width={260}>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconBookmarks size={14} />}>
            Saved views{views.length ? ` (${views.length})` : ""}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {views.length === 0 ? (
            <Text size="xs" c="dimmed" p="xs">
              No saved views yet. Set filters, then “Save view”.
            </Text>
          ) : (
            views.map((v) => (
              <Menu.Item
                key={v.id}
                component={Link}
                to={`${basePath}${v.query}`}
                rightSection={
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete view ${v.name}`}
                    onClick={(event) => {
                      event.preventDefault();
                      event.stopPropagation();
                      fetcher.submit({ intent: "delete_view", viewId: String(v.id) }, { method: "post" });
                    }}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                }
              >
                {v.name}
              </Menu.Item>
            ))
          )}
        </Menu.Dropdown>
      </Menu>
      <SaveViewButton currentView={currentView} defaultName={active?.name ?? ""} />
    </Group>
  );
}

function SaveViewButton({ currentView, defaultName }: { currentView: string; defaultName: string }) {
  const fetcher = useFetcher<ViewResult>();
  useResultNotice(fetcher);
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState(defaultName);
  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok && result.intent === "save_view") setOpened(false);
  }, [fetcher.state, result]);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withinPortal trapFocus width={280}>
      <Popover.Target>
        <Button size="xs" variant="light" leftSection={<IconBookmark size={14} />} onClick={() => {
            setOpened((o) => !o);
            if (!name) setName(defaultName);
          }}>
          Save view
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="save_view" />
          <input type="hidden" name="query" value={currentView} />
          <Stack gap="xs">
            <TextInput
              label="View name"
              name="name"
              placeholder="e.g. My overdue UPS cases"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={60}
              required
              data-autofocus
              error={result && !result.ok && result.intent === "save_view" ? result.message : undefined}
            />
            <Text size="xs" c="dimmed">
              Saves the current filters and sort, for you only. An existing name is replaced.
            </Text>
            <Button type="submit" size="xs" loading={fetcher.state !== "idle"} disabled={!name.trim()}>
              Save
            </Button>
          </Stack>
        </fetcher.Form>
      </Popover.Dropdown>
    </Popover>
  );
}
