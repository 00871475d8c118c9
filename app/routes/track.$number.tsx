// /track/<tracking number>: the buyer's tracking page when the link names no shop (older links, a
// number typed into /track). It shows a parcel only when exactly one shop holds the number.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrackingPageView } from "../components/public-tracking/tracking-page";
import { trackingAction, trackingHeaders, trackingLoader } from "../modules/public-tracking/http.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => trackingLoader(request, { number: params.number });
export const action = ({ request, params }: ActionFunctionArgs) => trackingAction(request, { number: params.number });
export const headers = trackingHeaders;
export default TrackingPageView;
