import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { Shell } from "../components/app-shell";
import { ErrorPage } from "../components/error-page";
import { requireShop } from "../lib/guard.server";
import { countOverdueCases } from "../modules/exceptions/overdue.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireShop(request, params);
  return {
    shop: ctx.shop,
    role: ctx.role,
    user: { name: ctx.user.name, email: ctx.user.email },
    memberships: ctx.memberships.map((m) => ({ slug: m.slug, name: m.name, role: m.role })),
    overdueCases: await countOverdueCases(ctx.scope),
  };
}

export default function ShopLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <Shell {...data}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
