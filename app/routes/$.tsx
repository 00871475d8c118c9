// Any URL no route claims: a friendly 404 in the shared error page.
import { data } from "@remix-run/node";
import { ErrorPage } from "../components/error-page";

export async function loader() {
  throw data({ message: "There is no page at this address." }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
