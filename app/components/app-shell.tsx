// The signed-in frame: header with shop switcher, colour scheme toggle and user menu; navigation
// with the overdue-case badge; the page in the middle.
import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useLocation } from "@remix-run/react";
import {
  IconAlertTriangle,
  IconBuildingStore,
  IconChartBar,
  IconCheck,
  IconChevronDown,
  IconFileImport,
  IconHome,
  IconLogout,
  IconMoon,
  IconPackage,
  IconSettings,
  IconSun,
  IconTruckDelivery,
  IconUserCircle,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Role } from "../../db/types";

export interface ShellProps {
  shop: { slug: string; name: string };
  role: Role;
  user: { name: string; email: string };
  memberships: { slug: string; name: string; role: Role }[];
  overdueCases: number;
  children: ReactNode;
}

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", fulfilment: "Fulfilment", support: "Support" };

export function Shell({ shop, role, user, memberships, overdueCases, children }: ShellProps) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const base = `/s/${shop.slug}`;
  const nav = [
    { to: base, label: "Home", icon: IconHome, exact: true },
    { to: `${base}/orders`, label: "Orders", icon: IconPackage },
    { to: `${base}/import`, label: "Import", icon: IconFileImport },
    { to: `${base}/shipments`, label: "Shipments", icon: IconTruckDelivery },
    { to: `${base}/exceptions`, label: "Exceptions", icon: IconAlertTriangle, badge: overdueCases },
    { to: `${base}/analytics`, label: "Analytics", icon: IconChartBar },
    { to: `${base}/settings`, label: "Settings", icon: IconSettings },
  ];
  const isActive = (to: string, exact?: boolean) =>
    exact ? location.pathname === to || location.pathname === `${to}/` : location.pathname.startsWith(to);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text component={Link} to={base} fw={800} fz="lg" c="indigo" style={{ textDecoration: "none" }}>
              Parcel Desk
            </Text>
            <ShopSwitcher current={shop} memberships={memberships} />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu user={user} role={role} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {nav.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            prefetch="intent"
            active={isActive(item.to, item.exact)}
            leftSection={<item.icon size={18} stroke={1.6} />}
            onClick={close}
            rightSection={
              item.badge ? (
                <Tooltip label={`${item.badge} overdue case${item.badge === 1 ? "" : "s"}`}>
                  <Badge color="red" size="sm" variant="filled" aria-label={`${item.badge} overdue`}>
                    {item.badge}
                  </Badge>
                </Tooltip>
              ) : null
            }
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

function ShopSwitcher({ current, memberships }: { current: { slug: string; name: string }; memberships: ShellProps["memberships"] }) {
  if (memberships.length < 2) {
    return (
      <Group gap={6} visibleFrom="xs">
        <IconBuildingStore size={16} />
        <Text size="sm" fw={500} data-testid="current-shop">
          {current.name}
        </Text>
      </Group>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Switch shop" data-testid="shop-switcher">
          <Group gap={6}>
            <IconBuildingStore size={16} />
            <Text size="sm" fw={500} data-testid="current-shop">
              {current.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your shops</Menu.Label>
        {memberships.map((m) => (
          <Menu.Item
            key={m.slug}
            component={Link}
            to={`/s/${m.slug}`}
            rightSection={m.slug === current.slug ? <IconCheck size={14} /> : <Text size="xs" c="dimmed">{ROLE_LABEL[m.role]}</Text>}
          >
            {m.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light", { getInitialValueInEffect: true });
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label="Toggle light or dark theme"
      onClick={() => setColorScheme(computed === "light" ? "dark" : "light")}
    >
      {computed === "light" ? <IconMoon size={18} /> : <IconSun size={18} />}
    </ActionIcon>
  );
}

function UserMenu({ user, role }: { user: { name: string; email: string }; role: Role }) {
  const initials = user.name
    .split(/\s+/)
    .map((w) => w[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" data-testid="user-menu">
          <Group gap={8}>
            <Avatar size={30} radius="xl" color="indigo">
              {initials}
            </Avatar>
            <Text size="sm" visibleFrom="sm">
              {user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {ROLE_LABEL[role]}
        </Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          Account and password
        </Menu.Item>
        <Form method="post" action="/logout">
          <Menu.Item component="button" type="submit" leftSection={<IconLogout size={16} />}>
            Sign out
          </Menu.Item>
        </Form>
      </Menu.Dropdown>
    </Menu>
  );
}
