// Prometheus scrape target. Off (404) unless METRICS_TOKEN is set; then a bearer token is required.
// The token is read per request from the process environment, like the rest of the server config.
import type { RequestHandler } from './$types';
import { metricsResponse } from '$lib/server/metrics';

export const GET: RequestHandler = ({ request }) =>
	metricsResponse(request, process.env.METRICS_TOKEN);
