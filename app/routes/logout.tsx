import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { db } from "../lib/db.server";
import { safeRedirect } from "../lib/guard.server";
import { endSession } from "../lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  // An invitation page signs someone out so they can sign in as the invited email, then returns.
  const back = safeRedirect((await request.formData().catch(() => null))?.get("redirectTo"), "");
  return redirect(back ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login", { headers: { "Set-Cookie": await endSession(db(), request) } });
}

export async function loader() {
  return redirect("/");
}
