import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { db } from "../lib/db.server";
import { endSession } from "../lib/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await endSession(db(), request) } });
}

export async function loader() {
  return redirect("/");
}
