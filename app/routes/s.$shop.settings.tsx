import { Grid, NavLink, Paper } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { PageHeader } from "../components/page";
import { requireShop } from "../lib/guard.server";

// Each settings page is its own route; this layout only lists them.
const SECTIONS = [
  { path: "", label: "General", description: "Return address, labels, package defaults" },
  { path: "carriers", label: "Carriers", description: "Accounts, handling time, cut-off, holidays" },
  { path: "rules", label: "Assignment rules", description: "Which carrier and service each order gets" },
  { path: "tracking", label: "Tracking", description: "Webhook secret, code mappings, exception thresholds" },
  { path: "sla", label: "Case SLAs", description: "Due times per exception type and severity" },
  { path: "notifications", label: "Buyer messages", description: "Templates and channels" },
  { path: "team", label: "Team", description: "Who has access, and their roles" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params, "settings.view");
  return { slug: ctx.shop.slug };
}

export default function SettingsLayout() {
  const { slug } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/s/${slug}/settings`;
  return (
    <>
      <PageHeader title="Settings" />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p={4} component="nav" aria-label="Settings sections">
            {SECTIONS.map((s) => {
              const to = s.path ? `${base}/${s.path}` : base;
              const active = s.path ? location.pathname.startsWith(to) : location.pathname.replace(/\/$/, "") === base;
              return <NavLink key={s.label} component={Link} to={to} label={s.label} description={s.description} active={active} />;
            })}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Outlet />
        </Grid.Col>
      </Grid>
    </>
  );
}
