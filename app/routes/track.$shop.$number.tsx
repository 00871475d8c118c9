// /track/<shop>/<tracking number>: the buyer's tracking page as buyer messages link it. The number is
// looked up in that shop only, so no other shop can change what this shop's buyers see.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TrackingPageView } from "../components/public-tracking/tracking-page";
import { trackingAction, trackingHeaders, trackingLoader } from "../modules/public-tracking/http.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => trackingLoader(request, { number: params.number, shop: params.shop ?? "" });
export const action = ({ request, params }: ActionFunctionArgs) => trackingAction(request, { number: params.number, shop: params.shop ?? "" });
export const headers = trackingHeaders;
export default TrackingPageView;
